using System.Text.Json.Serialization;

namespace Assessor.Domain.Plans;

/// <summary>
/// The plan document an applicant uploads (革新的データ産業活用計画): the company, the plan period, the assets it
/// acquires, its data linkages, the financial figures the productivity targets are measured on, and the figures
/// the tax benefit is computed from. Money is whole yen (an integer), dates are <c>YYYY-MM-DD</c>, ratios are
/// decimals (0.30 = 30 %); unknown members are refused.
/// </summary>
public sealed record PlanDocument
{
    /// <summary>The tax measure (regime) the plan applies under, by id; the one known regime is <c>connected-industries-2018</c>.</summary>
    public required string Regime { get; init; }
    /// <summary>The plan's title, as the applicant names it; not empty.</summary>
    public required string Title { get; init; }
    /// <summary>The applying company; its corporate number must be the one the uploader's API key is bound to.</summary>
    public required Applicant Applicant { get; init; }
    /// <summary>
    /// The plan period, both days included, end after start. The <c>window</c> requirement wants at most five years,
    /// starting no later than the last day of the regime's window (2021-03-31).
    /// </summary>
    public required PlanPeriod Period { get; init; }
    /// <summary>The base fiscal year t0 (e.g. 2018): the productivity targets compare t1..t3, the three fiscal years after it, with it.</summary>
    public required int BaseFiscalYear { get; init; }
    /// <summary>How labour input is measured for labour productivity: <c>headcount</c> (people) or <c>hours</c> (headcount × <c>hoursPerPerson</c>).</summary>
    public required LabourInput LabourInput { get; init; }
    /// <summary>
    /// Every asset the plan acquires, at least one. The qualifying ones are the base of the tax benefit and of
    /// <c>minimum-investment</c> (at least ¥50,000,000); all of them together are the investment that
    /// <c>return-on-investment</c> divides by.
    /// </summary>
    public required IReadOnlyList<Asset> Assets { get; init; }
    /// <summary>
    /// The data linkages the plan sets up; <c>data-linkage</c> needs at least one of a qualifying kind. May be
    /// empty, and the requirement then fails.
    /// </summary>
    public required IReadOnlyList<Linkage> Linkages { get; init; }
    /// <summary>One row per fiscal year, no year twice; rows for t0 (<c>baseFiscalYear</c>) to t3 are required, more are allowed.</summary>
    public required IReadOnlyList<FinancialYear> Financials { get; init; }
    /// <summary>
    /// Wages paid to continuing employees (継続雇用者給与等支給額): a rise of 3 % or more raises the tax credit, and a
    /// large company needs some rise (or enough capital investment) for any credit. Optional: without it the
    /// standard credit rate applies.
    /// </summary>
    public Wages? Wages { get; init; }
    /// <summary>The year's corporate-tax figures the tax credit is capped by. Optional: without them no credit is allowed.</summary>
    public TaxFigures? Tax { get; init; }
    /// <summary>
    /// The security specialist who is to confirm the plan's security measures. Optional while drafting; only the
    /// specialist named here sees the submitted plan and can sign it off.
    /// </summary>
    public SecurityExpert? SecurityExpert { get; init; }
}

/// <summary>The applying company.</summary>
public sealed record Applicant
{
    /// <summary>The company's corporate number (法人番号): 13 digits, the first being the check digit of the other twelve.</summary>
    public required string CorporateNumber { get; init; }
    /// <summary>The company's registered name; not empty.</summary>
    public required string Name { get; init; }
    /// <summary>
    /// True for a small or medium-sized enterprise (中小企業). A large company (false) gets the tax credit only when
    /// continuing-employee wages rise at all or domestic capital investment exceeds 10 % of total depreciation; an
    /// IT Coordinator may sign off SMEs' plans only.
    /// </summary>
    public required bool IsSme { get; init; }
    /// <summary>
    /// The company's industry, e.g. <c>manufacturing</c>. It names the competent minister (主務大臣) who issues the
    /// certificate (see <c>reports/certificates.json</c>); an industry not listed there, or none, gets the regime's default.
    /// </summary>
    public string? Industry { get; init; }
    /// <summary>Number of employees, not negative; informational.</summary>
    public int? Employees { get; init; }
    /// <summary>The registered head-office address (本店所在地), as printed on the certificate; optional, not blank when given.</summary>
    public string? Address { get; init; }
    /// <summary>The representative's title and name (代表者の役職・氏名, e.g. <c>代表取締役 山田 太郎</c>), as printed on the certificate; optional, not blank when given.</summary>
    public string? Representative { get; init; }
}

/// <summary>The plan period: first and last day, both included.</summary>
public sealed record PlanPeriod
{
    /// <summary>First day of the plan (<c>YYYY-MM-DD</c>).</summary>
    public required DateOnly Start { get; init; }
    /// <summary>Last day of the plan (<c>YYYY-MM-DD</c>), after <c>start</c>.</summary>
    public required DateOnly End { get; init; }
}

/// <summary>How labour input is measured: <c>headcount</c> (people) or <c>hours</c> (headcount × annual working hours per person).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LabourInput>))]
public enum LabourInput
{
    [JsonStringEnumMemberName("headcount")] Headcount,
    [JsonStringEnumMemberName("hours")] Hours,
}

/// <summary>An asset's class: <c>software</c> (ソフトウェア), <c>machinery</c> (機械装置) or <c>equipment</c> (fixtures and equipment, 器具備品).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssetClass>))]
public enum AssetClass
{
    [JsonStringEnumMemberName("software")] Software,
    [JsonStringEnumMemberName("machinery")] Machinery,
    [JsonStringEnumMemberName("equipment")] Equipment,
}

/// <summary>One asset the plan acquires.</summary>
public sealed record Asset
{
    /// <summary>The asset's id within the plan (e.g. <c>A1</c>), unique among its assets; <c>withSoftware</c> refers to software by it.</summary>
    public required string Id { get; init; }
    /// <summary>
    /// <c>software</c>, <c>machinery</c> or <c>equipment</c>. Software can qualify on its own; machinery and equipment
    /// only when acquired together with qualifying software (<c>withSoftware</c>), machinery also only when it
    /// collects data automatically.
    /// </summary>
    public required AssetClass Class { get; init; }
    /// <summary>What the asset is (e.g. a product name); not empty.</summary>
    public required string Name { get; init; }
    /// <summary>Acquisition cost in whole yen, greater than zero; all the plan's assets together may cost at most ¥10^15.</summary>
    public required long Cost { get; init; }
    /// <summary>
    /// The day the asset is acquired (<c>YYYY-MM-DD</c>). Outside the regime's window (2018-06-06 to 2021-03-31)
    /// the asset is excluded from the qualifying base.
    /// </summary>
    public required DateOnly AcquiredOn { get; init; }
    /// <summary>
    /// The day the asset is put into business use (<c>YYYY-MM-DD</c>), not before <c>acquiredOn</c>. Outside the
    /// regime's window the asset is excluded from the qualifying base.
    /// </summary>
    public required DateOnly InServiceOn { get; init; }
    /// <summary>True when the asset is new; a used asset never qualifies.</summary>
    public required bool IsNew { get; init; }
    /// <summary>
    /// Id of the software asset this hardware is acquired together with: for machinery or equipment, the <c>id</c>
    /// of a software asset of this plan. Without it, or when that software does not qualify, the hardware is
    /// excluded from the qualifying base.
    /// </summary>
    public string? WithSoftware { get; init; }
    /// <summary>
    /// For machinery: true when it collects data continuously and automatically (e.g. a sensor). Machinery
    /// without <c>true</c> here is excluded from the qualifying base; ignored for other classes.
    /// </summary>
    public bool? CollectsDataAutomatically { get; init; }
}

/// <summary>
/// What a linkage joins: <c>external-data</c> (outside data with internal data), <c>new-data</c> (data never
/// acquired before, such as new sensor data, with internal data), <c>group-companies</c> (data important to
/// competitiveness, between group companies), <c>business-sites</c> (the same between the company's own sites,
/// over a network) or <c>internal-only</c> (existing internal data within one site: does not qualify).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<LinkageKind>))]
public enum LinkageKind
{
    [JsonStringEnumMemberName("external-data")] ExternalData,
    [JsonStringEnumMemberName("new-data")] NewData,
    [JsonStringEnumMemberName("group-companies")] GroupCompanies,
    [JsonStringEnumMemberName("business-sites")] BusinessSites,
    [JsonStringEnumMemberName("internal-only")] InternalOnly,
}

/// <summary>One data linkage the plan sets up.</summary>
public sealed record Linkage
{
    /// <summary>The linkage's id within the plan (e.g. <c>L1</c>), unique among its linkages.</summary>
    public required string Id { get; init; }
    /// <summary>
    /// <c>external-data</c>, <c>new-data</c>, <c>group-companies</c>, <c>business-sites</c> or <c>internal-only</c>.
    /// Every kind but <c>internal-only</c> qualifies, <c>new-data</c> only with <c>newlyAcquired</c> true.
    /// </summary>
    public required LinkageKind Kind { get; init; }
    /// <summary>The data that flows (e.g. vibration and temperature time series); not empty.</summary>
    public required string Data { get; init; }
    /// <summary>Where the data comes from: the source party, site or system; not empty.</summary>
    public required string From { get; init; }
    /// <summary>Where the data goes: the destination party, site or system; not empty.</summary>
    public required string To { get; init; }
    /// <summary>True when the data has never been acquired before; a <c>new-data</c> linkage qualifies only when this is true.</summary>
    public bool? NewlyAcquired { get; init; }
    /// <summary>What the linked data is used for; not empty.</summary>
    public required string Purpose { get; init; }
    /// <summary>The network the data travels over (e.g. a closed VPN between sites); informational.</summary>
    public string? Network { get; init; }
}

/// <summary>One fiscal year's figures.</summary>
public sealed record FinancialYear
{
    /// <summary>The fiscal year the figures are for (e.g. 2019).</summary>
    public required int FiscalYear { get; init; }
    /// <summary>Operating profit (営業利益) in whole yen; may be negative.</summary>
    public required long OperatingProfit { get; init; }
    /// <summary>Personnel costs (人件費) in whole yen, not negative.</summary>
    public required long PersonnelCosts { get; init; }
    /// <summary>Depreciation (減価償却費) in whole yen, not negative.</summary>
    public required long Depreciation { get; init; }
    /// <summary>Number of employees, greater than zero: the labour input, or its first factor when <c>labourInput</c> is <c>hours</c>.</summary>
    public required int Headcount { get; init; }
    /// <summary>Annual working hours per person; required, and greater than zero, when <c>labourInput</c> is <c>hours</c>, else ignored.</summary>
    public decimal? HoursPerPerson { get; init; }
}

/// <summary>Wages paid to continuing employees (継続雇用者給与等支給額), in whole yen.</summary>
public sealed record Wages
{
    /// <summary>Paid to continuing employees in the prior year, whole yen, greater than zero.</summary>
    public required long ContinuingEmployeesPriorYear { get; init; }
    /// <summary>
    /// Paid to continuing employees in the current year, whole yen, not negative. A rise of at least 3 % over the
    /// prior year raises the credit to 5 % (capped at 20 % of corporate tax).
    /// </summary>
    public required long ContinuingEmployeesCurrentYear { get; init; }
}

/// <summary>The year's corporate-tax figures.</summary>
public sealed record TaxFigures
{
    /// <summary>The year's corporate tax (法人税額) in whole yen, not negative; the tax credit is capped at 15 % (or 20 %) of it.</summary>
    public required long CorporateTax { get; init; }
    /// <summary>
    /// The effective tax rate as a ratio from 0 to 1 (0.30 = 30 %). Optional: when given, the assessment also shows
    /// the first-year tax deferred by special depreciation.
    /// </summary>
    public decimal? EffectiveTaxRate { get; init; }
    /// <summary>
    /// The year's domestic capital investment in whole yen, not negative. Needed, with <c>totalDepreciation</c>,
    /// when <c>applicant.isSme</c> is false: a large company's credit is allowed when this exceeds 10 % of total
    /// depreciation (or when wages rose).
    /// </summary>
    public long? DomesticCapex { get; init; }
    /// <summary>The year's total depreciation in whole yen, not negative; see <c>domesticCapex</c>.</summary>
    public long? TotalDepreciation { get; init; }
}

/// <summary>The security specialist who is to confirm the plan's security measures.</summary>
public sealed record SecurityExpert
{
    /// <summary>The specialist's registration number in the service's registry: six digits, zero-padded (e.g. <c>011172</c>).</summary>
    public required string RegistrationNumber { get; init; }
}
