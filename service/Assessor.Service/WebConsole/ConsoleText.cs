using System.Globalization;
using Assessor.Domain.Reports;

namespace Assessor.Service.WebConsole;

/// <summary>
/// The console's words in Japanese and English. The language is the user's choice kept in a cookie for a year (the switch in
/// every page's header; signing in sets it to the principal's stored choice), else the browser's <c>Accept-Language</c>,
/// else Japanese.
/// </summary>
public sealed class ConsoleText(IHttpContextAccessor accessor)
{
    public const string LanguageCookie = "assessor-console-lang";

    public string Language { get; } = Choose(accessor.HttpContext);

    public bool Japanese => Language == "ja";

    public string this[string key] => Words.TryGetValue(key, out var word) ? (Japanese ? word.Ja : word.En)
        : throw new KeyNotFoundException($"The console has no words for '{key}'.");

    /// <summary>A localized text of the domain (reasons, checklist items), in the user's language.</summary>
    public string Pick(string ja, string en) => Japanese ? ja : en;

    /// <summary>Japan time, as the reports print it.</summary>
    public string Time(DateTimeOffset time) => JapanTime.Time(time);

    public string Yen(decimal amount) => amount.ToString("#,0", CultureInfo.InvariantCulture) + (Japanese ? " 円" : " yen");

    public static bool Knows(string key) => Words.ContainsKey(key);

    public static string Choose(HttpContext? context)
    {
        if (context is null)
        {
            return "ja";
        }

        if (context.Request.Cookies[LanguageCookie] is "ja" or "en")
        {
            return context.Request.Cookies[LanguageCookie]!;
        }

        var accepted = context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return accepted?.Value.Value?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? "en" : "ja";
    }

    private static readonly Dictionary<string, (string En, string Ja)> Words = new(StringComparer.Ordinal)
    {
        ["Assessor console"] = ("Assessor console", "Assessor 審査コンソール"),
        ["Skip to content"] = ("Skip to content", "本文へ移動"),
        ["Language"] = ("Language", "言語"),
        ["Switch"] = ("Switch", "切り替え"),
        ["Sign in"] = ("Sign in", "サインイン"),
        ["Sign out"] = ("Sign out", "サインアウト"),
        ["API key"] = ("API key", "APIキー"),
        ["SignInHelp"] = ("Paste the API key an administrator issued to you. It is sent once and never shown again; the session lasts 8 hours.",
            "管理者から発行されたAPIキーを貼り付けてください。キーは一度だけ送信され、画面に表示されることはありません。セッションの有効期間は8時間です。"),
        ["Sign in with {0}"] = ("Sign in with {0}", "{0} でサインイン"),
        ["Or with an API key:"] = ("Or with an API key:", "または API キーでサインイン:"),
        ["No principal of this service is linked to that identity."] = ("No principal of this service is linked to that identity.",
            "その ID に対応する利用者が登録されていません。管理者に連携を依頼してください。"),
        ["Signing in through the identity provider failed; try again."] = ("Signing in through the identity provider failed; try again.",
            "ID プロバイダーでのサインインに失敗しました。もう一度お試しください。"),
        ["Unknown or revoked API key."] = ("Unknown or revoked API key.", "APIキーが無効か、失効しています。"),
        ["Too many failed sign-ins; try again later."] = ("Too many failed sign-ins; try again later.", "サインインの失敗が多すぎます。しばらくしてから再度お試しください。"),
        ["Signed in as"] = ("Signed in as", "サインイン中"),
        ["role:applicant"] = ("applicant", "申請者"),
        ["role:specialist"] = ("specialist", "登録セキスペ"),
        ["role:reviewer"] = ("reviewer", "審査担当者"),
        ["role:admin"] = ("admin", "管理者"),
        ["Forbidden"] = ("Forbidden", "アクセスできません"),
        ["ForbiddenHelp"] = ("Your role may not open this page.", "このページはあなたの役割では開けません。"),
        ["Not found"] = ("Not found", "見つかりません"),
        ["NotFoundHelp"] = ("There is no such plan, or it is not visible to you.", "該当する計画がないか、閲覧権限がありません。"),
        ["Review queue"] = ("Review queue", "審査キュー"),
        ["Filter"] = ("Filter", "絞り込み"),
        ["Status"] = ("Status", "状態"),
        ["Regime"] = ("Regime", "制度"),
        ["Company"] = ("Company (name or corporate number)", "会社（名称または法人番号）"),
        ["Updated from"] = ("Updated from", "更新日（から）"),
        ["Updated until"] = ("Updated until", "更新日（まで）"),
        ["Sort"] = ("Sort", "並び順"),
        ["Apply"] = ("Apply", "適用"),
        ["Any"] = ("Any", "すべて"),
        ["sort:updated-desc"] = ("Last updated first", "更新が新しい順"),
        ["sort:updated-asc"] = ("Oldest update first", "更新が古い順"),
        ["sort:created-asc"] = ("First uploaded first", "登録が古い順"),
        ["sort:title-asc"] = ("Title", "表題順"),
        ["sort:company-asc"] = ("Company", "会社名順"),
        ["status:draft"] = ("draft", "下書き"),
        ["status:submitted"] = ("submitted", "審査中"),
        ["status:returned"] = ("returned", "差戻し"),
        ["status:certified"] = ("certified", "認定"),
        ["status:rejected"] = ("rejected", "却下"),
        ["Counts"] = ("Plans by status", "状態別の件数"),
        ["Title"] = ("Title", "表題"),
        ["Applicant"] = ("Applicant", "申請者"),
        ["Corporate number"] = ("Corporate number", "法人番号"),
        ["Revision"] = ("Revision", "改訂"),
        ["Updated"] = ("Updated", "更新"),
        ["Signed off"] = ("Signed off", "確認済み"),
        ["Yes"] = ("Yes", "はい"),
        ["No"] = ("No", "いいえ"),
        ["No plans match."] = ("No plans match.", "該当する計画はありません。"),
        ["Page"] = ("Page", "ページ"),
        ["of"] = ("of", "/"),
        ["Previous"] = ("Previous page", "前のページ"),
        ["Next"] = ("Next page", "次のページ"),
        ["Pages"] = ("Pages", "ページ送り"),
        ["plans"] = ("plans", "件"),
        ["Plan"] = ("Plan", "計画"),
        ["Assessment"] = ("Assessment", "審査結果"),
        ["Requirement"] = ("Requirement", "要件"),
        ["Result"] = ("Result", "結果"),
        ["Reasons"] = ("Reasons", "理由"),
        ["Figures"] = ("Figures", "数値"),
        ["Eligible"] = ("Eligible: every requirement passes.", "適格：すべての要件を満たしています。"),
        ["Not eligible"] = ("Not eligible yet: not every requirement passes.", "まだ適格ではありません：満たしていない要件があります。"),
        ["req:pass"] = ("pass", "適合"),
        ["req:fail"] = ("fail", "不適合"),
        ["req:pending"] = ("pending", "保留"),
        ["Revisions"] = ("Revisions", "改訂履歴"),
        ["Compare"] = ("Compare", "比較"),
        ["From revision"] = ("From revision", "比較元の改訂"),
        ["To revision"] = ("To revision", "比較先の改訂"),
        ["Differences"] = ("Differences between revisions", "改訂間の差分"),
        ["Field"] = ("Field", "項目"),
        ["Before"] = ("Before", "変更前"),
        ["After"] = ("After", "変更後"),
        ["No differences."] = ("No differences.", "差分はありません。"),
        ["Digest"] = ("Digest", "ダイジェスト"),
        ["Uploaded"] = ("Uploaded", "登録日時"),
        ["Sign-off"] = ("Security sign-off", "セキュリティ確認"),
        ["No sign-off on this revision."] = ("No sign-off on this revision.", "この改訂には確認がありません。"),
        ["Verdict"] = ("Verdict", "判定"),
        ["Signed at"] = ("Signed at", "確認日時"),
        ["Key"] = ("Key", "鍵"),
        ["History"] = ("History", "経緯"),
        ["When"] = ("When", "日時"),
        ["Who"] = ("Who", "実施者"),
        ["What"] = ("What", "内容"),
        ["Decision"] = ("Decision", "決定"),
        ["Latest decision"] = ("Latest decision", "直近の決定"),
        ["Reason"] = ("Reason", "理由"),
        ["ReasonHelp"] = ("Required for a return or a rejection: the applicant reads it.", "差戻し・却下には必須です。申請者に表示されます。"),
        ["decision:certify"] = ("Certify", "認定する"),
        ["decision:return"] = ("Return for revision", "差し戻す"),
        ["decision:reject"] = ("Reject", "却下する"),
        ["Record decision"] = ("Record decision", "決定を記録"),
        ["CertifyUnavailable"] = ("Certification is offered once every requirement passes on the current revision.",
            "現在の改訂ですべての要件を満たすと認定を選べます。"),
        ["Decision recorded."] = ("Decision recorded.", "決定を記録しました。"),
        ["Downloads"] = ("Downloads", "ダウンロード"),
        ["Certificate"] = ("Certificate (signed report)", "認定書（署名付き報告書）"),
        ["Draft report"] = ("Draft report", "報告書（下書き）"),
        ["Plan document (JSON)"] = ("Plan document (JSON) of this revision", "この改訂の計画書（JSON）"),
        ["fmt:html"] = ("HTML", "HTML"),
        ["fmt:md"] = ("Markdown", "Markdown"),
        ["fmt:json"] = ("JSON", "JSON"),
        ["fmt:pdf"] = ("PDF", "PDF"),
        ["My plans"] = ("My plans", "自社の計画"),
        ["Upload a plan"] = ("Upload a plan", "計画を登録"),
        ["Plan file"] = ("Plan file (JSON)", "計画ファイル（JSON）"),
        ["or paste"] = ("or paste the plan document (JSON)", "または計画書（JSON）を貼り付け"),
        ["Upload"] = ("Upload", "登録"),
        ["UploadHelp"] = ("Choose a file or paste the document; when both are given, the file is used.", "ファイルを選ぶか貼り付けてください。両方ある場合はファイルを使います。"),
        ["The plan has problems"] = ("The plan has problems: fix them and upload again.", "計画に問題があります。修正して再度登録してください。"),
        ["Give a file or paste the document."] = ("Give a file or paste the document.", "ファイルを選ぶか計画書を貼り付けてください。"),
        ["Where"] = ("Where", "場所"),
        ["Problem"] = ("Problem", "問題"),
        ["Value"] = ("Value", "値"),
        ["(missing)"] = ("(missing)", "（なし）"),
        ["Fields"] = ("The document's fields", "計画書の項目"),
        ["Revise"] = ("Upload a new revision", "新しい改訂を登録"),
        ["Submit"] = ("Submit for review", "審査に提出"),
        ["SubmitHelp"] = ("Submitting hands the current revision to the reviewer and the specialist it names.", "提出すると現在の改訂が審査担当者と指定の登録セキスペに渡ります。"),
        ["Submitted."] = ("Submitted.", "提出しました。"),
        ["Uploaded."] = ("Uploaded.", "登録しました。"),
        ["Consortium"] = ("Consortium participants' confirmations", "連携体参加者の確認"),
        ["Confirmation of this revision"] = ("Confirmation of this revision", "この改訂の確認"),
        ["Not confirmed yet"] = ("Not confirmed yet", "未確認"),
        ["Confirmed at"] = ("Confirmed", "確認済み"),
        ["Confirm participation"] = ("Confirm participation", "参加を確認する"),
        ["ConsentHelp"] = ("Your company takes part in this plan. Confirming binds your confirmation to this revision (its digest above); "
            + "a new revision by the lead needs it again.", "貴社はこの計画の参加者です。確認はこの改訂（上記のダイジェスト）に対して記録され、幹事企業が新しい改訂を登録すると再度の確認が必要です。"),
        ["ParticipantReadOnly"] = ("Your company takes part in this plan: you may read it; its lead revises and submits it.",
            "貴社はこの計画の参加者です。閲覧はできますが、改訂と提出は幹事企業が行います。"),
        ["Confirmed."] = ("Confirmed.", "確認しました。"),
        ["Returned because"] = ("The reviewer returned this plan:", "審査担当者により差し戻されました："),
        ["Rejected because"] = ("The reviewer rejected this plan:", "審査担当者により却下されました："),
        ["No plans yet."] = ("No plans yet.", "まだ計画はありません。"),
        ["Assigned plans"] = ("Plans to check", "確認対象の計画"),
        ["Start checklist run"] = ("Start a checklist run", "チェックリスト確認を開始"),
        ["Checklist"] = ("Checklist", "チェックリスト"),
        ["Checklist run"] = ("Checklist run", "チェックリスト確認"),
        ["Progress"] = ("Progress", "進捗"),
        ["answered"] = ("answered", "回答済み"),
        ["Mandatory"] = ("mandatory", "必須"),
        ["Answer"] = ("Answer", "回答"),
        ["ans:satisfied"] = ("satisfied", "満たす"),
        ["ans:not-satisfied"] = ("not satisfied", "満たさない"),
        ["ans:not-applicable"] = ("not applicable", "該当しない"),
        ["Justification"] = ("Justification (required when not applicable)", "理由（該当しない場合は必須）"),
        ["Notes"] = ("Notes", "メモ"),
        ["Evidence"] = ("Evidence reference: name", "証跡：名称"),
        ["Evidence hash"] = ("Evidence reference: SHA-256 (64 hex digits)", "証跡：SHA-256（16進64桁）"),
        ["Guidance"] = ("Guidance", "判断の目安"),
        ["Expected evidence"] = ("Expected evidence", "想定される証跡"),
        ["Save answer"] = ("Save answer", "回答を保存"),
        ["Answer saved."] = ("Answer saved.", "回答を保存しました。"),
        ["Statement"] = ("Statement to sign", "署名対象のステートメント"),
        ["StatementHelp"] = ("Download the statement, sign it offline with assessor-cli sign, and upload the envelope here.",
            "ステートメントをダウンロードし、assessor-cli sign でオフライン署名して、封筒（エンベロープ）をここから登録してください。"),
        ["Download statement"] = ("Download statement", "ステートメントをダウンロード"),
        ["Signed envelope"] = ("Signed envelope (DSSE JSON)", "署名済みエンベロープ（DSSE JSON）"),
        ["Upload sign-off"] = ("Upload sign-off", "確認を登録"),
        ["Signed off."] = ("Signed off: the service verified the signature.", "確認を登録しました。署名は検証されました。"),
        ["run:open"] = ("open", "確認中"),
        ["run:signed"] = ("signed", "署名済み"),
        ["run:superseded"] = ("superseded", "改訂により無効"),
        ["run:closed"] = ("closed", "終了"),
        ["verdict:pass"] = ("pass", "合格"),
        ["verdict:fail"] = ("fail", "不合格"),
        ["verdict:incomplete"] = ("incomplete", "未完了"),
        ["Self-check"] = ("Security self-check (SECURITY ACTION ★★)", "情報セキュリティ自社診断（SECURITY ACTION ★★）"),
        ["SelfCheckHelp"] = ("This regime's security requirement rests on your own self-check of the current revision: answer every item.",
            "この制度のセキュリティ要件は、現在の改訂に対する自社診断で判断されます。すべての項目に回答してください。"),
        ["Answer the self-check"] = ("Answer the self-check", "自社診断に回答する"),
        ["sc:done"] = ("done", "実施している"),
        ["sc:partly"] = ("partly", "一部実施している"),
        ["sc:not-done"] = ("not done", "実施していない"),
        ["sc:unknown"] = ("unknown", "わからない"),
        ["sc:not-applicable"] = ("not applicable", "該当しない"),
        ["Score"] = ("Score", "点数"),
        ["Band"] = ("Band", "評価"),
        ["Administration"] = ("Administration", "管理"),
        ["Principals"] = ("Principals", "利用者"),
        ["Name"] = ("Name", "名前"),
        ["Role"] = ("Role", "役割"),
        ["Keys"] = ("Keys", "キー"),
        ["Create principal"] = ("Create a principal", "利用者を作成"),
        ["Specialist id"] = ("Specialist registry id (specialists only)", "登録セキスペのID（登録セキスペのみ）"),
        ["Corporate number (applicants only)"] = ("Corporate number (applicants only)", "法人番号（申請者のみ）"),
        ["Create"] = ("Create", "作成"),
        ["Issue key"] = ("Issue a new key", "新しいキーを発行"),
        ["Revoke"] = ("Revoke", "失効"),
        ["Revoked"] = ("revoked", "失効済み"),
        ["Active"] = ("active", "有効"),
        ["NewKeyOnce"] = ("The new key, shown only this once: copy it now and hand it over securely.", "新しいキーです。この一度しか表示されません。今コピーし、安全に渡してください。"),
        ["Key revoked."] = ("Key revoked.", "キーを失効しました。"),
        ["Specialists"] = ("Specialists and support organisations", "登録セキスペ・支援機関"),
        ["Registration number"] = ("Registration number", "登録番号"),
        ["Kind"] = ("Kind", "種別"),
        ["Valid"] = ("Valid", "有効期間"),
        ["Revoke registration"] = ("Revoke registration", "登録を取り消す"),
        ["Something went wrong"] = ("The request was refused", "要求は受け付けられませんでした"),
    };
}
