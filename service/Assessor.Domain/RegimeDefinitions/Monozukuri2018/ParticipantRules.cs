using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.RegimeDefinitions.Monozukuri2018;

/// <summary>The requirements judged once per participant; the assessor stamps each result with the participant's corporate number.</summary>
public static class ParticipantRules
{
    /// <summary><c>sme</c>: a legal form that may apply, an SME by its size test, and not a deemed large company.</summary>
    public static RequirementResult Sme(Participant participant, MonozukuriRegime regime)
    {
        var applicant = MonozukuriSme.AsApplicant(participant);
        var judgement = regime.Sme.Judge(applicant);
        var reasons = SmeReasons.Explain(applicant, judgement, regime.Sme);
        var formAllowed = regime.EntityTypes.Contains(participant.EntityType);
        if (!formAllowed)
        {
            reasons.Insert(0, MonozukuriReasons.EntityTypeNotEligible(participant.EntityType));
        }

        return RequirementResult.Decide(MonozukuriRequirements.Sme, formAllowed && judgement.IsSme, reasons,
            new ParticipantSmeFigures(participant.EntityType, participant.Industry, judgement.Test, participant.Capital, judgement.CapitalLimit,
                participant.Employees, judgement.EmployeesLimit, judgement.SmallBusiness, judgement.DeemedLarge));
    }

    /// <summary><c>equipment</c>: at least one <c>machinery</c> cost, unless the type needs none (small-prototype).</summary>
    public static RequirementResult Equipment(MonozukuriPlan plan, Participant participant, MonozukuriRegime regime)
    {
        var machinery = participant.Costs.Count(c => c.Category == MonozukuriRegime.Machinery);
        var required = regime.For(plan.Type).MachineryRequired;
        var figures = new EquipmentFigures(required, machinery);
        if (!required)
        {
            return RequirementResult.Decide(MonozukuriRequirements.Equipment, true, [MonozukuriReasons.EquipmentNotRequired()], figures);
        }

        return RequirementResult.Decide(MonozukuriRequirements.Equipment, machinery > 0,
            [machinery > 0 ? MonozukuriReasons.MachineryIncluded(machinery) : MonozukuriReasons.NoMachinery()], figures);
    }

    /// <summary>
    /// <c>plan-targets</c>: at the final year, value added ≥ base × (1 + 3 % × years) and ordinary profit ≥ base × (1 + 1 % × years),
    /// decided exactly. A base that is zero or negative leaves growth unmeasurable: <c>pending</c> for a reviewer, whatever the
    /// other target says.
    /// </summary>
    public static RequirementResult PlanTargets(Participant participant, MonozukuriRegime regime)
    {
        var plan = participant.Plan;
        var (vaBase, vaFinal) = (ValueAdded(plan.Base), ValueAdded(plan.Final));
        var (opBase, opFinal) = (OrdinaryProfit(plan.Base), OrdinaryProfit(plan.Final));
        var vaTarget = regime.ValueAddedGrowthPerYear * plan.Years;
        var opTarget = regime.OrdinaryProfitGrowthPerYear * plan.Years;
        var figures = new PlanTargetsFigures(plan.Years, plan.Base.FiscalYear, plan.Final.FiscalYear, vaBase, vaFinal, Growth(vaBase, vaFinal), vaTarget,
            opBase, opFinal, Growth(opBase, opFinal), opTarget);
        if (vaBase <= 0 || opBase <= 0)
        {
            return new RequirementResult(MonozukuriRequirements.PlanTargets, RequirementStatus.Pending, [MonozukuriReasons.BaseNotPositive(vaBase, opBase)], figures);
        }

        var vaMet = Reaches(vaBase, vaFinal, vaTarget);
        var opMet = Reaches(opBase, opFinal, opTarget);
        return RequirementResult.Decide(MonozukuriRequirements.PlanTargets, vaMet && opMet,
            [MonozukuriReasons.ValueAdded(vaMet, vaBase, vaFinal, plan.Years, vaTarget), MonozukuriReasons.OrdinaryProfit(opMet, opBase, opFinal, plan.Years, opTarget)],
            figures);
    }

    /// <summary><c>grant-amount</c>: the grant before the cap, floor(eligible cost × rate), reaches the floor.</summary>
    public static RequirementResult GrantAmount(ParticipantGrant grant)
    {
        var passes = grant.BeforeCap >= grant.Floor;
        var reasons = new List<Reason>
        {
            passes ? SubsidyReasons.GrantMeetsFloor(grant.BeforeCap, grant.Floor) : SubsidyReasons.GrantBelowFloor(grant.BeforeCap, grant.Floor),
        };
        if (passes && grant.BeforeCap > grant.Cap)
        {
            reasons.Add(SubsidyReasons.GrantCapApplied(grant.BeforeCap, grant.Cap));
        }

        return RequirementResult.Decide(MonozukuriRequirements.GrantAmount, passes, reasons, grant);
    }

    /// <summary>Value added (付加価値額) = operating profit + personnel costs + depreciation.</summary>
    public static long ValueAdded(PlanYear year) => year.OperatingProfit + year.PersonnelCosts + year.Depreciation;

    /// <summary>This subsidy's ordinary profit (経常利益) = operating profit − non-operating expenses (non-operating income left out).</summary>
    public static long OrdinaryProfit(PlanYear year) => year.OperatingProfit - year.NonOperatingExpenses;

    private static bool Reaches(long baseValue, long finalValue, decimal growth) =>
        Fraction.Of(finalValue) >= Fraction.Of(baseValue) * (Fraction.One + Fraction.Of(growth));

    private static decimal? Growth(long baseValue, long finalValue) =>
        baseValue <= 0 ? null : ((Fraction.Of(finalValue) / Fraction.Of(baseValue)) - Fraction.One).Round(4);
}

/// <summary>The figures of a participant's <c>sme</c>.</summary>
/// <param name="EntityType">The participant's legal form.</param>
/// <param name="Industry">The industry whose limits apply.</param>
/// <param name="SizeTest">How the size was tested: <c>capital-or-employees</c>, <c>employees</c>, <c>employees-fixed</c> or <c>none</c>.</param>
/// <param name="Capital">Capital in yen, as given; absent when not given.</param>
/// <param name="CapitalLimit">The capital limit applied; absent when capital is not tested.</param>
/// <param name="Employees">Regular employees.</param>
/// <param name="EmployeesLimit">The employee limit applied; absent when employees are not tested.</param>
/// <param name="SmallBusiness">Whether employees are within the small-business limit (小規模事業者): it sets the rate of a small type.</param>
/// <param name="DeemedLarge">The deemed-large-company tests met: <c>single-owner</c>, <c>owners-combined</c>, <c>board</c>.</param>
public sealed record ParticipantSmeFigures(
    EntityType EntityType, Industry Industry, SizeTest SizeTest, long? Capital, long? CapitalLimit, int Employees, int? EmployeesLimit,
    bool SmallBusiness, IReadOnlyList<DeemedLargeTest> DeemedLarge);

/// <summary>The figures of <c>equipment</c>.</summary>
/// <param name="Required">Whether the type needs machinery.</param>
/// <param name="MachineryCosts">How many of the participant's costs are machinery.</param>
public sealed record EquipmentFigures(bool Required, int MachineryCosts);

/// <summary>The figures of <c>plan-targets</c>; growth ratios are rounded to 4 places for display and absent when the base is not positive.</summary>
/// <param name="Years">The plan's length in years.</param>
/// <param name="BaseFiscalYear">The base fiscal year.</param>
/// <param name="FinalFiscalYear">The final fiscal year.</param>
/// <param name="ValueAddedBase">Value added in the base year, yen.</param>
/// <param name="ValueAddedFinal">Value added in the final year, yen.</param>
/// <param name="ValueAddedGrowth">Final over base, minus 1.</param>
/// <param name="ValueAddedTarget">The least growth: 0.03 × years.</param>
/// <param name="OrdinaryProfitBase">Ordinary profit in the base year, yen.</param>
/// <param name="OrdinaryProfitFinal">Ordinary profit in the final year, yen.</param>
/// <param name="OrdinaryProfitGrowth">Final over base, minus 1.</param>
/// <param name="OrdinaryProfitTarget">The least growth: 0.01 × years.</param>
public sealed record PlanTargetsFigures(
    int Years, int BaseFiscalYear, int FinalFiscalYear, long ValueAddedBase, long ValueAddedFinal, decimal? ValueAddedGrowth, decimal ValueAddedTarget,
    long OrdinaryProfitBase, long OrdinaryProfitFinal, decimal? OrdinaryProfitGrowth, decimal OrdinaryProfitTarget);
