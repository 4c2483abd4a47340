using Assessor.Domain.Procedure;

namespace Assessor.Domain.Tests.Procedure;

public class PlanLifecycleTests
{
    [Theory]
    // The applicant revises a draft or a returned plan, and only those.
    [InlineData(PlanAction.Revise, PlanStatus.Draft, true)]
    [InlineData(PlanAction.Revise, PlanStatus.Returned, true)]
    [InlineData(PlanAction.Revise, PlanStatus.Submitted, false)]
    [InlineData(PlanAction.Revise, PlanStatus.Certified, false)]
    [InlineData(PlanAction.Revise, PlanStatus.Rejected, false)]
    // Submitting takes a draft; a returned plan needs a new revision (which makes it a draft) first.
    [InlineData(PlanAction.Submit, PlanStatus.Draft, true)]
    [InlineData(PlanAction.Submit, PlanStatus.Returned, false)]
    [InlineData(PlanAction.Submit, PlanStatus.Submitted, false)]
    // Specialists attest and reviewers decide while the plan is in review, never after.
    [InlineData(PlanAction.Attest, PlanStatus.Submitted, true)]
    [InlineData(PlanAction.Attest, PlanStatus.Draft, false)]
    [InlineData(PlanAction.Attest, PlanStatus.Certified, false)]
    [InlineData(PlanAction.Decide, PlanStatus.Submitted, true)]
    [InlineData(PlanAction.Decide, PlanStatus.Returned, false)]
    [InlineData(PlanAction.Decide, PlanStatus.Certified, false)]
    [InlineData(PlanAction.Decide, PlanStatus.Rejected, false)]
    // A participant confirms while the plan can still be assessed anew; a returned plan needs a new revision first.
    [InlineData(PlanAction.Consent, PlanStatus.Draft, true)]
    [InlineData(PlanAction.Consent, PlanStatus.Submitted, true)]
    [InlineData(PlanAction.Consent, PlanStatus.Returned, false)]
    [InlineData(PlanAction.Consent, PlanStatus.Certified, false)]
    [InlineData(PlanAction.Consent, PlanStatus.Rejected, false)]
    public void Each_action_starts_from_its_statuses_only(PlanAction action, PlanStatus from, bool allowed) =>
        Assert.Equal(allowed, PlanLifecycle.Allows(from, action));

    [Theory]
    [InlineData(PlanAction.Revise, PlanStatus.Draft)]
    [InlineData(PlanAction.Submit, PlanStatus.Submitted)]
    [InlineData(PlanAction.Attest, PlanStatus.Submitted)]
    public void Actions_lead_to_their_status(PlanAction action, PlanStatus after) => Assert.Equal(after, PlanLifecycle.StatusAfter(action));

    [Theory]
    [InlineData(Decision.Certify, PlanStatus.Certified, false)]
    [InlineData(Decision.Reject, PlanStatus.Rejected, true)]
    [InlineData(Decision.Return, PlanStatus.Returned, true)]
    public void Decisions_lead_to_their_status_and_all_but_certification_need_a_reason(Decision decision, PlanStatus after, bool needsReason)
    {
        Assert.Equal(after, PlanLifecycle.StatusAfter(decision));
        Assert.Equal(needsReason, PlanLifecycle.NeedsReason(decision));
    }

    [Fact]
    public void A_decision_outcome_is_not_an_action_outcome() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PlanLifecycle.StatusAfter(PlanAction.Decide));

    [Fact]
    public void Certification_needs_every_requirement_to_pass()
    {
        var refusal = PlanLifecycle.CheckDecision(Decision.Certify, PlanStatus.Submitted, 2, 2, ["security", "window"]);

        Assert.Equal(["security", "window"], Assert.IsType<DecisionRefusal.NotCertifiable>(refusal).Failing);
        Assert.Null(PlanLifecycle.CheckDecision(Decision.Certify, PlanStatus.Submitted, 2, 2, []));
    }

    [Theory]
    [InlineData(Decision.Reject)]
    [InlineData(Decision.Return)]
    public void Rejecting_or_returning_does_not_depend_on_the_requirements(Decision decision) =>
        Assert.Null(PlanLifecycle.CheckDecision(decision, PlanStatus.Submitted, 1, null, ["security"]));

    [Fact]
    public void A_decision_names_the_exact_revision_it_was_taken_on()
    {
        var refusal = PlanLifecycle.CheckDecision(Decision.Certify, PlanStatus.Submitted, 3, 2, []);

        Assert.Equal(new DecisionRefusal.RevisionChanged(2, 3), refusal);
        Assert.Null(PlanLifecycle.CheckDecision(Decision.Certify, PlanStatus.Submitted, 3, 3, []));
        Assert.Null(PlanLifecycle.CheckDecision(Decision.Certify, PlanStatus.Submitted, 3, null, []));
    }

    [Theory]
    [InlineData(PlanStatus.Draft)]
    [InlineData(PlanStatus.Returned)]
    [InlineData(PlanStatus.Certified)]
    [InlineData(PlanStatus.Rejected)]
    public void Only_a_plan_in_review_can_be_decided(PlanStatus status) =>
        Assert.Equal(new DecisionRefusal.IllegalTransition(status), PlanLifecycle.CheckDecision(Decision.Reject, status, 1, null, []));

    [Fact]
    public void The_revision_is_checked_before_the_status_and_the_status_before_the_requirements()
    {
        Assert.IsType<DecisionRefusal.RevisionChanged>(PlanLifecycle.CheckDecision(Decision.Certify, PlanStatus.Certified, 2, 1, ["security"]));
        Assert.IsType<DecisionRefusal.IllegalTransition>(PlanLifecycle.CheckDecision(Decision.Certify, PlanStatus.Certified, 2, 2, ["security"]));
    }

    [Theory]
    // A newer revision supersedes a run whatever else holds; a signature closes it; leaving review closes it.
    [InlineData(1, 2, false, PlanStatus.Submitted, RunStatus.Superseded)]
    [InlineData(1, 2, true, PlanStatus.Certified, RunStatus.Superseded)]
    [InlineData(2, 2, true, PlanStatus.Submitted, RunStatus.Signed)]
    [InlineData(2, 2, true, PlanStatus.Certified, RunStatus.Signed)]
    [InlineData(2, 2, false, PlanStatus.Submitted, RunStatus.Open)]
    [InlineData(2, 2, false, PlanStatus.Returned, RunStatus.Closed)]
    [InlineData(2, 2, false, PlanStatus.Rejected, RunStatus.Closed)]
    public void A_run_is_open_only_on_the_current_revision_unsigned_while_in_review(
        long runRevision, long planRevision, bool signed, PlanStatus planStatus, RunStatus expected) =>
        Assert.Equal(expected, RunStatuses.Of(runRevision, planRevision, signed, planStatus));
}
