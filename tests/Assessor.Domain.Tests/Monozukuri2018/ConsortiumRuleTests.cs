using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.Monozukuri2018;

using static Assessor.Domain.Tests.Monozukuri2018.MonozukuriPlans;

namespace Assessor.Domain.Tests.Monozukuri2018;

/// <summary>The consortium-wide requirements at and one step beyond each boundary of programmes.md §2.</summary>
public class ConsortiumRuleTests
{
    /// <summary>A data-sharing consortium of <paramref name="count"/>: the example's three, then copies of the third under new numbers, or fewer.</summary>
    private static MonozukuriPlan Consortium(int count)
    {
        var extra = MoreNumbers.Take(Math.Max(count - 3, 0))
            .Select(n => Example.Participants[2] with { CorporateNumber = n, Allocation = 0 });
        var participants = Example.Participants.Concat(extra).Take(count).ToList();
        return Example with { Participants = participants, Linkages = [.. Example.SharedData.Where(l => participants.Any(p => p.CorporateNumber == l.ToParticipant))] };
    }

    [Theory]
    [InlineData(1, RequirementStatus.Fail)]
    [InlineData(2, RequirementStatus.Pass)]
    [InlineData(10, RequirementStatus.Pass)]
    [InlineData(11, RequirementStatus.Fail)]
    public void Data_sharing_takes_two_to_ten_participants(int count, RequirementStatus expected)
    {
        var result = Assess(Consortium(count)).Requirement(MonozukuriRequirements.Participants);

        Assert.Equal(expected, result.Status);
        Assert.Equal(expected == RequirementStatus.Pass ? MonozukuriCodes.ParticipantsValid : MonozukuriCodes.ParticipantCountOutOfRange, result.Reasons[0].Code);
    }

    [Theory]
    [InlineData(MonozukuriType.General)]
    [InlineData(MonozukuriType.SmallEquipment)]
    [InlineData(MonozukuriType.SmallPrototype)]
    public void Other_types_take_exactly_one(MonozukuriType type)
    {
        Assert.Equal(RequirementStatus.Pass, Assess(Single(type)).Requirement(MonozukuriRequirements.Participants).Status);

        var two = Single(type) with { Participants = [Single(type).Participants[0], Example.Participants[1] with { Allocation = null }] };
        Assert.Equal(MonozukuriCodes.ParticipantCountOutOfRange, Assess(two).Requirement(MonozukuriRequirements.Participants).Reasons[0].Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Exactly_one_lead(int leads)
    {
        var plan = Example.WithParticipant(0, p => p with { IsLead = leads > 0 }).WithParticipant(1, p => p with { IsLead = leads > 1 });

        var result = Assess(plan).Requirement(MonozukuriRequirements.Participants);

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([MonozukuriCodes.LeadCountNotOne], result.Reasons.Select(r => r.Code));
        Assert.Equal(leads, ((ParticipantsFigures)result.Figures!).Leads.Count);
    }

    [Fact]
    public void Corporate_numbers_are_valid_and_distinct()
    {
        var invalid = Example.WithParticipant(1, p => p with { CorporateNumber = "1234567890123" });
        var duplicate = Example.WithParticipant(2, p => p with { CorporateNumber = Second });

        Assert.Equal([MonozukuriCodes.CorporateNumberInvalid], Assess(invalid).Requirement(MonozukuriRequirements.Participants).Reasons.Select(r => r.Code));
        Assert.Equal([MonozukuriCodes.CorporateNumberDuplicate], Assess(duplicate).Requirement(MonozukuriRequirements.Participants).Reasons.Select(r => r.Code));
    }

    [Theory]
    [InlineData(1, "2018-02-27", RequirementStatus.Fail)]
    [InlineData(1, "2018-02-28", RequirementStatus.Pass)]
    [InlineData(1, "2018-04-27", RequirementStatus.Pass)]
    [InlineData(1, "2018-04-28", RequirementStatus.Fail)]
    [InlineData(2, "2018-08-02", RequirementStatus.Fail)]
    [InlineData(2, "2018-08-03", RequirementStatus.Pass)]
    [InlineData(2, "2018-09-10", RequirementStatus.Pass)]
    [InlineData(2, "2018-09-11", RequirementStatus.Fail)]
    [InlineData(3, "2018-04-20", RequirementStatus.Fail)]
    public void The_application_day_lies_in_its_rounds_window(int round, string appliedOn, RequirementStatus expected)
    {
        var result = Assess(Example with { Round = round, AppliedOn = DateOnly.Parse(appliedOn) }).Requirement(MonozukuriRequirements.Window);

        Assert.Equal(expected, result.Status);
        Assert.Equal(round == 3 ? MonozukuriCodes.RoundUnknown : expected == RequirementStatus.Pass ? MonozukuriCodes.AppliedWithinWindow : MonozukuriCodes.AppliedOutsideWindow,
            result.Reasons.Single().Code);
    }

    [Fact]
    public void A_linkage_inside_one_member_does_not_count()
    {
        var inside = Example with { Linkages = [Example.SharedData[2]] };

        var result = Assess(inside).Requirement(MonozukuriRequirements.DataSharing);

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([MonozukuriCodes.NoLinkageBetweenParticipants, MonozukuriCodes.LinkageWithinOneParticipant], result.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void A_linkage_to_a_company_outside_the_plan_does_not_count()
    {
        var outside = Example with { Linkages = [Example.SharedData[0] with { ToParticipant = MoreNumbers[0] }] };

        var result = Assess(outside).Requirement(MonozukuriRequirements.DataSharing);

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([MonozukuriCodes.NoLinkageBetweenParticipants, MonozukuriCodes.LinkageUnknownParticipant], result.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void One_linkage_between_two_members_is_enough()
    {
        var result = Assess(Example).Requirement(MonozukuriRequirements.DataSharing);

        Assert.Equal(RequirementStatus.Pass, result.Status);
        Assert.Equal(["L1", "L2"], ((DataSharingFigures)result.Figures!).Counted);
    }

    [Theory]
    [InlineData(0L, RequirementStatus.Pass)]
    [InlineData(1L, RequirementStatus.Fail)]
    public void The_allocations_fit_the_pool_to_the_yen(long over, RequirementStatus expected)
    {
        // The example allocates 2,000,000 + 3,000,000 + 1,000,000: exactly the pool of 2,000,000 × 3.
        var plan = Example.WithParticipant(2, p => p with { Allocation = p.Allocation + over });

        var result = Assess(plan).Requirement(MonozukuriRequirements.Allocation);

        Assert.Equal(expected, result.Status);
        Assert.Equal((6_000_000L, 6_000_000L + over), (((AllocationFigures)result.Figures!).Pool, ((AllocationFigures)result.Figures!).Total));
    }

    [Fact]
    public void A_negative_allocation_fails_but_does_not_lower_the_cap()
    {
        var plan = Example.WithParticipant(2, p => p with { Allocation = -1 });

        var assessment = Assess(plan);

        Assert.Equal(RequirementStatus.Fail, assessment.Requirement(MonozukuriRequirements.Allocation).Status);
        Assert.Equal(MonozukuriCodes.AllocationNegative, assessment.Requirement(MonozukuriRequirements.Allocation).Reasons[0].Code);
        Assert.Equal(10_000_000, assessment.Grant.Participants[2].Cap);
    }

    [Fact]
    public void A_failing_allocation_still_raises_each_members_cap()
    {
        var plan = Example.WithParticipant(0, p => p with { Allocation = 5_000_000 });

        var assessment = Assess(plan);

        Assert.Equal(RequirementStatus.Fail, assessment.Requirement(MonozukuriRequirements.Allocation).Status);
        Assert.Equal((15_000_000L, 15_000_000L), (assessment.Grant.Participants[0].Cap, assessment.Grant.Participants[0].Amount));
    }

    [Fact]
    public void Consent_waits_for_every_non_lead_participant()
    {
        var one = new ConsortiumEvidence(new HashSet<string> { Second }, null);

        var partial = Assess(Example, one).Requirement(MonozukuriRequirements.ConsortiumConsent);
        var all = Assess(Example, AllConfirmed(Example)).Requirement(MonozukuriRequirements.ConsortiumConsent);

        Assert.Equal(RequirementStatus.Pending, partial.Status);
        Assert.Equal([Third], ((ConsentFigures)partial.Figures!).Missing);
        Assert.Equal(RequirementStatus.Pass, all.Status);
        Assert.Equal(MonozukuriCodes.ConsentComplete, all.Reasons.Single().Code);
    }

    [Fact]
    public void The_lead_confirming_for_the_others_does_not_count()
    {
        var result = Assess(Example, new ConsortiumEvidence(new HashSet<string> { Lead }, null)).Requirement(MonozukuriRequirements.ConsortiumConsent);

        Assert.Equal(RequirementStatus.Pending, result.Status);
        Assert.Equal([Second, Third], ((ConsentFigures)result.Figures!).Missing);
    }

    [Fact]
    public void Only_the_data_sharing_type_has_the_consortium_requirements()
    {
        var ids = Assess(Single(MonozukuriType.General)).Requirements.Select(r => r.Id).ToList();

        Assert.DoesNotContain(MonozukuriRequirements.DataSharing, ids);
        Assert.DoesNotContain(MonozukuriRequirements.Allocation, ids);
        Assert.DoesNotContain(MonozukuriRequirements.ConsortiumConsent, ids);
    }

    [Fact]
    public void The_support_organisation_must_be_named_sign_pass_and_not_be_a_participant()
    {
        var consents = AllConfirmed(Example).Consents;
        RequirementResult With(MonozukuriPlan plan, SupportOrganisationConfirmation? confirmation) =>
            Assess(plan, new ConsortiumEvidence(consents, confirmation)).Requirement(MonozukuriRequirements.SupportOrganisation);

        Assert.Equal((RequirementStatus.Pending, MonozukuriCodes.SupportOrganisationNotNamed),
            Status(With(Example with { SupportOrganisation = null }, null)));
        Assert.Equal((RequirementStatus.Pending, MonozukuriCodes.ConfirmationPending), Status(With(Example, null)));
        Assert.Equal((RequirementStatus.Pass, MonozukuriCodes.ConfirmationSigned), Status(With(Example, new("106213000812", MoreNumbers[0], true))));
        Assert.Equal((RequirementStatus.Fail, MonozukuriCodes.ConfirmationFailed), Status(With(Example, new("106213000812", MoreNumbers[0], false))));
        Assert.Equal((RequirementStatus.Fail, MonozukuriCodes.SupportOrganisationIsParticipant), Status(With(Example, new("106213000812", Third, true))));
    }

    private static (RequirementStatus, string) Status(RequirementResult result) => (result.Status, result.Reasons.Single().Code);
}
