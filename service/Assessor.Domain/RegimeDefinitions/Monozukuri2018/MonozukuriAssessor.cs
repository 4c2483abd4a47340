using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.RegimeDefinitions.Monozukuri2018;

/// <summary>A support organisation's signed confirmation of the assessed revision.</summary>
/// <param name="RegistrationNumber">The organisation's registration number as a certified support organisation.</param>
/// <param name="CorporateNumber">The organisation's own corporate number, for the conflict-of-interest rule.</param>
/// <param name="Passed">Whether every mandatory point of the confirmation checklist is met.</param>
public sealed record SupportOrganisationConfirmation(string RegistrationNumber, string CorporateNumber, bool Passed);

/// <summary>What is on record for the assessed revision beyond the document: the participants' confirmations and the support organisation's.</summary>
/// <param name="Consents">The corporate numbers of the participants that confirmed the revision with their own key.</param>
/// <param name="Confirmation">The support organisation's signed confirmation; null when there is none.</param>
public sealed record ConsortiumEvidence(IReadOnlySet<string> Consents, SupportOrganisationConfirmation? Confirmation) : AttestationEvidence
{
    public static ConsortiumEvidence Nothing { get; } = new(new HashSet<string>(), null);
}

/// <summary>
/// The verdict on one Monozukuri plan: the requirements, the grant per participant and in total, the bonus items. Eligibility
/// is all or nothing. The requirements come consortium-wide first (<c>participants</c>, <c>window</c>, for the data-sharing
/// type <c>data-sharing</c>, <c>allocation</c> and <c>consortium-consent</c>, then <c>support-organisation</c>), then for each
/// participant in plan order <c>sme</c>, <c>equipment</c>, <c>plan-targets</c> and <c>grant-amount</c>, each naming the
/// participant.
/// </summary>
public sealed record MonozukuriAssessment : SubsidyAssessment<ConsortiumGrant>;

/// <summary>A participant as the SME judgement sees it.</summary>
public static class MonozukuriSme
{
    /// <summary>The participant as a subsidy applicant; this subsidy has no excluded-business declaration.</summary>
    public static SubsidyApplicant AsApplicant(Participant participant) => new()
    {
        CorporateNumber = participant.CorporateNumber,
        Name = participant.Name,
        EntityType = participant.EntityType,
        Industry = participant.Industry,
        Capital = participant.Capital,
        Employees = participant.Employees,
        Ownership = participant.Ownership,
        ExcludedBusiness = false,
    };
}

/// <summary>The assessment of a Monozukuri plan. Pure: the same plan and evidence always give the same answer, judged against the regime's rounds, never the clock.</summary>
public static class MonozukuriAssessor
{
    public static MonozukuriAssessment Assess(MonozukuriPlan plan, MonozukuriRegime regime, ConsortiumEvidence evidence)
    {
        var grants = plan.Participants.Select(p => MonozukuriGrantCalculator.Calculate(plan, p, regime)).ToList();
        var requirements = new List<RequirementResult>
        {
            ConsortiumRules.Participants(plan, regime),
            ConsortiumRules.Window(plan, regime),
        };
        if (plan.Type == MonozukuriType.DataSharing)
        {
            requirements.Add(ConsortiumRules.DataSharing(plan));
            requirements.Add(ConsortiumRules.Allocation(plan, regime));
            requirements.Add(ConsortiumRules.Consent(plan, evidence.Consents));
        }

        requirements.Add(ConsortiumRules.SupportOrganisation(plan, evidence.Confirmation));
        for (var i = 0; i < plan.Participants.Count; i++)
        {
            var participant = plan.Participants[i];
            requirements.Add(ParticipantRules.Sme(participant, regime) with { Participant = participant.CorporateNumber });
            requirements.Add(ParticipantRules.Equipment(plan, participant, regime) with { Participant = participant.CorporateNumber });
            requirements.Add(ParticipantRules.PlanTargets(participant, regime) with { Participant = participant.CorporateNumber });
            requirements.Add(ParticipantRules.GrantAmount(grants[i]) with { Participant = participant.CorporateNumber });
        }

        return new MonozukuriAssessment
        {
            Regime = regime.Id,
            Eligible = requirements.All(r => r.Status == RequirementStatus.Pass),
            Requirements = requirements,
            Grant = new ConsortiumGrant { Participants = grants, Total = grants.Sum(g => g.Amount) },
            Bonus = [.. regime.Bonus.Where(b => Earns(b.Id, plan, regime)).Select(b => b.Id)],
        };
    }

    /// <summary>The requirement ids in the order an assessment reports them (per-participant ones once).</summary>
    public static IReadOnlyList<string> RequirementIds { get; } =
    [
        MonozukuriRequirements.Participants, MonozukuriRequirements.Window, MonozukuriRequirements.DataSharing, MonozukuriRequirements.Allocation,
        MonozukuriRequirements.ConsortiumConsent, MonozukuriRequirements.SupportOrganisation, MonozukuriRequirements.Sme,
        MonozukuriRequirements.Equipment, MonozukuriRequirements.PlanTargets, MonozukuriRequirements.GrantAmount,
    ];

    private static bool Earns(string bonus, MonozukuriPlan plan, MonozukuriRegime regime) => bonus switch
    {
        "advanced-equipment-plan" => plan.Participants.Any(p => p.AdvancedEquipmentPlan?.Certified == true),
        "management-plan" => plan.Participants.Any(p => p.ManagementInnovationPlan?.Approved == true),
        "wage-raise" => plan.Participants.All(p => p.WageRaiseCommitment == true),
        "small-business-small-type" => regime.For(plan.Type).SmallType
            && plan.Participants.All(p => regime.Sme.Judge(MonozukuriSme.AsApplicant(p)).SmallBusiness),
        _ => throw new InvalidOperationException($"Bonus item {bonus} has no rule."),
    };
}
