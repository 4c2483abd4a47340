using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;
using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.RegimeDefinitions.Monozukuri2018;

/// <summary>The requirements judged once for the whole plan.</summary>
public static class ConsortiumRules
{
    /// <summary><c>participants</c>: as many as the type takes, exactly one lead, corporate numbers valid and distinct.</summary>
    public static RequirementResult Participants(MonozukuriPlan plan, MonozukuriRegime regime)
    {
        var type = regime.For(plan.Type);
        var participants = plan.Participants;
        var leads = participants.Where(p => p.IsLead).ToList();
        var reasons = new List<Reason>();
        if (participants.Count < type.MinParticipants || participants.Count > type.MaxParticipants)
        {
            reasons.Add(MonozukuriReasons.ParticipantCountOutOfRange(participants.Count, type));
        }

        if (leads.Count != 1)
        {
            reasons.Add(MonozukuriReasons.LeadCountNotOne(leads.Count));
        }

        reasons.AddRange(participants.Where(p => !CorporateNumber.IsValid(p.CorporateNumber))
            .Select(p => MonozukuriReasons.CorporateNumberInvalid(p.CorporateNumber)));
        reasons.AddRange(participants.GroupBy(p => p.CorporateNumber, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => MonozukuriReasons.CorporateNumberDuplicate(g.Key)));
        var passes = reasons.Count == 0;
        if (passes)
        {
            reasons.Add(MonozukuriReasons.ParticipantsValid(participants.Count, leads[0].CorporateNumber));
        }

        return RequirementResult.Decide(MonozukuriRequirements.Participants, passes, reasons,
            new ParticipantsFigures(participants.Count, type.MinParticipants, type.MaxParticipants, [.. leads.Select(l => l.CorporateNumber)]));
    }

    /// <summary><c>window</c>: the named round exists and the application day lies in it, both days included.</summary>
    public static RequirementResult Window(MonozukuriPlan plan, MonozukuriRegime regime)
    {
        var round = regime.Round(plan.Round);
        var figures = new MonozukuriWindowFigures(plan.Round, plan.AppliedOn, round?.Opens, round?.Closes);
        if (round is null)
        {
            return RequirementResult.Decide(MonozukuriRequirements.Window, false,
                [SubsidyReasons.RoundUnknown(plan.Round, regime.Rounds.Select(r => r.Number))], figures);
        }

        var inside = plan.AppliedOn >= round.Opens && plan.AppliedOn <= round.Closes;
        return RequirementResult.Decide(MonozukuriRequirements.Window, inside,
            [SubsidyReasons.Window(inside, round.Number, round.Opens, round.Closes, plan.AppliedOn)], figures);
    }

    /// <summary>
    /// <c>data-sharing</c>: at least one linkage between two different participants. Data kept inside one member, or shared with
    /// a company outside the plan, does not count.
    /// </summary>
    public static RequirementResult DataSharing(MonozukuriPlan plan)
    {
        var members = plan.Participants.Select(p => p.CorporateNumber).ToHashSet(StringComparer.Ordinal);
        var reasons = new List<Reason>();
        var counted = new List<string>();
        foreach (var linkage in plan.SharedData)
        {
            var outsider = new[] { linkage.FromParticipant, linkage.ToParticipant }.FirstOrDefault(n => !members.Contains(n));
            if (outsider is not null)
            {
                reasons.Add(MonozukuriReasons.LinkageUnknownParticipant(linkage, outsider));
            }
            else if (linkage.FromParticipant == linkage.ToParticipant)
            {
                reasons.Add(MonozukuriReasons.LinkageWithinOneParticipant(linkage));
            }
            else
            {
                counted.Add(linkage.Id);
            }
        }

        reasons.Insert(0, counted.Count > 0
            ? MonozukuriReasons.DataSharedBetweenParticipants(counted.Count)
            : MonozukuriReasons.NoLinkageBetweenParticipants());
        return RequirementResult.Decide(MonozukuriRequirements.DataSharing, counted.Count > 0, reasons,
            new DataSharingFigures(plan.SharedData.Count, counted));
    }

    /// <summary><c>allocation</c>: no allocation below zero, and together within the pool of 2,000,000 yen per participant.</summary>
    public static RequirementResult Allocation(MonozukuriPlan plan, MonozukuriRegime regime)
    {
        var pool = regime.PoolPerParticipant * plan.Participants.Count;
        var total = plan.Participants.Sum(p => p.Allocation ?? 0);
        var reasons = plan.Participants.Where(p => p.Allocation < 0)
            .Select(p => MonozukuriReasons.AllocationNegative(p.CorporateNumber, p.Allocation!.Value)).ToList();
        reasons.Add(total <= pool ? MonozukuriReasons.AllocationWithinPool(total, pool) : MonozukuriReasons.AllocationExceedsPool(total, pool));
        return RequirementResult.Decide(MonozukuriRequirements.Allocation, reasons.All(r => r.Code == MonozukuriCodes.AllocationWithinPool), reasons,
            new AllocationFigures(pool, total, [.. plan.Participants.Select(p => new AllocationShare(p.CorporateNumber, p.Allocation ?? 0))]));
    }

    /// <summary>
    /// <c>consortium-consent</c>: every participant other than the lead confirmed the assessed revision with its own key;
    /// <c>pending</c> until then, <c>pass</c> when there is no other participant.
    /// </summary>
    public static RequirementResult Consent(MonozukuriPlan plan, IReadOnlySet<string> consents)
    {
        var others = plan.Participants.Where(p => !p.IsLead).Select(p => p.CorporateNumber).ToList();
        var confirmed = others.Where(consents.Contains).ToList();
        var missing = others.Where(n => !consents.Contains(n)).ToList();
        var figures = new ConsentFigures(others, confirmed, missing);
        if (missing.Count > 0)
        {
            return new RequirementResult(MonozukuriRequirements.ConsortiumConsent, RequirementStatus.Pending, [MonozukuriReasons.ConsentPending(missing)], figures);
        }

        return RequirementResult.Decide(MonozukuriRequirements.ConsortiumConsent, true,
            [others.Count == 0 ? MonozukuriReasons.NoOtherParticipants() : MonozukuriReasons.ConsentComplete(others.Count)], figures);
    }

    /// <summary>
    /// <c>support-organisation</c>: <c>pending</c> until the named support organisation signed its confirmation of the revision;
    /// <c>fail</c> on a failing confirmation, or when the organisation is itself a participant.
    /// </summary>
    public static RequirementResult SupportOrganisation(MonozukuriPlan plan, SupportOrganisationConfirmation? confirmation)
    {
        var named = plan.SupportOrganisation?.RegistrationNumber;
        var figures = new SupportOrganisationFigures(named, confirmation is not null, confirmation?.Passed);
        if (named is null)
        {
            return new RequirementResult(MonozukuriRequirements.SupportOrganisation, RequirementStatus.Pending, [MonozukuriReasons.SupportOrganisationNotNamed()], figures);
        }

        if (confirmation is null)
        {
            return new RequirementResult(MonozukuriRequirements.SupportOrganisation, RequirementStatus.Pending, [MonozukuriReasons.ConfirmationPending(named)], figures);
        }

        if (plan.Participants.Any(p => p.CorporateNumber == confirmation.CorporateNumber))
        {
            return RequirementResult.Decide(MonozukuriRequirements.SupportOrganisation, false,
                [MonozukuriReasons.SupportOrganisationIsParticipant(confirmation.CorporateNumber)], figures);
        }

        return RequirementResult.Decide(MonozukuriRequirements.SupportOrganisation, confirmation.Passed,
            [confirmation.Passed ? MonozukuriReasons.ConfirmationSigned(named) : MonozukuriReasons.ConfirmationFailed(named)], figures);
    }
}

/// <summary>The figures of <c>participants</c>.</summary>
/// <param name="Count">How many participants the plan has.</param>
/// <param name="Min">The fewest the type takes.</param>
/// <param name="Max">The most the type takes.</param>
/// <param name="Leads">The corporate numbers of the participants marked as lead.</param>
public sealed record ParticipantsFigures(int Count, int Min, int Max, IReadOnlyList<string> Leads);

/// <summary>The figures of <c>window</c>: the round, the application day and the round's window (absent for an unknown round).</summary>
/// <param name="Round">The round the plan names.</param>
/// <param name="AppliedOn">The day the application was made.</param>
/// <param name="Opens">The round's first day; absent for a round the subsidy never had.</param>
/// <param name="Closes">The round's last day; absent for a round the subsidy never had.</param>
public sealed record MonozukuriWindowFigures(int Round, DateOnly AppliedOn, DateOnly? Opens, DateOnly? Closes);

/// <summary>The figures of <c>data-sharing</c>.</summary>
/// <param name="Linkages">How many linkages the plan gives.</param>
/// <param name="Counted">The ids of the linkages between two different participants.</param>
public sealed record DataSharingFigures(int Linkages, IReadOnlyList<string> Counted);

/// <summary>The figures of <c>allocation</c>.</summary>
/// <param name="Pool">The pool: 2,000,000 yen times the participants.</param>
/// <param name="Total">The sum of the allocations.</param>
/// <param name="Shares">Each participant's allocation (0 when not given).</param>
public sealed record AllocationFigures(long Pool, long Total, IReadOnlyList<AllocationShare> Shares);

/// <summary>One participant's allocation of the pool.</summary>
/// <param name="CorporateNumber">The participant.</param>
/// <param name="Allocation">Its allocation in yen.</param>
public sealed record AllocationShare(string CorporateNumber, long Allocation);

/// <summary>The figures of <c>consortium-consent</c>: the participants other than the lead, who confirmed the revision and who not yet.</summary>
/// <param name="Required">The corporate numbers of every participant that must confirm.</param>
/// <param name="Confirmed">Those that confirmed the assessed revision.</param>
/// <param name="Missing">Those that have not.</param>
public sealed record ConsentFigures(IReadOnlyList<string> Required, IReadOnlyList<string> Confirmed, IReadOnlyList<string> Missing);

/// <summary>The figures of <c>support-organisation</c>.</summary>
/// <param name="RegistrationNumber">The registration number the plan names; absent when it names none.</param>
/// <param name="Signed">Whether a signed confirmation of the revision is on record.</param>
/// <param name="Passed">Whether that confirmation meets every mandatory point; absent without one.</param>
public sealed record SupportOrganisationFigures(string? RegistrationNumber, bool Signed, bool? Passed);
