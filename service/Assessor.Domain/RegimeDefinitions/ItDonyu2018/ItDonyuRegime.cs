using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary>An application round: when applications are taken (both days included) and when its grants are decided.</summary>
public sealed record ApplicationRound(int Number, DateOnly Opens, DateOnly Closes, DateOnly GrantDecidedOn);

/// <summary>A category of tool that is never eligible, with the reason code it is excluded with.</summary>
public sealed record ExcludedCategory(ToolCategory Category, string Code);

/// <summary>A productivity target: year k after the base must grow labour productivity by at least <paramref name="Growth"/>.</summary>
/// <param name="YearsAfterBase">k = fiscal year − base fiscal year.</param>
/// <param name="Growth">The least growth over the base year, cumulative (0.01 = 1 %); LP_k ≥ LP_base × (1 + growth), decided exactly.</param>
/// <param name="Required">Whether the plan must give this year; a year not required is judged only when given.</param>
public sealed record ProductivityTarget(int YearsAfterBase, decimal Growth, bool Required);

/// <summary>A bonus item and the flag of the plan's <c>bonus</c> that claims it.</summary>
public sealed record ItDonyuBonusItem(BonusItem Item, Func<ItDonyuBonus, bool> Claimed);

/// <summary>
/// Every figure of the IT introduction subsidy (FY2017 supplementary budget, 2018 rounds): the rules in this folder read
/// them from here and hold none of their own.
/// </summary>
public sealed record ItDonyuRegime
{
    public required string Id { get; init; }

    public required SmeDefinition Sme { get; init; }

    /// <summary>The rounds, by number; a plan names its round.</summary>
    public required IReadOnlyList<ApplicationRound> Rounds { get; init; }

    /// <summary>The categories never eligible, in the order their exclusion is checked.</summary>
    public required IReadOnlyList<ExcludedCategory> ExcludedCategories { get; init; }

    /// <summary>The categories of which the eligible base must hold at least one item.</summary>
    public required IReadOnlyList<ToolCategory> BaseCategories { get; init; }

    /// <summary>A cloud subscription counts for at most this many months.</summary>
    public required int CloudMonthsCounted { get; init; }

    /// <summary>The cloud months assumed when a plan gives none.</summary>
    public required int CloudMonthsDefault { get; init; }

    public required IReadOnlyList<ProductivityTarget> ProductivityTargets { get; init; }

    /// <summary>The grant rate (補助率), exact.</summary>
    public required Fraction GrantRate { get; init; }

    /// <summary>The least grant (補助下限額): the <c>grant-amount</c> requirement needs the grant before the cap to reach it.</summary>
    public required long GrantFloor { get; init; }

    /// <summary>The most the subsidy pays (補助上限額).</summary>
    public required long GrantCap { get; init; }

    /// <summary>The bonus items, in the order the assessment lists them.</summary>
    public required IReadOnlyList<ItDonyuBonusItem> Bonus { get; init; }

    /// <summary>The self-check a ★★ declaration rests on.</summary>
    public required ChecklistRef SelfCheck { get; init; }

    public ApplicationRound? Round(int number) => Rounds.FirstOrDefault(r => r.Number == number);

    /// <summary>サービス等生産性向上IT導入支援事業 (FY2017 supplementary budget), the three rounds of 2018.</summary>
    public static ItDonyuRegime Of2018 { get; } = new()
    {
        Id = "it-donyu-2018",
        Sme = SmeDefinition.Of2018,
        Rounds =
        [
            new(1, new(2018, 4, 20), new(2018, 6, 4), new(2018, 6, 14)),
            new(2, new(2018, 6, 20), new(2018, 8, 3), new(2018, 8, 15)),
            new(3, new(2018, 9, 12), new(2018, 12, 18), new(2018, 10, 5)),
        ],
        ExcludedCategories = [new(ToolCategory.Hardware, ItDonyuCodes.HardwareNotEligible), new(ToolCategory.Lease, ItDonyuCodes.LeaseNotEligible)],
        BaseCategories = [ToolCategory.Software, ToolCategory.Cloud],
        CloudMonthsCounted = 12,
        CloudMonthsDefault = 12,
        ProductivityTargets = [new(3, 0.01m, Required: true), new(4, 0.015m, Required: false), new(5, 0.02m, Required: false)],
        GrantRate = new(1, 2),
        GrantFloor = 150_000,
        GrantCap = 500_000,
        Bonus =
        [
            new(new("zero-rate-municipality", "固定資産税ゼロの特例を措置した自治体で事業を行う", "Operates in a municipality with the zero-rate fixed-asset tax measure"),
                b => b.ZeroRateMunicipality),
            new(new("regional-economic-plan", "地域経済牽引事業計画の承認を受けている", "Holds an approved regional economic plan"), b => b.RegionalEconomicPlan),
            new(new("regional-leading-company", "地域未来牽引企業に選定されている", "Selected as a regional leading company"), b => b.RegionalLeadingCompany),
            new(new("omotenashi-certified", "おもてなし規格認証を取得している", "Holds the Omotenashi service certification"), b => b.OmotenashiCertified),
        ],
        SelfCheck = new("ipa-self-check", 1),
    };
}
