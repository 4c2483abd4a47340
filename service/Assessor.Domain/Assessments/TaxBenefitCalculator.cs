using Assessor.Domain.Plans;

namespace Assessor.Domain.Assessments;

/// <summary>
/// Both benefit options on the qualifying acquisition cost, in whole yen truncated toward zero, and the
/// recommendation: the credit when it is allowed and above zero (a permanent saving), else special
/// depreciation (which only brings deductions forward).
/// </summary>
public static class TaxBenefitCalculator
{
    public static TaxBenefit Calculate(PlanDocument plan, Regime regime, long qualifyingBase)
    {
        var depreciationAmount = Yen(regime.SpecialDepreciationRate * qualifyingBase);
        var specialDepreciation = new SpecialDepreciation
        {
            Rate = regime.SpecialDepreciationRate,
            Amount = depreciationAmount,
            FirstYearTaxDeferred = plan.Tax?.EffectiveTaxRate is { } taxRate ? Yen(depreciationAmount * taxRate) : null,
        };
        var credit = Credit(plan, regime, qualifyingBase);
        var takeCredit = credit.Allowed && credit.Amount > 0;
        return new TaxBenefit
        {
            SpecialDepreciation = specialDepreciation,
            TaxCredit = credit,
            Recommended = takeCredit ? BenefitOption.TaxCredit : BenefitOption.SpecialDepreciation,
            Explanation = takeCredit ? Reasons.RecommendTaxCredit() : Reasons.RecommendSpecialDepreciation(),
            Base = qualifyingBase,
        };
    }

    private static TaxCredit Credit(PlanDocument plan, Regime regime, long qualifyingBase)
    {
        var reasons = new List<Reason>();
        var wageRise = WageRise(plan.Wages, regime, reasons);
        var raised = wageRise is { MeetsThreshold: true };
        var rate = raised ? regime.RaisedCreditRate : regime.StandardCreditRate;
        var capRate = raised ? regime.RaisedCapRate : regime.StandardCapRate;

        // Without corporate tax the cap is unknown: claim nothing rather than guess.
        var allowed = plan.Tax is not null && LargeCompanyConditionAllows(plan, regime, wageRise is { Rose: true }, reasons);
        if (plan.Tax is null)
        {
            reasons.Add(Reasons.CorporateTaxMissing());
        }

        var cap = plan.Tax is { } tax ? Yen(capRate * tax.CorporateTax) : 0;
        var uncapped = Yen(rate * qualifyingBase);
        if (allowed && uncapped > cap)
        {
            reasons.Add(Reasons.CreditCapApplied(cap));
        }

        return new TaxCredit
        {
            Rate = rate,
            Amount = allowed ? Math.Min(uncapped, cap) : 0,
            Cap = cap,
            CapRate = capRate,
            Allowed = allowed,
            WageRise = wageRise?.Rate,
            Reasons = reasons,
        };
    }

    private sealed record WageRiseFigures(decimal Rate, bool Rose, bool MeetsThreshold);

    private static WageRiseFigures? WageRise(Wages? wages, Regime regime, List<Reason> reasons)
    {
        if (wages is not { ContinuingEmployeesPriorYear: > 0 } given)
        {
            reasons.Add(Reasons.WagesMissing());
            return null;
        }

        decimal prior = given.ContinuingEmployeesPriorYear, current = given.ContinuingEmployeesCurrentYear;
        var rate = DecimalMath.RoundRate((current / prior) - 1m);
        // current ≥ prior × (1 + threshold) is the exact form of current ÷ prior − 1 ≥ threshold.
        var meets = current >= prior * (1m + regime.WageRiseThreshold);
        reasons.Add(meets
            ? Reasons.WageRiseMeetsThreshold(rate, regime.WageRiseThreshold)
            : Reasons.WageRiseBelowThreshold(rate, regime.WageRiseThreshold));
        return new WageRiseFigures(rate, current > prior, meets);
    }

    // SMEs always qualify; a large company needs wages to rise at all, or capex above a share of depreciation.
    private static bool LargeCompanyConditionAllows(PlanDocument plan, Regime regime, bool wagesRose, List<Reason> reasons)
    {
        if (plan.Applicant.IsSme)
        {
            return true;
        }

        var capexExceeds = plan.Tax is { DomesticCapex: { } capex, TotalDepreciation: { } depreciation }
            && capex > regime.LargeCompanyCapexRatio * depreciation;
        var allowed = wagesRose || capexExceeds;
        reasons.Add(allowed ? Reasons.LargeCompanyConditionMet() : Reasons.LargeCompanyConditionNotMet(regime.LargeCompanyCapexRatio));
        return allowed;
    }

    private static long Yen(decimal amount) => (long)decimal.Truncate(amount);
}
