using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;

using FsCheck;
using FsCheck.Xunit;

using static Assessor.Domain.Tests.TestPlans;

namespace Assessor.Domain.Tests;

public class PropertyTests
{
    private static PlanDocument WithFinancials(int[] profits, int[] headcounts, long scale) => Example with
    {
        Financials = [.. Enumerable.Range(0, 4).Select(t => Year(2018 + t, profits[t] * scale, 300_000 * scale, 20_000 * scale, headcounts[t]))],
    };

    [Property]
    public bool Scaling_every_money_figure_leaves_labour_productivity_growth_unchanged(
        NonNegativeInt p0, NonNegativeInt p1, NonNegativeInt p2, NonNegativeInt p3, PositiveInt h0, PositiveInt h3, PositiveInt factor)
    {
        int[] profits = [p0.Get, p1.Get, p2.Get, p3.Get];
        int[] headcounts = [h0.Get, 100, 100, h3.Get];
        var k = (factor.Get % 1000) + 1;

        var original = Requirement(WithFinancials(profits, headcounts, 1), RequirementIds.LabourProductivity);
        var scaled = Requirement(WithFinancials(profits, headcounts, k), RequirementIds.LabourProductivity);

        var (a, b) = (original.Figures<LabourProductivityFigures>(), scaled.Figures<LabourProductivityFigures>());
        return original.Status == scaled.Status && a.Cagr == b.Cagr && a.Simple == b.Simple;
    }

    [Property]
    public bool Adding_a_non_qualifying_asset_never_changes_the_qualifying_total(PositiveInt cost, byte why)
    {
        var late = Software("X", cost.Get) with { InServiceOn = new DateOnly(2021, 4, 1) };
        Asset[] nonQualifying =
        [
            Software("X", cost.Get, isNew: false),
            late,
            Machinery("X", cost.Get, withSoftware: null),
            Machinery("X", cost.Get, withSoftware: "A1", collectsData: false),
            Equipment("X", cost.Get, withSoftware: "A2"),
        ];
        var plan = Example with { Assets = [.. Example.Assets, nonQualifying[why % nonQualifying.Length]] };

        return Assess(plan).TaxBenefit.Base == Assess(Example).TaxBenefit.Base;
    }

    [Property]
    public bool Eligible_exactly_when_every_requirement_passes(bool securityPasses, bool internalOnly, PositiveInt cost, NonNegativeInt profit3)
    {
        var security = new SecurityStatus(securityPasses ? RequirementStatus.Pass : RequirementStatus.Fail, []);
        var plan = Example with
        {
            Assets = [Software("A1", cost.Get)],
            Linkages = [Linkage("L1", internalOnly ? LinkageKind.InternalOnly : LinkageKind.ExternalData)],
            Financials = [.. Example.Financials.Take(3), Year(2021, profit3.Get)],
        };

        var assessment = Assess(plan, security: security);

        return assessment.Eligible == assessment.Requirements.All(r => r.Status == RequirementStatus.Pass);
    }

    [Property]
    public bool Benefit_amounts_are_never_negative(bool isSme, PositiveInt cost, NonNegativeInt corporateTax, PositiveInt priorWages, NonNegativeInt currentWages, byte taxRatePercent)
    {
        var plan = Example with
        {
            Applicant = Example.Applicant with { IsSme = isSme },
            Assets = [Software("A1", cost.Get)],
            Wages = new() { ContinuingEmployeesPriorYear = priorWages.Get, ContinuingEmployeesCurrentYear = currentWages.Get },
            Tax = new() { CorporateTax = corporateTax.Get, EffectiveTaxRate = Math.Min(taxRatePercent, (byte)100) / 100m },
        };

        var benefit = Assess(plan).TaxBenefit;

        return benefit.SpecialDepreciation.Amount >= 0 && benefit.SpecialDepreciation.FirstYearTaxDeferred >= 0
            && benefit.TaxCredit.Amount >= 0 && benefit.TaxCredit.Cap >= 0 && benefit.TaxCredit.Amount <= benefit.TaxCredit.Cap;
    }
}
