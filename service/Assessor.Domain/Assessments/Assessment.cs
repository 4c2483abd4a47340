using System.Text.Json.Serialization;
using Assessor.Domain.RegimeDefinitions;

namespace Assessor.Domain.Assessments;

/// <summary>
/// The verdict on one plan under its regime: every certification requirement with its status, reasons and
/// figures, and the tax benefit on the qualifying investment. The requirements come in this order: <c>data-linkage</c>,
/// <c>security</c>, <c>labour-productivity</c>, <c>return-on-investment</c>, <c>minimum-investment</c>, <c>window</c>.
/// </summary>
public sealed record Assessment : RegimeAssessment
{
    /// <summary>Both tax-benefit options and the recommended one, computed whether or not the plan is eligible.</summary>
    public required TaxBenefit TaxBenefit { get; init; }
}

/// <summary>A requirement's status: <c>pass</c>, <c>fail</c>, or <c>pending</c> (waiting on a security sign-off).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequirementStatus>))]
public enum RequirementStatus
{
    [JsonStringEnumMemberName("pass")] Pass,
    [JsonStringEnumMemberName("fail")] Fail,
    /// <summary>Waiting on something outside the plan, such as a security sign-off.</summary>
    [JsonStringEnumMemberName("pending")] Pending,
}

/// <summary>The stable ids of the requirements, as the API names them.</summary>
public static class RequirementIds
{
    public const string DataLinkage = "data-linkage";
    public const string Security = "security";
    public const string LabourProductivity = "labour-productivity";
    public const string ReturnOnInvestment = "return-on-investment";
    public const string MinimumInvestment = "minimum-investment";
    public const string Window = "window";
}

/// <summary>One requirement's verdict, with the reasons and figures behind it.</summary>
/// <remarks>
/// <see cref="Figures"/> is the rule's own figures record (or a dictionary), serialised by its runtime type so that a
/// new rule needs no change here.
/// </remarks>
/// <param name="Id">
/// The requirement: <c>data-linkage</c>, <c>security</c>, <c>labour-productivity</c>, <c>return-on-investment</c>,
/// <c>minimum-investment</c> or <c>window</c>.
/// </param>
/// <param name="Status"><c>pass</c>, <c>fail</c>, or <c>pending</c> (only <c>security</c>, until a specialist signs off the current revision).</param>
/// <param name="Reasons">Why the requirement came out so, one reason per finding (e.g. each linkage, each excluded asset); never empty.</param>
/// <param name="Figures">
/// The numbers the verdict rests on; the members depend on <c>id</c>. Money is whole yen, ratios are decimals
/// rounded to 4 places, and a figure that cannot be measured is left out.
/// <c>data-linkage</c>: <c>qualifying</c> (ids of the qualifying linkages), <c>notQualifying</c> (<c>linkageId</c> and
/// <c>reason</c> code of each other linkage).
/// <c>security</c>, absent while pending: <c>signoffId</c>, <c>runId</c>, <c>checklist</c> (<c>id@version</c>),
/// <c>specialist</c> (<c>name</c>, <c>registrationNumber</c>, <c>kind</c>), <c>keyId</c>, <c>signedAt</c>, <c>verdict</c>
/// (<c>pass</c> or <c>fail</c>).
/// <c>labour-productivity</c>: <c>cagr</c> and <c>simple</c> (average annual growth of labour productivity over
/// t1..t3, compound and simple), <c>method</c> (the one that decides), <c>threshold</c> (0.02), <c>byYear</c>
/// (<c>fiscalYear</c>, <c>t</c>, <c>valueAdded</c> = operating profit + personnel costs + depreciation in yen,
/// <c>labourInput</c> in people or person-hours, <c>lp</c> = value added ÷ labour input rounded to 2 places).
/// <c>return-on-investment</c>: <c>average</c> (mean ROI over t1..t3), <c>threshold</c> (0.15), <c>byYear</c>
/// (<c>fiscalYear</c>, <c>t</c>, <c>gain</c> in operating profit + depreciation over t0 in yen, <c>roi</c> = gain ÷
/// investment), <c>investment</c> (the cost of all the plan's assets in yen, qualifying or not).
/// <c>minimum-investment</c>: <c>qualifying</c> (qualifying acquisition cost in yen), <c>threshold</c> (50,000,000 yen),
/// <c>excluded</c> (<c>assetId</c> and <c>reasons</c> codes of each excluded asset), <c>qualifyingAssets</c> (asset ids).
/// <c>window</c>: <c>periodStart</c>, <c>periodEnd</c>, <c>latestAllowedEnd</c>, <c>windowStart</c>, <c>windowEnd</c>
/// (dates) and <c>maxPlanYears</c> (5).
/// </param>
/// <param name="Participant">
/// For a requirement a regime judges once per participant of a plan several companies own (<c>monozukuri-2018</c>'s
/// <c>sme</c>, <c>equipment</c>, <c>plan-targets</c>, <c>grant-amount</c>): the corporate number of the participant it is about;
/// absent on every other requirement.
/// </param>
public sealed record RequirementResult(string Id, RequirementStatus Status, IReadOnlyList<Reason> Reasons, object? Figures = null, string? Participant = null)
{
    public static RequirementResult Decide(string id, bool passes, IReadOnlyList<Reason> reasons, object? figures) =>
        new(id, passes ? RequirementStatus.Pass : RequirementStatus.Fail, reasons, figures);
}

/// <summary>A tax-benefit option: <c>special-depreciation</c> (特別償却) or <c>tax-credit</c> (税額控除).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BenefitOption>))]
public enum BenefitOption
{
    [JsonStringEnumMemberName("special-depreciation")] SpecialDepreciation,
    [JsonStringEnumMemberName("tax-credit")] TaxCredit,
}

/// <summary>Both benefit options, computed on the qualifying acquisition cost, and the one to take.</summary>
public sealed record TaxBenefit
{
    /// <summary>The special-depreciation option (特別償却).</summary>
    public required SpecialDepreciation SpecialDepreciation { get; init; }
    /// <summary>The tax-credit option (税額控除).</summary>
    public required TaxCredit TaxCredit { get; init; }
    /// <summary>
    /// The option to take: <c>tax-credit</c> when the credit is allowed and above zero (a permanent saving),
    /// otherwise <c>special-depreciation</c> (which only brings deductions forward).
    /// </summary>
    public required BenefitOption Recommended { get; init; }
    /// <summary>One sentence, in Japanese and English, on why <c>recommended</c> is the better option.</summary>
    public required Reason Explanation { get; init; }
    /// <summary>
    /// The qualifying acquisition cost both options are computed on, whole yen: the cost of the assets that
    /// qualify (the <c>qualifying</c> figure of <c>minimum-investment</c>).
    /// </summary>
    public required long Base { get; init; }
    /// <summary>How every amount here is rounded: always <c>truncated to whole yen (切り捨て)</c>.</summary>
    public string MoneyRounding { get; init; } = "truncated to whole yen (切り捨て)";
}

/// <summary>Special depreciation: an extra first-year deduction of a share of the qualifying acquisition cost.</summary>
public sealed record SpecialDepreciation
{
    /// <summary>The share of the qualifying acquisition cost that may be depreciated in the first year, as a ratio (0.30 = 30 %).</summary>
    public required decimal Rate { get; init; }
    /// <summary>The extra first-year deduction, <c>rate</c> × <c>base</c>, in whole yen (truncated).</summary>
    public required long Amount { get; init; }
    /// <summary>
    /// The tax deferred in the first year, <c>amount</c> × the plan's <c>tax.effectiveTaxRate</c>, in whole yen
    /// (truncated); always present, and null when the plan gives no effective tax rate.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required long? FirstYearTaxDeferred { get; init; }
}

/// <summary>The tax credit: a share of the qualifying acquisition cost off the year's corporate tax, capped.</summary>
public sealed record TaxCredit
{
    /// <summary>The credit rate as a ratio: 0.03, or 0.05 when continuing-employee wages rose by at least 3 %.</summary>
    public required decimal Rate { get; init; }
    /// <summary>The credit in whole yen: <c>rate</c> × <c>base</c>, truncated and capped at <c>cap</c>; 0 when not <c>allowed</c>.</summary>
    public required long Amount { get; init; }
    /// <summary>The most the credit may be: <c>capRate</c> × the plan's <c>tax.corporateTax</c>, whole yen (truncated); 0 without tax figures.</summary>
    public required long Cap { get; init; }
    /// <summary>The cap as a share of the year's corporate tax: 0.15, or 0.20 with the raised rate.</summary>
    public required decimal CapRate { get; init; }
    /// <summary>
    /// Whether the company gets the credit at all: false without the plan's tax figures, and for a large company
    /// unless continuing-employee wages rose or domestic capital investment exceeds 10 % of total depreciation.
    /// </summary>
    public required bool Allowed { get; init; }
    /// <summary>
    /// current ÷ prior − 1 of continuing-employee wages as a ratio rounded to 4 decimals (0.02 = a 2 % rise);
    /// absent when the plan gives no wages.
    /// </summary>
    public decimal? WageRise { get; init; }
    /// <summary>Why the rate, cap and allowance came out so (wage rise, large-company condition, cap applied, missing figures).</summary>
    public required IReadOnlyList<Reason> Reasons { get; init; }
}
