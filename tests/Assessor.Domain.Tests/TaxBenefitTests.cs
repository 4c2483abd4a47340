using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;

using static Assessor.Domain.Tests.TestPlans;

namespace Assessor.Domain.Tests;

/// <summary>All cases use the example's qualifying base of ¥54,000,000 unless they say otherwise.</summary>
public class TaxBenefitTests
{
    private static TaxBenefit Benefit(PlanDocument plan) => Assess(plan).TaxBenefit;

    private static PlanDocument Company(bool isSme, long priorWages, long currentWages, long corporateTax, long? domesticCapex = null, long? totalDepreciation = null) =>
        Example with
        {
            Applicant = Example.Applicant with { IsSme = isSme },
            Wages = new() { ContinuingEmployeesPriorYear = priorWages, ContinuingEmployeesCurrentYear = currentWages },
            Tax = new() { CorporateTax = corporateTax, DomesticCapex = domesticCapex, TotalDepreciation = totalDepreciation },
        };

    [Theory]
    // Wages +2 %: 3 % × 54,000,000 = 1,620,000; cap 15 % × 30,000,000 = 4,500,000 (not binding).
    [InlineData(true, 100_000_000, 102_000_000, 30_000_000, "0.03", 1_620_000, 4_500_000)]
    // Wages +3 % exactly (103,000,000 ≥ 100,000,000 × 1.03): 5 % × 54,000,000 = 2,700,000; cap 20 % × 30,000,000 = 6,000,000.
    [InlineData(true, 100_000_000, 103_000_000, 30_000_000, "0.05", 2_700_000, 6_000_000)]
    // One yen short of +3 %: the standard 3 % rate.
    [InlineData(true, 100_000_000, 102_999_999, 30_000_000, "0.03", 1_620_000, 4_500_000)]
    // Cap binding: 15 % × 10,000,000 = 1,500,000 < 1,620,000.
    [InlineData(true, 100_000_000, 102_000_000, 10_000_000, "0.03", 1_500_000, 1_500_000)]
    // Cap binding at the raised rate: 20 % × 10,000,000 = 2,000,000 < 2,700,000.
    [InlineData(true, 100_000_000, 103_000_000, 10_000_000, "0.05", 2_000_000, 2_000_000)]
    // Cap 15 % × 10,800,000 = 1,620,000 equals the credit: not binding.
    [InlineData(true, 100_000_000, 100_000_000, 10_800_000, "0.03", 1_620_000, 1_620_000)]
    public void Credit_rate_amount_and_cap(bool isSme, long prior, long current, long corporateTax, string rate, long amount, long cap)
    {
        var credit = Benefit(Company(isSme, prior, current, corporateTax)).TaxCredit;

        Assert.Equal(Dec(rate), credit.Rate);
        Assert.Equal(rate == "0.05" ? 0.20m : 0.15m, credit.CapRate);
        Assert.Equal(amount, credit.Amount);
        Assert.Equal(cap, credit.Cap);
        Assert.True(credit.Allowed);
        Assert.Equal(amount < Dec(rate) * 54_000_000, credit.Reasons.Any(r => r.Code == ReasonCodes.CreditCapApplied));
    }

    [Theory]
    // Wages rose by 1 yen: any rise allows the credit to a large company.
    [InlineData(100_000_000, 100_000_001, 0L, 60_000_000L, true)]
    // Wages flat, capex 6,000,001 > 10 % × 60,000,000 = 6,000,000: allowed.
    [InlineData(100_000_000, 100_000_000, 6_000_001L, 60_000_000L, true)]
    // Wages flat, capex exactly 10 % of depreciation: not strictly greater, not allowed.
    [InlineData(100_000_000, 100_000_000, 6_000_000L, 60_000_000L, false)]
    // Wages fell and no capex figures: neither condition.
    [InlineData(100_000_000, 99_000_000, null, null, false)]
    public void Large_company_condition(long prior, long current, long? capex, long? totalDepreciation, bool allowed)
    {
        var benefit = Benefit(Company(isSme: false, prior, current, 30_000_000, capex, totalDepreciation));

        Assert.Equal(allowed, benefit.TaxCredit.Allowed);
        // 3 % × 54,000,000 = 1,620,000 when allowed, else nothing.
        Assert.Equal(allowed ? 1_620_000 : 0, benefit.TaxCredit.Amount);
        Assert.Contains(allowed ? ReasonCodes.LargeCompanyConditionMet : ReasonCodes.LargeCompanyConditionNotMet, benefit.TaxCredit.Reasons.Select(r => r.Code));
        Assert.Equal(allowed ? BenefitOption.TaxCredit : BenefitOption.SpecialDepreciation, benefit.Recommended);
        Assert.Equal(allowed ? ReasonCodes.RecommendTaxCredit : ReasonCodes.RecommendSpecialDepreciation, benefit.Explanation.Code);
    }

    [Fact]
    public void An_sme_needs_no_large_company_condition()
    {
        var credit = Benefit(Company(isSme: true, 100_000_000, 90_000_000, 30_000_000)).TaxCredit;

        Assert.True(credit.Allowed);
        Assert.Equal(-0.1m, credit.WageRise);
        Assert.DoesNotContain(credit.Reasons, r => r.Code.StartsWith("large-company", StringComparison.Ordinal));
    }

    [Fact]
    public void Amounts_are_truncated_to_whole_yen()
    {
        // Base 54,000,001: 30 % = 16,200,000.3 → 16,200,000; 3 % = 1,620,000.03 → 1,620,000;
        // deferred 16,200,000 × 0.3333333 = 5,399,999.46 → 5,399,999.
        var plan = Example with
        {
            Assets = [Software("A1", 54_000_001)],
            Tax = Example.Tax! with { EffectiveTaxRate = 0.3333333m },
        };

        var benefit = Benefit(plan);

        Assert.Equal(54_000_001, benefit.Base);
        Assert.Equal(16_200_000, benefit.SpecialDepreciation.Amount);
        Assert.Equal(5_399_999, benefit.SpecialDepreciation.FirstYearTaxDeferred);
        Assert.Equal(1_620_000, benefit.TaxCredit.Amount);
        Assert.Contains("truncated", benefit.MoneyRounding);
    }

    [Fact]
    public void Without_wages_no_rise_is_assumed()
    {
        var credit = Benefit(Example with { Wages = null }).TaxCredit;

        Assert.Equal(0.03m, credit.Rate);
        Assert.Null(credit.WageRise);
        Assert.Contains(ReasonCodes.WagesMissing, credit.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Without_the_tax_block_the_credit_is_not_claimed()
    {
        var benefit = Benefit(Example with { Tax = null });

        Assert.False(benefit.TaxCredit.Allowed);
        Assert.Equal(0, benefit.TaxCredit.Cap);
        Assert.Equal(0, benefit.TaxCredit.Amount);
        Assert.Contains(ReasonCodes.CorporateTaxMissing, benefit.TaxCredit.Reasons.Select(r => r.Code));
        Assert.Null(benefit.SpecialDepreciation.FirstYearTaxDeferred);
        Assert.Equal(16_200_000, benefit.SpecialDepreciation.Amount);
        Assert.Equal(BenefitOption.SpecialDepreciation, benefit.Recommended);
    }
}
