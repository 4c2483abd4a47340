using System.Globalization;
using Assessor.Domain.Plans;
using static Assessor.Domain.YenFormat;

namespace Assessor.Domain.Assessments;

/// <summary>Why a requirement or benefit came out as it did: a stable code for machines, a message for people.</summary>
/// <param name="Code">A stable, machine-readable code clients may key on (e.g. <c>lp-growth-below-target</c>); its wording may change, the code does not.</param>
/// <param name="Ja">The reason in Japanese, with the figures it rests on.</param>
/// <param name="En">The same reason in English.</param>
public sealed record Reason(string Code, string Ja, string En);

/// <summary>Every reason code the assessment emits. Stable: clients key on them. Documented in docs/assessment-codes.md.</summary>
public static class ReasonCodes
{
    public const string LinkageQualifies = "linkage-qualifies";
    public const string LinkageInternalOnly = "linkage-internal-only";
    public const string LinkageDataNotNew = "linkage-data-not-new";
    public const string NoQualifyingLinkage = "no-qualifying-linkage";

    public const string SecurityPending = "security-pending";
    public const string SecuritySignedOff = "security-signed-off";
    public const string SecurityNotSatisfied = "security-not-satisfied";

    public const string LpGrowthMeetsTarget = "lp-growth-meets-target";
    public const string LpGrowthBelowTarget = "lp-growth-below-target";
    public const string LpBaseNotPositive = "lp-base-not-positive";
    public const string LabourInputNotPositive = "labour-input-not-positive";
    public const string FinancialYearMissing = "financial-year-missing";

    public const string RoiMeetsTarget = "roi-meets-target";
    public const string RoiBelowTarget = "roi-below-target";
    public const string InvestmentZero = "investment-zero";

    public const string InvestmentMeetsMinimum = "investment-meets-minimum";
    public const string InvestmentBelowMinimum = "investment-below-minimum";
    public const string AssetNotNew = "asset-not-new";
    public const string AssetOutsideWindow = "asset-outside-window";
    public const string HardwareWithoutSoftware = "hardware-without-software";
    public const string LinkedSoftwareNotQualifying = "linked-software-not-qualifying";
    public const string MachineryNotCollectingData = "machinery-not-collecting-data";

    public const string WindowMet = "window-met";
    public const string PeriodTooLong = "period-too-long";
    public const string PeriodStartsAfterWindow = "period-starts-after-window";

    public const string FiguresOutOfRange = "figures-out-of-range";

    public const string WagesMissing = "wages-missing";
    public const string WageRiseMeetsThreshold = "wage-rise-meets-threshold";
    public const string WageRiseBelowThreshold = "wage-rise-below-threshold";
    public const string CorporateTaxMissing = "corporate-tax-missing";
    public const string CreditCapApplied = "credit-cap-applied";
    public const string LargeCompanyConditionMet = "large-company-condition-met";
    public const string LargeCompanyConditionNotMet = "large-company-condition-not-met";
    public const string RecommendTaxCredit = "recommend-tax-credit";
    public const string RecommendSpecialDepreciation = "recommend-special-depreciation";
}

/// <summary>The reasons, worded once. Figures in messages use invariant formatting so they read the same everywhere.</summary>
public static class Reasons
{
    public static Reason LinkageQualifies(Linkage linkage) => new(ReasonCodes.LinkageQualifies,
        $"連携 {linkage.Id} は対象となる連携（{KindJa(linkage.Kind)}）です。",
        $"Linkage {linkage.Id} qualifies ({KindEn(linkage.Kind)}).");

    public static Reason LinkageInternalOnly(Linkage linkage) => new(ReasonCodes.LinkageInternalOnly,
        $"連携 {linkage.Id} は同一拠点内の既存の社内データ同士の連携であり、対象になりません。",
        $"Linkage {linkage.Id} joins only existing internal data within one site, which does not qualify.");

    public static Reason LinkageDataNotNew(Linkage linkage) => new(ReasonCodes.LinkageDataNotNew,
        $"連携 {linkage.Id} は新たなデータとされていますが、newlyAcquired が true ではないため対象になりません。",
        $"Linkage {linkage.Id} is new-data but newlyAcquired is not true, so it does not qualify.");

    public static Reason NoQualifyingLinkage() => new(ReasonCodes.NoQualifyingLinkage,
        "対象となるデータ連携（社外データ、新たに取得するデータ、グループ会社間、事業所間）が一つもありません。",
        "No linkage qualifies (external data, newly acquired data, between group companies, or between business sites).");

    public static Reason SecurityPending() => new(ReasonCodes.SecurityPending,
        "セキュリティ専門家による確認（署名）がまだ提出されていません。",
        "No security specialist has signed off on this plan yet.");

    public static Reason SecuritySignedOff(string specialist, string registrationNumber) => new(ReasonCodes.SecuritySignedOff,
        $"登録セキスペ等 {specialist}（登録番号 {registrationNumber}）が現行の計画に対し、必須項目をすべて満たすと署名しました。",
        $"{specialist} (registration {registrationNumber}) signed off the current plan revision with every mandatory item satisfied.");

    public static Reason SecurityNotSatisfied(string specialist, string registrationNumber) => new(ReasonCodes.SecurityNotSatisfied,
        $"{specialist}（登録番号 {registrationNumber}）の署名済みチェックリストで、満たされていない必須項目があります。",
        $"The checklist {specialist} (registration {registrationNumber}) signed has a mandatory item not satisfied.");

    public static Reason LpGrowthMeetsTarget(decimal rate, GrowthMethod method, decimal threshold) => new(ReasonCodes.LpGrowthMeetsTarget,
        $"労働生産性の年平均伸び率（{MethodJa(method)}）は {Percent(rate)} で、目標 {Percent(threshold)} 以上です。",
        $"Average annual labour-productivity growth ({MethodEn(method)}) is {Percent(rate)}, at or above the {Percent(threshold)} target.");

    public static Reason LpGrowthBelowTarget(decimal rate, GrowthMethod method, decimal threshold) => new(ReasonCodes.LpGrowthBelowTarget,
        $"労働生産性の年平均伸び率（{MethodJa(method)}）は {Percent(rate)} で、目標 {Percent(threshold)} に届きません。",
        $"Average annual labour-productivity growth ({MethodEn(method)}) is {Percent(rate)}, below the {Percent(threshold)} target.");

    public static Reason LpBaseNotPositive(int fiscalYear) => new(ReasonCodes.LpBaseNotPositive,
        $"基準年度（{fiscalYear}年度）の付加価値額が0以下のため、労働生産性の伸び率を計算できません。",
        $"Value added in the base year ({fiscalYear}) is zero or negative, so labour-productivity growth cannot be measured.");

    public static Reason LabourInputNotPositive(int fiscalYear) => new(ReasonCodes.LabourInputNotPositive,
        $"{fiscalYear}年度の労働投入量（従業員数、または従業員数×労働時間）が0以下または未記入です。",
        $"Labour input for fiscal year {fiscalYear} (headcount, or headcount × hours) is missing or not positive.");

    public static Reason FinancialYearMissing(int fiscalYear, int t) => new(ReasonCodes.FinancialYearMissing,
        $"{fiscalYear}年度（t{t}）の財務数値がありません。",
        $"The financial figures for fiscal year {fiscalYear} (t{t}) are missing.");

    public static Reason RoiMeetsTarget(decimal average, decimal threshold) => new(ReasonCodes.RoiMeetsTarget,
        $"投資利益率の平均は {Percent(average)} で、目標 {Percent(threshold)} 以上です。",
        $"Average return on investment is {Percent(average)}, at or above the {Percent(threshold)} target.");

    public static Reason RoiBelowTarget(decimal average, decimal threshold) => new(ReasonCodes.RoiBelowTarget,
        $"投資利益率の平均は {Percent(average)} で、目標 {Percent(threshold)} に届きません。",
        $"Average return on investment is {Percent(average)}, below the {Percent(threshold)} target.");

    public static Reason InvestmentZero() => new(ReasonCodes.InvestmentZero,
        "設備投資額の合計が0円のため、投資利益率を計算できません。",
        "The plan's total investment is zero yen, so return on investment cannot be measured.");

    public static Reason InvestmentMeetsMinimum(long qualifying, long minimum) => new(ReasonCodes.InvestmentMeetsMinimum,
        $"対象設備の取得価額の合計は {Yen(qualifying)} で、下限 {Yen(minimum)} 以上です。",
        $"Qualifying acquisition cost totals {Yen(qualifying)}, at or above the {Yen(minimum)} minimum.");

    public static Reason InvestmentBelowMinimum(long qualifying, long minimum) => new(ReasonCodes.InvestmentBelowMinimum,
        $"対象設備の取得価額の合計は {Yen(qualifying)} で、下限 {Yen(minimum)} に届きません。",
        $"Qualifying acquisition cost totals {Yen(qualifying)}, below the {Yen(minimum)} minimum.");

    public static Reason AssetNotNew(Asset asset) => new(ReasonCodes.AssetNotNew,
        $"設備 {asset.Id} は新品ではないため、対象から除外しました。",
        $"Asset {asset.Id} is not new, so it is excluded.");

    public static Reason AssetOutsideWindow(Asset asset, Regime regime) => new(ReasonCodes.AssetOutsideWindow,
        $"設備 {asset.Id} の取得日または事業供用日が適用期間（{Date(regime.WindowStart)}〜{Date(regime.WindowEnd)}）の外にあるため、対象から除外しました。",
        $"Asset {asset.Id} was acquired or put into service outside the window {Date(regime.WindowStart)} to {Date(regime.WindowEnd)}, so it is excluded.");

    public static Reason HardwareWithoutSoftware(Asset asset) => new(ReasonCodes.HardwareWithoutSoftware,
        $"設備 {asset.Id} はソフトウェアと併せて取得されていないため、対象から除外しました。",
        $"Asset {asset.Id} is not acquired together with software, so it is excluded.");

    public static Reason LinkedSoftwareNotQualifying(Asset asset) => new(ReasonCodes.LinkedSoftwareNotQualifying,
        $"設備 {asset.Id} と併せて取得するソフトウェア {asset.WithSoftware} が対象外のため、この設備も対象から除外しました。",
        $"The software {asset.WithSoftware} that asset {asset.Id} comes with does not qualify, so the asset is excluded too.");

    public static Reason MachineryNotCollectingData(Asset asset) => new(ReasonCodes.MachineryNotCollectingData,
        $"機械装置 {asset.Id} はデータを継続的かつ自動的に収集するものではないため、対象から除外しました。",
        $"Machinery {asset.Id} does not collect data continuously and automatically, so it is excluded.");

    public static Reason WindowMet(Regime regime) => new(ReasonCodes.WindowMet,
        $"計画期間は{regime.MaxPlanYears}年以内で、適用期限（{Date(regime.WindowEnd)}）までに開始しています。",
        $"The plan period is at most {regime.MaxPlanYears} years and starts by the window's end ({Date(regime.WindowEnd)}).");

    public static Reason PeriodTooLong(PlanPeriod period, DateOnly latestEnd, int maxYears) => new(ReasonCodes.PeriodTooLong,
        $"計画期間（{Date(period.Start)}〜{Date(period.End)}）が{maxYears}年を超えています。終了日は {Date(latestEnd)} 以前にしてください。",
        $"The plan period {Date(period.Start)} to {Date(period.End)} is longer than {maxYears} years; it must end by {Date(latestEnd)}.");

    public static Reason PeriodStartsAfterWindow(PlanPeriod period, Regime regime) => new(ReasonCodes.PeriodStartsAfterWindow,
        $"計画の開始日 {Date(period.Start)} が適用期限 {Date(regime.WindowEnd)} より後です。",
        $"The plan starts on {Date(period.Start)}, after the window's end {Date(regime.WindowEnd)}.");

    public static Reason FiguresOutOfRange() => new(ReasonCodes.FiguresOutOfRange,
        "数値が大きすぎて計算できません。金額と人数を確認してください。",
        "The figures are too large to compute with; check the amounts and headcounts.");

    public static Reason WagesMissing() => new(ReasonCodes.WagesMissing,
        "継続雇用者給与等支給額が記入されていないため、賃上げはないものとして扱いました。",
        "Continuing-employee wages are not given, so no wage rise is assumed.");

    public static Reason WageRiseMeetsThreshold(decimal rise, decimal threshold) => new(ReasonCodes.WageRiseMeetsThreshold,
        $"継続雇用者給与等支給額の増加率は {Percent(rise)} で {Percent(threshold)} 以上のため、上乗せ税額控除率と上限を適用します。",
        $"Continuing-employee wages rose {Percent(rise)}, at least {Percent(threshold)}, so the raised credit rate and cap apply.");

    public static Reason WageRiseBelowThreshold(decimal rise, decimal threshold) => new(ReasonCodes.WageRiseBelowThreshold,
        $"継続雇用者給与等支給額の増加率は {Percent(rise)} で {Percent(threshold)} 未満のため、通常の税額控除率と上限を適用します。",
        $"Continuing-employee wages rose {Percent(rise)}, less than {Percent(threshold)}, so the standard credit rate and cap apply.");

    public static Reason CorporateTaxMissing() => new(ReasonCodes.CorporateTaxMissing,
        "法人税額が記入されていないため控除上限が分からず、税額控除は適用できないものとしました。",
        "Corporate tax is not given, so the credit cap is unknown and the credit is treated as not available.");

    public static Reason CreditCapApplied(long cap) => new(ReasonCodes.CreditCapApplied,
        $"税額控除額は法人税額に基づく上限 {Yen(cap)} に制限されます。",
        $"The credit is limited to the cap of {Yen(cap)} set by corporate tax.");

    public static Reason LargeCompanyConditionMet() => new(ReasonCodes.LargeCompanyConditionMet,
        "大企業ですが、継続雇用者の給与増加または国内設備投資額が減価償却費の一定割合を超えるため、税額控除を受けられます。",
        "A large company, but wages rose or domestic capital investment exceeds the required share of depreciation, so the credit is allowed.");

    public static Reason LargeCompanyConditionNotMet(decimal capexRatio) => new(ReasonCodes.LargeCompanyConditionNotMet,
        $"大企業で、継続雇用者の給与が増加しておらず、国内設備投資額も減価償却費の {Percent(capexRatio)} を超えないため、税額控除は受けられません。",
        $"A large company whose wages did not rise and whose domestic capital investment does not exceed {Percent(capexRatio)} of depreciation cannot take the credit.");

    public static Reason RecommendTaxCredit() => new(ReasonCodes.RecommendTaxCredit,
        "税額控除は税負担が恒久的に減るのに対し、特別償却は損金算入を前倒しするだけなので、税額控除をお勧めします。",
        "The tax credit is recommended: it is a permanent saving, while special depreciation only brings deductions forward.");

    public static Reason RecommendSpecialDepreciation() => new(ReasonCodes.RecommendSpecialDepreciation,
        "税額控除が受けられない（または0円の）ため、特別償却をお勧めします。",
        "Special depreciation is recommended because the tax credit is not available or comes to zero.");

    private static string KindJa(LinkageKind kind) => kind switch
    {
        LinkageKind.ExternalData => "社外データとの連携",
        LinkageKind.NewData => "新たに取得するデータとの連携",
        LinkageKind.GroupCompanies => "グループ会社間の連携",
        LinkageKind.BusinessSites => "事業所間の連携",
        _ => "社内のみの連携",
    };

    private static string KindEn(LinkageKind kind) => kind switch
    {
        LinkageKind.ExternalData => "external data linked with internal data",
        LinkageKind.NewData => "newly acquired data linked with internal data",
        LinkageKind.GroupCompanies => "data linked between group companies",
        LinkageKind.BusinessSites => "data linked between business sites",
        _ => "internal data only",
    };

    private static string MethodJa(GrowthMethod method) => method == GrowthMethod.Cagr ? "複利" : "単純平均";

    private static string MethodEn(GrowthMethod method) => method == GrowthMethod.Cagr ? "compound" : "simple average";

    private static string Percent(decimal ratio) => (ratio * 100m).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
