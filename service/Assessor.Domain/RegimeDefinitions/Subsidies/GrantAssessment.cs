using Assessor.Domain.Assessments;

namespace Assessor.Domain.RegimeDefinitions.Subsidies;

/// <summary>
/// The verdict on one subsidy plan under its regime: every requirement with its status, reasons and figures, the grant the
/// plan would receive, and the bonus items it earns.
/// </summary>
public sealed record GrantAssessment : IRegimeAssessment
{
    /// <summary>The plan's id, set when a stored plan's current revision is assessed; absent for an unsaved document.</summary>
    public Guid? PlanId { get; init; }

    /// <summary>The number of the assessed revision; present exactly when <c>planId</c> is.</summary>
    public long? Revision { get; init; }

    /// <summary><c>sha256:</c> and the lower-case hex SHA-256 of the assessed revision's exact bytes; present exactly when <c>planId</c> is.</summary>
    public string? Digest { get; init; }

    /// <summary>The id of the regime the plan was assessed under, e.g. <c>it-donyu-2018</c>.</summary>
    public required string Regime { get; init; }

    /// <summary>True only when every requirement passes; a <c>pending</c> or <c>fail</c> requirement makes it false.</summary>
    public required bool Eligible { get; init; }

    /// <summary>
    /// One result per requirement of the regime, in the regime's order (for <c>it-donyu-2018</c>: <c>sme</c>, <c>window</c>,
    /// <c>security-action</c>, <c>diagnosis</c>, <c>third-party-review</c>, <c>tools</c>, <c>productivity</c>, <c>grant-amount</c>).
    /// </summary>
    public required IReadOnlyList<RequirementResult> Requirements { get; init; }

    /// <summary>The grant, computed from the plan's figures whether or not the other requirements pass.</summary>
    public required Grant Grant { get; init; }

    /// <summary>The ids of the bonus items (加点項目) the plan claims, in the regime's order; empty when none.</summary>
    public required IReadOnlyList<string> Bonus { get; init; }

    IRegimeAssessment IRegimeAssessment.ForRevision(Guid planId, long revision, string digest) =>
        this with { PlanId = planId, Revision = revision, Digest = digest };
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
