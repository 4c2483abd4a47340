using System.Text.Json;

using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;

namespace Assessor.Domain.Tests;

/// <summary>examples/plan.json (the README's example) assessed end to end and serialised as the API will.</summary>
public class ExamplePlanTests
{
    private static PlanDocument LoadExample()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "plan.json"));
        var plan = PlanJson.Parse(bytes, out var error);
        Assert.Empty(error);
        Assert.Empty(PlanValidator.Validate(plan!));
        return plan!;
    }

    private static Assessment AssessExample()
    {
        Assert.True(Regimes.TryGet("connected-industries-2018", out var regime));
        return PlanAssessor.Assess(LoadExample(), regime, SecurityStatus.Pending);
    }

    [Fact]
    public void Every_requirement_in_order_with_the_hand_computed_figures()
    {
        var assessment = AssessExample();

        Assert.Equal(
            ["data-linkage", "security", "labour-productivity", "return-on-investment", "minimum-investment", "window"],
            assessment.Requirements.Select(r => r.Id));
        Assert.Equal(
            [RequirementStatus.Pass, RequirementStatus.Pending, RequirementStatus.Pass, RequirementStatus.Pass, RequirementStatus.Pass, RequirementStatus.Pass],
            assessment.Requirements.Select(r => r.Status));
        // Security is still pending, so not eligible yet.
        Assert.False(assessment.Eligible);

        // LP0 = (100 + 400 + 60) M / 120 = 4,666,666.67; LP1 = 574 M / 120 = 4,783,333.33; LP2 = 589 M / 121 = 4,867,768.60;
        // LP3 = (125 + 418 + 65) M / 121 = 5,024,793.39;
        // LP3/LP0 = 1.0767414 → CAGR ∛1.0767414 − 1 = 0.024953 → 0.0250; simple 0.0767414/3 = 0.025580 → 0.0256.
        var lp = assessment.Requirements[2].Figures as LabourProductivityFigures;
        Assert.Equal(0.0250m, lp!.Cagr);
        Assert.Equal(0.0256m, lp.Simple);
        Assert.Equal([4_666_666.67m, 4_783_333.33m, 4_867_768.60m, 5_024_793.39m], lp.ByYear.Select(y => y.Lp));

        // OP+Dep: t0 160 M, t1 170 M, t2 179 M, t3 190 M → gains 10, 19, 30 M over 54 M of assets:
        // 0.1852, 0.3519, 0.5556; average 59/(3 × 54) = 0.364198 → 0.3642.
        var roi = assessment.Requirements[3].Figures as ReturnOnInvestmentFigures;
        Assert.Equal(0.3642m, roi!.Average);
        Assert.Equal([0.1852m, 0.3519m, 0.5556m], roi.ByYear.Select(y => y.Roi));
        Assert.Equal(54_000_000, roi.Investment);

        var minimum = assessment.Requirements[4].Figures as MinimumInvestmentFigures;
        Assert.Equal(54_000_000, minimum!.Qualifying);
        Assert.Empty(minimum.Excluded);
    }

    [Fact]
    public void Tax_benefit()
    {
        var benefit = AssessExample().TaxBenefit;

        // 30 % × 54,000,000 = 16,200,000; × 0.30 = 4,860,000 deferred.
        Assert.Equal(new SpecialDepreciation { Rate = 0.30m, Amount = 16_200_000, FirstYearTaxDeferred = 4_860_000 }, benefit.SpecialDepreciation);
        // Wages 387.6 M / 380 M − 1 = 2 % < 3 %: 3 % × 54,000,000 = 1,620,000, cap 15 % × 30,000,000 = 4,500,000.
        Assert.Equal(0.03m, benefit.TaxCredit.Rate);
        Assert.Equal(1_620_000, benefit.TaxCredit.Amount);
        Assert.Equal(4_500_000, benefit.TaxCredit.Cap);
        Assert.Equal(0.15m, benefit.TaxCredit.CapRate);
        Assert.Equal(0.02m, benefit.TaxCredit.WageRise);
        Assert.True(benefit.TaxCredit.Allowed);
        Assert.Equal(BenefitOption.TaxCredit, benefit.Recommended);
    }

    [Fact]
    public void Serialises_to_the_api_shape()
    {
        var assessment = AssessExample() with { PlanId = Guid.Parse("6f1c1d1e-0000-4000-8000-000000000001"), Revision = 2, Digest = "sha256:abc" };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(assessment, PlanJson.Options));
        var root = json.RootElement;

        Assert.Equal(["planId", "revision", "digest", "regime", "eligible", "requirements", "taxBenefit"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("connected-industries-2018", root.GetProperty("regime").GetString());
        var requirements = root.GetProperty("requirements").EnumerateArray().ToList();
        Assert.Equal(["pass", "pending", "pass", "pass", "pass", "pass"], requirements.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("security-pending", requirements[1].GetProperty("reasons")[0].GetProperty("code").GetString());
        Assert.False(requirements[1].TryGetProperty("figures", out _));

        var lp = requirements[2].GetProperty("figures");
        Assert.Equal(0.0250m, lp.GetProperty("cagr").GetDecimal());
        Assert.Equal(0.0256m, lp.GetProperty("simple").GetDecimal());
        Assert.Equal("cagr", lp.GetProperty("method").GetString());
        Assert.Equal(0.02m, lp.GetProperty("threshold").GetDecimal());
        Assert.Equal(2018, lp.GetProperty("byYear")[0].GetProperty("fiscalYear").GetInt32());
        Assert.Equal(0.3642m, requirements[3].GetProperty("figures").GetProperty("average").GetDecimal());
        var minimum = requirements[4].GetProperty("figures");
        Assert.Equal(54_000_000, minimum.GetProperty("qualifying").GetInt64());
        Assert.Equal(JsonValueKind.Array, minimum.GetProperty("excluded").ValueKind);

        var benefit = root.GetProperty("taxBenefit");
        Assert.Equal(4_860_000, benefit.GetProperty("specialDepreciation").GetProperty("firstYearTaxDeferred").GetInt64());
        var credit = benefit.GetProperty("taxCredit");
        Assert.Equal(["rate", "amount", "cap", "capRate", "allowed"], credit.EnumerateObject().Select(p => p.Name).Take(5));
        Assert.Equal("tax-credit", benefit.GetProperty("recommended").GetString());
        Assert.Equal("recommend-tax-credit", benefit.GetProperty("explanation").GetProperty("code").GetString());
    }

    [Fact]
    public void Unsaved_documents_omit_plan_id_revision_and_digest_but_show_an_unknown_deferral_as_null()
    {
        var assessment = AssessExample();
        var plan = LoadExample() with { Tax = null };

        var unsaved = JsonSerializer.SerializeToElement(assessment, PlanJson.Options);
        var withoutTax = JsonSerializer.SerializeToElement(PlanAssessor.Assess(plan, Regimes.ConnectedIndustries2018, SecurityStatus.Pending), PlanJson.Options);

        Assert.False(unsaved.TryGetProperty("planId", out _));
        Assert.False(unsaved.TryGetProperty("revision", out _));
        Assert.Equal(JsonValueKind.Null, withoutTax.GetProperty("taxBenefit").GetProperty("specialDepreciation").GetProperty("firstYearTaxDeferred").ValueKind);
    }
}
