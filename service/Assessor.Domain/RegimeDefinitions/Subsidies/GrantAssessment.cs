using Assessor.Domain.Assessments;

namespace Assessor.Domain.RegimeDefinitions.Subsidies;

/// <summary>
/// The verdict on one subsidy plan under its regime: every requirement with its status, reasons and figures, the grant the
/// plan would receive, and the bonus items it earns. For <c>it-donyu-2018</c> the requirements come in this order: <c>sme</c>,
/// <c>window</c>, <c>security-action</c>, <c>diagnosis</c>, <c>third-party-review</c>, <c>tools</c>, <c>productivity</c>,
/// <c>grant-amount</c>.
/// </summary>
public sealed record GrantAssessment : SubsidyAssessment<Grant>;

/// <summary>A subsidy's verdict: the requirements, the grant (of one applicant, or of a consortium), and the bonus items.</summary>
/// <typeparam name="TGrant">The grant's shape.</typeparam>
public abstract record SubsidyAssessment<TGrant> : RegimeAssessment
    where TGrant : class
{
    /// <summary>The grant, computed from the plan's figures whether or not the other requirements pass.</summary>
    public required TGrant Grant { get; init; }

    /// <summary>The ids of the bonus items (加点項目) the plan earns, in the regime's order; empty when none.</summary>
    public required IReadOnlyList<string> Bonus { get; init; }
}

/// <summary>A grant: the eligible cost, what was left out and why, and the amount after the rate, the floor and the cap.</summary>
public sealed record Grant
{
    /// <summary>The cost the rate applies to (補助対象経費), whole yen: the counted cost of every item not excluded.</summary>
    public required long EligibleCost { get; init; }

    /// <summary>The items left out of the eligible cost, each with the code of the first reason that applies.</summary>
    public required IReadOnlyList<ExcludedItem> Excluded { get; init; }

    /// <summary>The grant rate (補助率) as an exact fraction, e.g. <c>1/2</c>.</summary>
    public required string Rate { get; init; }

    /// <summary>The least grant the subsidy pays (補助下限額), whole yen: a grant below it is 0.</summary>
    public required long Floor { get; init; }

    /// <summary>The most the subsidy pays (補助上限額), whole yen.</summary>
    public required long Cap { get; init; }

    /// <summary>
    /// The grant, whole yen: the eligible cost times the rate, truncated (切り捨て), limited to the cap; 0 when that is below
    /// the floor.
    /// </summary>
    public required long Amount { get; init; }
}

/// <summary>An item left out of a grant's eligible cost.</summary>
/// <param name="Id">The item's id in the plan.</param>
/// <param name="Code">The reason code of the first exclusion that applies, e.g. <c>hardware-not-eligible</c>.</param>
public sealed record ExcludedItem(string Id, string Code);
