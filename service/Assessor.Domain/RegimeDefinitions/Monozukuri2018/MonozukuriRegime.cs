using Assessor.Domain.Attestations;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.RegimeDefinitions.Monozukuri2018;

/// <summary>An application round of the Monozukuri subsidy: when applications are taken, both days included.</summary>
public sealed record MonozukuriRound(int Number, DateOnly Opens, DateOnly Closes);

/// <summary>What one type applied for allows: how many participants, whether machinery is needed, which cost categories count, the cap.</summary>
/// <param name="Type">The type.</param>
/// <param name="MinParticipants">The fewest participants, included.</param>
/// <param name="MaxParticipants">The most participants, included.</param>
/// <param name="MachineryRequired">Whether every participant needs at least one <c>machinery</c> cost.</param>
/// <param name="EligibleCategories">The cost categories that count; any other is excluded.</param>
/// <param name="Cap">The cap per participant before the allocation and the expert add-on.</param>
/// <param name="SmallType">Whether the type is a small type (小規模型): its rate depends on the participant being a small business.</param>
public sealed record TypeRules(
    MonozukuriType Type, int MinParticipants, int MaxParticipants, bool MachineryRequired, IReadOnlyList<string> EligibleCategories, long Cap, bool SmallType);

/// <summary>
/// Every figure of the Monozukuri subsidy (FY2017 supplementary budget, 2018 rounds): the rules in this folder read them from
/// here and hold none of their own.
/// </summary>
public sealed record MonozukuriRegime
{
    /// <summary>The category every machinery-requiring type needs at least one cost of.</summary>
    public const string Machinery = "machinery";

    /// <summary>The categories every type counts (declared before <see cref="Of2018"/>, which reads it while statics initialise).</summary>
    private static readonly string[] Common = [Machinery, "technology-introduction", "expert", "transport", "cloud"];

    public required string Id { get; init; }

    public required SmeDefinition Sme { get; init; }

    /// <summary>The legal forms that may apply; any other fails <c>sme</c>.</summary>
    public required IReadOnlyList<EntityType> EntityTypes { get; init; }

    public required IReadOnlyList<MonozukuriRound> Rounds { get; init; }

    public required IReadOnlyList<TypeRules> Types { get; init; }

    /// <summary>The extra pool of the data-sharing type per participant (its members' allocations share 2,000,000 × n).</summary>
    public required long PoolPerParticipant { get; init; }

    /// <summary>What using an outside expert adds to a participant's cap.</summary>
    public required long ExpertAddOn { get; init; }

    /// <summary>The least grant before the cap (補助下限額).</summary>
    public required long GrantFloor { get; init; }

    /// <summary>The rate of the data-sharing type, and the raised rate of the general type and of a small business in a small type.</summary>
    public required Fraction RaisedRate { get; init; }

    /// <summary>The ordinary rate.</summary>
    public required Fraction OrdinaryRate { get; init; }

    /// <summary>A management innovation plan raises the general type's rate only when applied for on or after this day.</summary>
    public required DateOnly ManagementPlanAppliedFrom { get; init; }

    /// <summary>The least annual targets of a management innovation plan that raises the rate.</summary>
    public required ManagementTargets ManagementPlanTargets { get; init; }

    /// <summary>The value-added target: growth per year of the plan, simple (VA_final ≥ VA_base × (1 + this × years)).</summary>
    public required decimal ValueAddedGrowthPerYear { get; init; }

    /// <summary>The ordinary-profit target: growth per year of the plan, simple.</summary>
    public required decimal OrdinaryProfitGrowthPerYear { get; init; }

    /// <summary>The bonus items, in the order the assessment lists them.</summary>
    public required IReadOnlyList<BonusItem> Bonus { get; init; }

    /// <summary>The attestation the <c>support-organisation</c> requirement waits on.</summary>
    public required AttestationRequirement Attestation { get; init; }

    public MonozukuriRound? Round(int number) => Rounds.FirstOrDefault(r => r.Number == number);

    public TypeRules For(MonozukuriType type) => Types.First(t => t.Type == type);

    /// <summary>ものづくり・商業・サービス経営力向上支援補助金 (FY2017 supplementary budget), the two rounds of 2018.</summary>
    public static MonozukuriRegime Of2018 { get; } = new()
    {
        Id = "monozukuri-2018",
        Sme = SmeDefinition.Of2018,
        EntityTypes = [EntityType.Company, EntityType.Individual, EntityType.Cooperative],
        Rounds = [new(1, new(2018, 2, 28), new(2018, 4, 27)), new(2, new(2018, 8, 3), new(2018, 9, 10))],
        Types =
        [
            new(MonozukuriType.General, 1, 1, MachineryRequired: true, Common, 10_000_000, SmallType: false),
            new(MonozukuriType.SmallEquipment, 1, 1, MachineryRequired: true, Common, 5_000_000, SmallType: true),
            new(MonozukuriType.SmallPrototype, 1, 1, MachineryRequired: false,
                [.. Common, "materials", "outsourcing", "consignment", "intellectual-property"], 5_000_000, SmallType: true),
            new(MonozukuriType.DataSharing, 2, 10, MachineryRequired: true, Common, 10_000_000, SmallType: false),
        ],
        PoolPerParticipant = 2_000_000,
        ExpertAddOn = 300_000,
        GrantFloor = 1_000_000,
        RaisedRate = new(2, 3),
        OrdinaryRate = new(1, 2),
        ManagementPlanAppliedFrom = new(2017, 12, 22),
        ManagementPlanTargets = new() { ValueAdded = 0.03m, OrdinaryProfit = 0.01m, LabourProductivity = 0.03m },
        ValueAddedGrowthPerYear = 0.03m,
        OrdinaryProfitGrowthPerYear = 0.01m,
        Bonus =
        [
            new("advanced-equipment-plan", "先端設備等導入計画の認定を受けた参加事業者がいる", "A participant holds a certified advanced-equipment introduction plan"),
            new("management-plan", "経営革新計画の承認を受けた参加事業者がいる", "A participant holds an approved management innovation plan"),
            new("wage-raise", "全ての参加事業者が賃上げを表明している", "Every participant commits to raising wages"),
            new("small-business-small-type", "小規模事業者が小規模型に申請している", "A small business applies for a small type"),
        ],
        Attestation = new(AttestationKind.SupportOrganisationSignoff, MonozukuriRequirements.SupportOrganisation, new("monozukuri-confirmation", 1))
        {
            Attestors = [SpecialistKind.SupportOrganisation],
        },
    };
}
