using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary><c>window</c>: the plan names a round the subsidy had, and was applied for inside that round's window (both days included).</summary>
public sealed class RoundWindowRule : IItDonyuRule
{
    public string Id => ItDonyuRequirements.Window;

    public RequirementResult Evaluate(ItDonyuContext context)
    {
        var plan = context.Plan;
        var round = context.Regime.Round(plan.Round);
        var figures = new RoundFigures(plan.Round, plan.AppliedOn, round?.Opens, round?.Closes, round?.GrantDecidedOn);
        if (round is null)
        {
            return RequirementResult.Decide(Id, false, [SubsidyReasons.RoundUnknown(plan.Round, context.Regime.Rounds.Select(r => r.Number))], figures);
        }

        var inside = plan.AppliedOn >= round.Opens && plan.AppliedOn <= round.Closes;
        return RequirementResult.Decide(Id, inside,
            [SubsidyReasons.Window(inside, round.Number, round.Opens, round.Closes, plan.AppliedOn)], figures);
    }
}

/// <summary>The figures of <c>window</c>: the round, the application day, and the round's window and grant decision (null for an unknown round).</summary>
/// <param name="Round">The round the plan names.</param>
/// <param name="AppliedOn">The day the application was made.</param>
/// <param name="Opens">The round's first day; absent for a round the subsidy never had.</param>
/// <param name="Closes">The round's last day; absent for a round the subsidy never had.</param>
/// <param name="GrantDecidedOn">The round's grant-decision day; absent for a round the subsidy never had.</param>
public sealed record RoundFigures(int Round, DateOnly AppliedOn, DateOnly? Opens, DateOnly? Closes, DateOnly? GrantDecidedOn);
