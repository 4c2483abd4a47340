using System.Globalization;
using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.Subsidies;
using static Assessor.Domain.YenFormat;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary>The requirement ids of <c>it-donyu-2018</c>, in the order the assessment reports them.</summary>
public static class ItDonyuRequirements
{
    public const string Sme = "sme";
    public const string Window = "window";
    public const string SecurityAction = "security-action";
    public const string Diagnosis = "diagnosis";
    public const string ThirdPartyReview = "third-party-review";
    public const string Tools = "tools";
    public const string Productivity = "productivity";
    public const string GrantAmount = "grant-amount";
}

/// <summary>Every reason code <c>it-donyu-2018</c> emits. Stable: clients key on them. Documented in docs/regimes/it-donyu-2018.md.</summary>
public static class ItDonyuCodes
{
    public const string SmeByCapital = SmeCodes.SmeByCapital;
    public const string SmeByEmployees = SmeCodes.SmeByEmployees;
    public const string SmeNoSizeTest = SmeCodes.SmeNoSizeTest;
    public const string NotSme = SmeCodes.NotSme;
    public const string DeemedLargeSingleOwner = SmeCodes.DeemedLargeSingleOwner;
    public const string DeemedLargeOwnersCombined = SmeCodes.DeemedLargeOwnersCombined;
    public const string DeemedLargeBoard = SmeCodes.DeemedLargeBoard;
    public const string ExcludedBusiness = "excluded-business";

    public const string AppliedWithinWindow = SubsidyCodes.AppliedWithinWindow;
    public const string RoundUnknown = SubsidyCodes.RoundUnknown;
    public const string AppliedOutsideWindow = SubsidyCodes.AppliedOutsideWindow;

    public const string SecurityActionMissing = "security-action-missing";
    public const string DeclarationIdMissing = "declaration-id-missing";
    public const string OneStarDeclared = "one-star-declared";
    public const string SelfCheckPending = "self-check-pending";
    public const string SelfCheckComplete = "self-check-complete";

    public const string DiagnosisGiven = "diagnosis-given";
    public const string DiagnosisMissing = "diagnosis-missing";
    public const string ThirdPartyReviewGiven = "third-party-review-given";
    public const string ThirdPartyReviewMissing = "third-party-review-missing";

    public const string ToolsBaseMet = "tools-base-met";
    public const string NoSoftwareOrCloud = "no-software-or-cloud";
    public const string HardwareNotEligible = "hardware-not-eligible";
    public const string LeaseNotEligible = "lease-not-eligible";
    public const string ToolNotRegistered = "tool-not-registered";
    public const string ContractedBeforeDecision = "contracted-before-decision";
    public const string CloudMonthsCapped = "cloud-months-capped";

    public const string ProductivityTargetMet = "productivity-target-met";
    public const string ProductivityTargetMissed = "productivity-target-missed";
    public const string Year3Missing = "year-3-missing";
    public const string BaseProductivityNotPositive = "base-productivity-not-positive";

    public const string GrantMeetsFloor = SubsidyCodes.GrantMeetsFloor;
    public const string GrantBelowFloor = SubsidyCodes.GrantBelowFloor;
    public const string GrantCapApplied = SubsidyCodes.GrantCapApplied;
}

/// <summary>The reasons of <c>it-donyu-2018</c>, worded once, in Japanese and English; figures use invariant formatting.</summary>
public static class ItDonyuReasons
{
    public static Reason ExcludedBusiness() => new(ItDonyuCodes.ExcludedBusiness,
        "補助対象外の事業（風俗営業等）を営むか反社会的勢力との関係があるため、対象になりません。",
        "The applicant runs an excluded business or is linked to anti-social forces, so it is never eligible.");

    public static Reason SecurityActionMissing() => new(ItDonyuCodes.SecurityActionMissing,
        "SECURITY ACTION の宣言がありません。",
        "No SECURITY ACTION declaration is given.");

    public static Reason DeclarationIdMissing() => new(ItDonyuCodes.DeclarationIdMissing,
        "SECURITY ACTION の宣言 ID がありません。",
        "The SECURITY ACTION declaration has no id.");

    public static Reason OneStarDeclared(string declarationId) => new(ItDonyuCodes.OneStarDeclared,
        $"SECURITY ACTION ★ を宣言しています（宣言 ID {declarationId}）。",
        $"SECURITY ACTION ★ is declared (declaration {declarationId}).");

    public static Reason SelfCheckPending(SelfCheckResult? result) => new(ItDonyuCodes.SelfCheckPending,
        result is null
            ? "★★ の宣言には、申請者自身によるこの改訂版への自己診断（ipa-self-check）の完了が必要です。まだ始まっていません。"
            : $"★★ の宣言には、申請者自身によるこの改訂版への自己診断の完了が必要です（{result.Answered}/{result.Items} 項目回答済み）。",
        result is null
            ? "A ★★ declaration needs the applicant's own self-check (ipa-self-check) on this revision; it has not been started."
            : $"A ★★ declaration needs the applicant's own self-check on this revision, complete ({result.Answered} of {result.Items} items answered).");

    public static Reason SelfCheckComplete(string declarationId, SelfCheckResult result) => new(ItDonyuCodes.SelfCheckComplete,
        $"SECURITY ACTION ★★ を宣言し（宣言 ID {declarationId}）、この改訂版への自己診断を完了しています（{result.Score}/{result.Maximum} 点、{result.Band!.From}〜{result.Band.To} 点の区分）。",
        $"SECURITY ACTION ★★ is declared (declaration {declarationId}) and the self-check on this revision is complete ({result.Score} of {result.Maximum} points, band {result.Band!.From} to {result.Band.To}).");

    public static Reason DiagnosisGiven(string id) => new(ItDonyuCodes.DiagnosisGiven,
        $"経営診断ツールの結果（{id}）があります。",
        $"A management-diagnosis result ({id}) is given.");

    public static Reason DiagnosisMissing() => new(ItDonyuCodes.DiagnosisMissing,
        "経営診断ツールの結果 ID がありません。",
        "No management-diagnosis result id is given.");

    public static Reason ThirdPartyReviewGiven(string vendorId) => new(ItDonyuCodes.ThirdPartyReviewGiven,
        $"IT導入支援事業者（{vendorId}）が計画を確認しています。",
        $"The plan was reviewed by IT vendor {vendorId}.");

    public static Reason ThirdPartyReviewMissing() => new(ItDonyuCodes.ThirdPartyReviewMissing,
        "計画を確認した IT導入支援事業者の ID がありません。",
        "No IT vendor that reviewed the plan is named.");

    public static Reason ToolsBaseMet(long eligibleCost) => new(ItDonyuCodes.ToolsBaseMet,
        $"補助対象経費 {Yen(eligibleCost)} にソフトウェア又はクラウドが含まれます。",
        $"The eligible cost of {Yen(eligibleCost)} includes software or a cloud service.");

    public static Reason NoSoftwareOrCloud() => new(ItDonyuCodes.NoSoftwareOrCloud,
        "補助対象経費にソフトウェアもクラウドも含まれていません。",
        "The eligible cost includes neither software nor a cloud service.");

    public static Reason Excluded(ItTool tool, string code, ApplicationRound? round) => code switch
    {
        ItDonyuCodes.HardwareNotEligible => new(code,
            $"{tool.Id}（{tool.Name}）はハードウェアのため対象外です。",
            $"{tool.Id} ({tool.Name}) is hardware, which is not eligible."),
        ItDonyuCodes.LeaseNotEligible => new(code,
            $"{tool.Id}（{tool.Name}）はリース・レンタルのため対象外です。",
            $"{tool.Id} ({tool.Name}) is a lease, which is not eligible."),
        ItDonyuCodes.ToolNotRegistered => new(code,
            $"{tool.Id}（{tool.Name}）は登録された IT ツールとして特定できない（IT導入支援事業者 ID 又はツール ID がない）ため対象外です。",
            $"{tool.Id} ({tool.Name}) names no registered vendor or tool id, so it is not a registered IT tool."),
        _ => new(code,
            $"{tool.Id}（{tool.Name}）は交付決定日（{Date(round!.GrantDecidedOn)}）より前の {Date(tool.ContractedOn!.Value)} に契約されているため対象外です。",
            $"{tool.Id} ({tool.Name}) was contracted on {Date(tool.ContractedOn!.Value)}, before the grant decision of {Date(round!.GrantDecidedOn)}."),
    };

    public static Reason CloudMonthsCapped(ItTool tool, int months, int counted, long amount) => new(ItDonyuCodes.CloudMonthsCapped,
        $"{tool.Id}（{tool.Name}）は {months} か月分のうち最初の {counted} か月分 {Yen(amount)} を計上します。",
        $"{tool.Id} ({tool.Name}) counts its first {counted} of {months} months: {Yen(amount)}.");

    public static Reason ProductivityTargetMet(int k, int fiscalYear, decimal? growth, decimal target) => new(ItDonyuCodes.ProductivityTargetMet,
        $"{k}年目（{fiscalYear}年度）の労働生産性の伸び率 {Percent(growth)} は目標 {Percent(target)} 以上です。",
        $"Year {k} ({fiscalYear}): labour-productivity growth of {Percent(growth)} reaches the {Percent(target)} target.");

    public static Reason ProductivityTargetMissed(int k, int fiscalYear, decimal? growth, decimal target) => new(ItDonyuCodes.ProductivityTargetMissed,
        $"{k}年目（{fiscalYear}年度）の労働生産性の伸び率 {Percent(growth)} は目標 {Percent(target)} に届きません。",
        $"Year {k} ({fiscalYear}): labour-productivity growth of {Percent(growth)} is below the {Percent(target)} target.");

    public static Reason Year3Missing(int fiscalYear) => new(ItDonyuCodes.Year3Missing,
        $"3年目（{fiscalYear}年度）の計画値がありません。",
        $"The plan gives no figures for year 3 ({fiscalYear}).");

    public static Reason BaseProductivityNotPositive(int fiscalYear) => new(ItDonyuCodes.BaseProductivityNotPositive,
        $"基準年度（{fiscalYear}年度）の粗利益が0以下のため、労働生産性の伸び率を計算できません。",
        $"Gross profit in the base year ({fiscalYear}) is zero or negative, so labour-productivity growth cannot be measured.");

    private static string Percent(decimal? ratio) => ratio is { } r ? (r * 100m).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "—";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
