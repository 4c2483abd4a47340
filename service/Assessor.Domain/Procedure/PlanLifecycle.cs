namespace Assessor.Domain.Procedure;

/// <summary>What can be done to a plan: each action belongs to one role and is allowed from listed statuses only.</summary>
public enum PlanAction
{
    /// <summary>The applicant uploads a new revision.</summary>
    Revise,

    /// <summary>The applicant hands the plan over for review.</summary>
    Submit,

    /// <summary>The plan's specialist starts a checklist run, answers it or signs it off.</summary>
    Attest,

    /// <summary>A reviewer certifies, rejects or returns it.</summary>
    Decide,

    /// <summary>The applicant starts or answers its own self-check on the current revision (for a regime that needs one).</summary>
    SelfCheck,

    /// <summary>
    /// A consortium's participant other than the lead confirms the current revision with its own key. Like the self-check,
    /// while the plan can still be assessed anew: a returned plan needs a new revision (which clears the confirmations) first.
    /// </summary>
    Consent,
}

/// <summary>Why a decision cannot be taken.</summary>
public abstract record DecisionRefusal
{
    /// <summary>The reviewer decided on another revision than the current one.</summary>
    public sealed record RevisionChanged(long Decided, long Current) : DecisionRefusal;

    /// <summary>The plan is not in a status a decision applies to.</summary>
    public sealed record IllegalTransition(PlanStatus Current) : DecisionRefusal;

    /// <summary>Certification needs every requirement of the assessed revision to pass; these do not.</summary>
    public sealed record NotCertifiable(IReadOnlyList<string> Failing) : DecisionRefusal;
}

/// <summary>
/// The plan procedure as a table: draft → submitted → certified | rejected | returned, and a returned plan
/// back to draft by a new revision. Decisions are taken on the exact revision that was assessed.
/// </summary>
public static class PlanLifecycle
{
    private static readonly Dictionary<PlanAction, PlanStatus[]> AllowedFrom = new()
    {
        [PlanAction.Revise] = [PlanStatus.Draft, PlanStatus.Returned],
        [PlanAction.Submit] = [PlanStatus.Draft],
        [PlanAction.Attest] = [PlanStatus.Submitted],
        [PlanAction.Decide] = [PlanStatus.Submitted],
        [PlanAction.SelfCheck] = [PlanStatus.Draft, PlanStatus.Submitted],
        [PlanAction.Consent] = [PlanStatus.Draft, PlanStatus.Submitted],
    };

    private static readonly Dictionary<Decision, PlanStatus> DecisionOutcome = new()
    {
        [Decision.Certify] = PlanStatus.Certified,
        [Decision.Reject] = PlanStatus.Rejected,
        [Decision.Return] = PlanStatus.Returned,
    };

    /// <summary>The statuses <paramref name="action"/> may start from.</summary>
    public static IReadOnlyList<PlanStatus> From(PlanAction action) => AllowedFrom[action];

    public static bool Allows(PlanStatus current, PlanAction action) => AllowedFrom[action].Contains(current);

    /// <summary>The status after <paramref name="action"/> (for a decision, see <see cref="StatusAfter(Decision)"/>).</summary>
    public static PlanStatus StatusAfter(PlanAction action) => action switch
    {
        PlanAction.Revise => PlanStatus.Draft,
        PlanAction.Submit => PlanStatus.Submitted,
        PlanAction.Attest => PlanStatus.Submitted,
        PlanAction.SelfCheck or PlanAction.Consent => throw new ArgumentOutOfRangeException(nameof(action), action, "It leaves the plan's status as it is."),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "A decision's outcome depends on the decision."),
    };

    public static PlanStatus StatusAfter(Decision decision) => DecisionOutcome[decision];

    /// <summary>Only certification may go without a reason: a rejection or a return must say what to act on.</summary>
    public static bool NeedsReason(Decision decision) => decision != Decision.Certify;

    /// <summary>
    /// Checks a decision in the order a reviewer can act on: the revision they saw, the plan's status, then (for
    /// certification) that every requirement of that revision passes. Null when the decision may be recorded.
    /// </summary>
    /// <param name="decidedRevision">The revision the reviewer names, when they name one.</param>
    /// <param name="failingRequirements">The requirements of the current revision's assessment that do not pass.</param>
    public static DecisionRefusal? CheckDecision(
        Decision decision, PlanStatus current, long currentRevision, long? decidedRevision, IReadOnlyList<string> failingRequirements)
    {
        if (decidedRevision is { } decided && decided != currentRevision)
        {
            return new DecisionRefusal.RevisionChanged(decided, currentRevision);
        }

        if (!Allows(current, PlanAction.Decide))
        {
            return new DecisionRefusal.IllegalTransition(current);
        }

        return decision == Decision.Certify && failingRequirements.Count > 0 ? new DecisionRefusal.NotCertifiable(failingRequirements) : null;
    }
}
