namespace Assessor.Service.WebConsole;

/// <summary>
/// The Japanese title of each problem code the service writes (docs/api.md lists them). The API's titles are English and
/// stable; a console page in Japanese shows these instead, keyed by the problem's <c>code</c>, never by its words.
/// </summary>
public static class ProblemTitles
{
    public static string? Japanese(string? code) => code is not null && Ja.TryGetValue(code, out var title) ? title : null;

    public static IReadOnlyCollection<string> Codes => Ja.Keys;

    private static readonly Dictionary<string, string> Ja = new(StringComparer.Ordinal)
    {
        ["validation"] = "入力内容に誤りがあります",
        ["bad-request"] = "要求を読み取れません",
        ["invalid-if-match"] = "If-Match の形式が正しくありません",
        ["invalid-envelope"] = "署名エンベロープの形式が正しくありません",
        ["unauthorized"] = "認証されていません",
        ["forbidden"] = "この操作は許可されていません",
        ["other-company"] = "他社の法人番号の計画です",
        ["coordinator-for-sme-only"] = "ITコーディネータが確認できるのは中小企業の計画だけです",
        ["conflict-of-interest"] = "利益相反があります",
        ["specialist-revoked"] = "専門家の登録が取り消されています",
        ["not-found"] = "見つかりません",
        ["illegal-transition"] = "計画の現在の状態ではこの操作はできません",
        ["not-certifiable"] = "満たされていない要件があるため認定できません",
        ["revision-changed"] = "計画の版が変わりました",
        ["plan-changed"] = "計画が変更されました",
        ["run-superseded"] = "計画に新しい版があります",
        ["already-signed"] = "このチェックリストは署名済みです",
        ["plan-not-in-review"] = "計画は審査中ではありません",
        ["statement-mismatch"] = "署名された内容が現在のステートメントと一致しません",
        ["self-check-exists"] = "この版の自己診断はすでにあります",
        ["registration-exists"] = "この登録番号はすでに登録されています",
        ["key-exists"] = "この公開鍵はすでに登録されています",
        ["idempotency-in-progress"] = "同じ Idempotency-Key の要求を処理中です",
        ["stale-etag"] = "計画は別の操作で更新されています",
        ["payload-too-large"] = "送信された内容が大きすぎます",
        ["unsupported-media-type"] = "この形式のデータは受け付けられません",
        ["unknown-regime"] = "対象外の制度です",
        ["applicant-changed"] = "申請者の法人番号は変更できません",
        ["unknown-checklist"] = "公開されていないチェックリストです",
        ["self-check-not-applicable"] = "この制度では自己診断を行いません",
        ["mandatory-unanswered"] = "必須項目に未回答のものがあります",
        ["unknown-key"] = "登録されていない鍵です",
        ["key-revoked"] = "鍵は失効しています",
        ["signature-invalid"] = "署名を検証できません",
        ["registration-inactive"] = "登録の有効期間外です",
        ["idempotency-key-reused"] = "Idempotency-Key が別の要求に使われています",
        ["statement-too-large"] = "回答が長すぎて署名できません",
        ["precondition-required"] = "If-Match が必要です",
        ["rate-limited"] = "要求が多すぎます",
        ["pdf-unavailable"] = "PDF を用意できません",
        ["pdf-busy"] = "PDF の作成が混み合っています",
        ["internal-error"] = "サーバーで予期しないエラーが起きました",
        ["method-not-allowed"] = "この方法の要求は受け付けられません",
        ["evidence-exists"] = "このファイルはすでにこの項目に添付されています",
        ["evidence-too-large"] = "証跡ファイルが大きすぎます",
        ["unsupported-evidence-type"] = "この種類のファイルは証跡として受け付けられません",
        ["endpoint-not-allowed"] = "この宛先は Webhook に使えません",
        ["identity-linked"] = "この ID はすでに結び付けられています",
        ["oidc-not-configured"] = "OpenID Connect が設定されていません",
        ["not-lead"] = "この計画を変更できるのは幹事企業だけです",
        ["lead-does-not-consent"] = "幹事企業は自社の計画への参加確認を行いません",
        ["wrong-attestor-kind"] = "この制度では、この種類の確認者は署名できません",
        ["checklist-not-accepted"] = "この制度では、このチェックリストは使えません",
        ["webhook-disabled"] = "Webhook の宛先は無効になっています",
        ["evidence-damaged"] = "保存された証跡ファイルが損なわれています",
    };
}
