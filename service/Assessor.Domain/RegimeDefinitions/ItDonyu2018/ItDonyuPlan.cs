using System.Text.Json.Serialization;
using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary>
/// A plan for the IT introduction subsidy (サービス等生産性向上IT導入支援事業, regime <c>it-donyu-2018</c>): the applicant, the
/// application round, its SECURITY ACTION declaration, the management diagnosis, the IT vendor that reviewed the plan, the
/// IT tools it introduces, and its productivity plan. Money is whole yen, dates <c>YYYY-MM-DD</c>, shares decimals from 0 to
/// 1; unknown members are refused.
/// </summary>
public sealed record ItDonyuPlan
{
    /// <summary>The regime: <c>it-donyu-2018</c>.</summary>
    public required string Regime { get; init; }

    /// <summary>The plan's title, as the applicant names it; not empty.</summary>
    public required string Title { get; init; }

    /// <summary>The applicant, whose SME status the <c>sme</c> requirement judges.</summary>
    public required SubsidyApplicant Applicant { get; init; }

    /// <summary>The application round (公募回): 1, 2 or 3; the <c>window</c> requirement judges it.</summary>
    public required int Round { get; init; }

    /// <summary>The day the application was made; it must lie in the round's window.</summary>
    public required DateOnly AppliedOn { get; init; }

    /// <summary>
    /// The applicant's SECURITY ACTION declaration (IPA's self-declaration of security measures). Optional while drafting;
    /// the <c>security-action</c> requirement needs it.
    /// </summary>
    public SecurityActionDeclaration? SecurityAction { get; init; }

    /// <summary>The id of the applicant's management-diagnosis result (経営診断ツール); the <c>diagnosis</c> requirement needs it.</summary>
    public string? DiagnosisId { get; init; }

    /// <summary>The IT introduction support vendor (IT導入支援事業者) that reviewed the plan; the <c>third-party-review</c> requirement needs its id.</summary>
    public ThirdPartyReview? ReviewedBy { get; init; }

    /// <summary>The IT tools the plan introduces; the eligible ones make up the grant's eligible cost. May be empty, and <c>tools</c> then fails.</summary>
    public required IReadOnlyList<ItTool> Tools { get; init; }

    /// <summary>The productivity plan (生産性向上計画): labour productivity in the base year and the years after it.</summary>
    public required ProductivityPlan Productivity { get; init; }

    /// <summary>The bonus items (加点項目) the applicant claims. Optional: without it, none.</summary>
    public ItDonyuBonus? Bonus { get; init; }
}

/// <summary>The level of a SECURITY ACTION declaration: <c>one-star</c> (★) or <c>two-star</c> (★★).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SecurityActionLevel>))]
public enum SecurityActionLevel
{
    [JsonStringEnumMemberName("one-star")] OneStar,
    [JsonStringEnumMemberName("two-star")] TwoStar,
}

/// <summary>A SECURITY ACTION declaration.</summary>
public sealed record SecurityActionDeclaration
{
    /// <summary>
    /// <c>one-star</c> or <c>two-star</c>. A ★★ declaration rests on the <c>ipa-self-check</c> self-check, which the applicant answers
    /// in this service on the plan's current revision.
    /// </summary>
    public required SecurityActionLevel Level { get; init; }

    /// <summary>The declaration's id as IPA issued it (e.g. <c>SA2-000123</c>); the requirement needs it not empty.</summary>
    public string? DeclarationId { get; init; }
}

/// <summary>The IT vendor that reviewed the plan (第三者による計画作成支援).</summary>
public sealed record ThirdPartyReview
{
    /// <summary>The vendor's registration id as an IT introduction support vendor; the requirement needs it not empty.</summary>
    public string? VendorId { get; init; }

    /// <summary>The vendor's name; informational.</summary>
    public string? Name { get; init; }
}

/// <summary>
/// What kind of item a tool is: <c>software</c>, <c>cloud</c> (a subscription, counted for its first 12 months), <c>introduction</c>
/// (setup and training), <c>website</c>, <c>hardware</c> or <c>lease</c> (neither eligible).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ToolCategory>))]
public enum ToolCategory
{
    [JsonStringEnumMemberName("software")] Software,
    [JsonStringEnumMemberName("cloud")] Cloud,
    [JsonStringEnumMemberName("introduction")] Introduction,
    [JsonStringEnumMemberName("website")] Website,
    [JsonStringEnumMemberName("hardware")] Hardware,
    [JsonStringEnumMemberName("lease")] Lease,
}

/// <summary>One IT tool or service the plan introduces.</summary>
public sealed record ItTool
{
    /// <summary>The item's id within the plan (e.g. <c>T1</c>), unique among its tools.</summary>
    public required string Id { get; init; }

    /// <summary><c>software</c>, <c>cloud</c>, <c>introduction</c>, <c>website</c>, <c>hardware</c> or <c>lease</c>.</summary>
    public required ToolCategory Category { get; init; }

    /// <summary>The registered IT vendor that provides the tool; without it the item is excluded (<c>tool-not-registered</c>).</summary>
    public string? VendorId { get; init; }

    /// <summary>The tool's id in the register of IT tools; without it the item is excluded (<c>tool-not-registered</c>).</summary>
    public string? ToolId { get; init; }

    /// <summary>What the item is; not empty.</summary>
    public required string Name { get; init; }

    /// <summary>The item's cost in whole yen, greater than zero; for <c>cloud</c>, the cost of all its <c>months</c>.</summary>
    public required long Cost { get; init; }

    /// <summary>For <c>cloud</c>: the months <c>cost</c> covers, at least 1 (12 when left out); only the first 12 count. Ignored for other categories.</summary>
    public int? Months { get; init; }

    /// <summary>The day the item was contracted; an item contracted before its round's grant decision is excluded.</summary>
    public DateOnly? ContractedOn { get; init; }
}

/// <summary>The productivity plan: a base year and the years after it, each with its gross profit and labour hours.</summary>
public sealed record ProductivityPlan
{
    /// <summary>The base fiscal year the later years are compared with; its row is required.</summary>
    public required int BaseFiscalYear { get; init; }

    /// <summary>One row per fiscal year, no year twice: the base year and year 3 after it (needed), years 4 and 5 (judged when given).</summary>
    public required IReadOnlyList<ProductivityYear> Years { get; init; }
}

/// <summary>One fiscal year's figures of the productivity plan.</summary>
public sealed record ProductivityYear
{
    /// <summary>The fiscal year (e.g. 2020).</summary>
    public required int FiscalYear { get; init; }

    /// <summary>Sales (売上高) in whole yen, not negative.</summary>
    public required long Sales { get; init; }

    /// <summary>Cost of sales (売上原価) in whole yen, not negative; gross profit is sales minus it.</summary>
    public required long CostOfSales { get; init; }

    /// <summary>Employees, greater than zero.</summary>
    public required int Employees { get; init; }

    /// <summary>Working hours per employee in the year, greater than zero and at most 8,784 (a leap year's hours).</summary>
    public required decimal HoursPerEmployee { get; init; }
}

/// <summary>The bonus items (加点項目) the applicant claims.</summary>
public sealed record ItDonyuBonus
{
    /// <summary>The applicant is in a municipality with a zero-rate fixed-asset tax on new equipment (固定資産税ゼロ).</summary>
    public required bool ZeroRateMunicipality { get; init; }

    /// <summary>The applicant has a regional economic plan approved (地域経済牽引事業計画).</summary>
    public required bool RegionalEconomicPlan { get; init; }

    /// <summary>The applicant is selected as a regional leading company (地域未来牽引企業).</summary>
    public required bool RegionalLeadingCompany { get; init; }

    /// <summary>The applicant holds the Omotenashi service certification (おもてなし規格認証).</summary>
    public required bool OmotenashiCertified { get; init; }
}
