using System.Text.Json.Serialization;
using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.RegimeDefinitions.Monozukuri2018;

/// <summary>
/// A plan for the Monozukuri subsidy (ものづくり・商業・サービス経営力向上支援補助金, regime <c>monozukuri-2018</c>): the type and
/// track applied for, the round, the participating companies (one, or 2 to 10 for the inter-company data-sharing type, with
/// exactly one lead), the data they share with each other, and the support organisation that confirms the plan. Money is
/// whole yen, dates <c>YYYY-MM-DD</c>, shares decimals from 0 to 1; unknown members are refused.
/// </summary>
public sealed record MonozukuriPlan
{
    /// <summary>The regime: <c>monozukuri-2018</c>.</summary>
    public required string Regime { get; init; }

    /// <summary>The plan's title, as the applicants name it; not empty.</summary>
    public required string Title { get; init; }

    /// <summary>The type applied for: <c>general</c>, <c>small-equipment</c>, <c>small-prototype</c> or <c>data-sharing</c>.</summary>
    public required MonozukuriType Type { get; init; }

    /// <summary>The track: <c>manufacturing-technology</c> (ものづくり技術) or <c>innovative-service</c> (革新的サービス); informational.</summary>
    public required MonozukuriTrack Track { get; init; }

    /// <summary>The application round (公募回): 1 or 2; the <c>window</c> requirement judges it.</summary>
    public required int Round { get; init; }

    /// <summary>The day the application was made; it must lie in the round's window.</summary>
    public required DateOnly AppliedOn { get; init; }

    /// <summary>
    /// The participating companies, at least one: exactly one unless the type is <c>data-sharing</c> (2 to 10), and exactly one
    /// of them the lead, whose applicant key uploads the plan. The <c>participants</c> requirement judges the count.
    /// </summary>
    public required IReadOnlyList<Participant> Participants { get; init; }

    /// <summary>The data the participants share with each other (data-sharing type); none when left out (see <see cref="SharedData"/>).</summary>
    public IReadOnlyList<DataLinkage>? Linkages { get; init; }

    /// <summary>The linkages, none when left out.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<DataLinkage> SharedData => Linkages ?? [];

    /// <summary>The certified support organisation (認定経営革新等支援機関) that confirms the plan; the <c>support-organisation</c> requirement waits on it.</summary>
    public SupportOrganisation? SupportOrganisation { get; init; }
}

/// <summary>The type applied for (事業類型).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MonozukuriType>))]
public enum MonozukuriType
{
    /// <summary>一般型: one company, machinery required.</summary>
    [JsonStringEnumMemberName("general")] General,

    /// <summary>小規模型（設備投資のみ）: one company, machinery required.</summary>
    [JsonStringEnumMemberName("small-equipment")] SmallEquipment,

    /// <summary>小規模型（試作開発等）: one company, no machinery needed, more cost categories.</summary>
    [JsonStringEnumMemberName("small-prototype")] SmallPrototype,

    /// <summary>企業間データ活用型: 2 to 10 companies sharing data with each other, each investing in machinery.</summary>
    [JsonStringEnumMemberName("data-sharing")] DataSharing,
}

/// <summary>The track (対象類型): <c>manufacturing-technology</c> or <c>innovative-service</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MonozukuriTrack>))]
public enum MonozukuriTrack
{
    [JsonStringEnumMemberName("manufacturing-technology")] ManufacturingTechnology,
    [JsonStringEnumMemberName("innovative-service")] InnovativeService,
}

/// <summary>One participating company (one applicant when the type is not data-sharing).</summary>
public sealed record Participant
{
    /// <summary>The participant's corporate number (法人番号): 13 digits, the first the check digit; an applicant key is bound to it.</summary>
    public required string CorporateNumber { get; init; }

    /// <summary>The participant's registered name; not empty.</summary>
    public required string Name { get; init; }

    /// <summary>True for the lead company (幹事企業), whose applicant key uploads, revises and submits the plan.</summary>
    public required bool IsLead { get; init; }

    /// <summary>The legal form; only <c>company</c>, <c>individual</c> and <c>cooperative</c> may apply to this subsidy.</summary>
    public required EntityType EntityType { get; init; }

    /// <summary>The industry whose SME limits apply.</summary>
    public required Industry Industry { get; init; }

    /// <summary>Capital or total contributions in whole yen, not negative; required for a <c>company</c>.</summary>
    public long? Capital { get; init; }

    /// <summary>Regular employees, not counting officers or temporary staff; not negative.</summary>
    public required int Employees { get; init; }

    /// <summary>Shares held in, and seats on the board of, the participant by large companies (the deemed-large tests).</summary>
    public required Ownership Ownership { get; init; }

    /// <summary>
    /// Data-sharing type only: this participant's share of the consortium's extra pool (2,000,000 yen per participant), added to
    /// its cap. Left out: 0. A non-zero allocation in a plan of another type is refused.
    /// </summary>
    public long? Allocation { get; init; }

    /// <summary>True when the participant uses an outside expert (専門家活用): 300,000 yen more on its cap. Left out: false.</summary>
    public bool? ExpertUsed { get; init; }

    /// <summary>The participant's advanced-equipment introduction plan (先端設備等導入計画), when it has one.</summary>
    public AdvancedEquipmentPlan? AdvancedEquipmentPlan { get; init; }

    /// <summary>The participant's management innovation plan (経営革新計画), when it has one.</summary>
    public ManagementInnovationPlan? ManagementInnovationPlan { get; init; }

    /// <summary>True when the participant commits to raising wages (賃上げ); a bonus item when every participant does. Left out: false.</summary>
    public bool? WageRaiseCommitment { get; init; }

    /// <summary>The participant's costs; the eligible ones make up its eligible cost.</summary>
    public required IReadOnlyList<MonozukuriCost> Costs { get; init; }

    /// <summary>The participant's business plan: its base year and final year figures.</summary>
    public required BusinessPlan Plan { get; init; }
}

/// <summary>An advanced-equipment introduction plan (先端設備等導入計画).</summary>
public sealed record AdvancedEquipmentPlan
{
    /// <summary>True when the municipality certified the plan.</summary>
    public required bool Certified { get; init; }

    /// <summary>True when the municipality applies the zero-rate fixed-asset tax measure (固定資産税ゼロ).</summary>
    public required bool ZeroRateMunicipality { get; init; }
}

/// <summary>A management innovation plan (経営革新計画) under the SME Management Enhancement Act.</summary>
public sealed record ManagementInnovationPlan
{
    /// <summary>The day the plan was applied for; only plans applied for on or after 2017-12-22 raise the rate.</summary>
    public required DateOnly AppliedOn { get; init; }

    /// <summary>True when the plan is approved.</summary>
    public required bool Approved { get; init; }

    /// <summary>The plan's annual growth targets.</summary>
    public required ManagementTargets Targets { get; init; }
}

/// <summary>The annual growth targets of a management innovation plan, each a decimal from 0 to 1 (0.03 = 3 % a year).</summary>
public sealed record ManagementTargets
{
    /// <summary>Value added (付加価値額), per year.</summary>
    public required decimal ValueAdded { get; init; }

    /// <summary>Ordinary profit (経常利益), per year.</summary>
    public required decimal OrdinaryProfit { get; init; }

    /// <summary>Labour productivity (労働生産性), per year.</summary>
    public required decimal LabourProductivity { get; init; }
}

/// <summary>One cost of a participant.</summary>
public sealed record MonozukuriCost
{
    /// <summary>The cost's id within its participant (e.g. <c>C1</c>), unique among that participant's costs.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The cost category: <c>machinery</c>, <c>technology-introduction</c>, <c>expert</c>, <c>transport</c>, <c>cloud</c>, and for the
    /// small-prototype type also <c>materials</c>, <c>outsourcing</c>, <c>consignment</c>, <c>intellectual-property</c>. Any other
    /// category is accepted and excluded (<c>cost-category-not-eligible</c>).
    /// </summary>
    public required string Category { get; init; }

    /// <summary>What the cost is; not empty.</summary>
    public required string Name { get; init; }

    /// <summary>The cost in whole yen, greater than zero.</summary>
    public required long Cost { get; init; }
}

/// <summary>A participant's business plan (事業計画): 3, 4 or 5 years, judged at its final year against its base year.</summary>
public sealed record BusinessPlan
{
    /// <summary>The plan's length in years: 3, 4 or 5; the final year is the base fiscal year plus this.</summary>
    public required int Years { get; init; }

    /// <summary>The base year's figures (直近期末).</summary>
    public required PlanYear Base { get; init; }

    /// <summary>The final year's figures.</summary>
    public required PlanYear Final { get; init; }
}

/// <summary>One year's figures of a business plan, in whole yen.</summary>
public sealed record PlanYear
{
    /// <summary>The fiscal year (e.g. 2017).</summary>
    public required int FiscalYear { get; init; }

    /// <summary>Operating profit (営業利益); may be negative.</summary>
    public required long OperatingProfit { get; init; }

    /// <summary>Personnel costs (人件費), not negative.</summary>
    public required long PersonnelCosts { get; init; }

    /// <summary>Depreciation (減価償却費), not negative.</summary>
    public required long Depreciation { get; init; }

    /// <summary>Non-operating expenses (営業外費用), not negative; ordinary profit is operating profit minus them.</summary>
    public required long NonOperatingExpenses { get; init; }

    /// <summary>Employees, not negative; informational.</summary>
    public required int Employees { get; init; }
}

/// <summary>Data one participant shares with another.</summary>
public sealed record DataLinkage
{
    /// <summary>The linkage's id (e.g. <c>L1</c>), unique in the plan.</summary>
    public required string Id { get; init; }

    /// <summary>What data is shared; not empty.</summary>
    public required string Data { get; init; }

    /// <summary>The corporate number of the participant that provides the data.</summary>
    public required string FromParticipant { get; init; }

    /// <summary>The corporate number of the participant that receives it; it counts only when it is another participant.</summary>
    public required string ToParticipant { get; init; }

    /// <summary>What the data is shared for; optional.</summary>
    public string? Purpose { get; init; }
}

/// <summary>The certified support organisation (認定経営革新等支援機関) named to confirm the plan.</summary>
public sealed record SupportOrganisation
{
    /// <summary>Its registration number as issued on certification; not empty.</summary>
    public required string RegistrationNumber { get; init; }
}
