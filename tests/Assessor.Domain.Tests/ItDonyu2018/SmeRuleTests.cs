using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.ItDonyu2018;
using Assessor.Domain.RegimeDefinitions.Subsidies;

using static Assessor.Domain.Tests.ItDonyu2018.ItDonyuPlans;

namespace Assessor.Domain.Tests.ItDonyu2018;

/// <summary>§0: SME by industry and legal form, deemed large companies, excluded business; at and one unit beyond each limit.</summary>
public class SmeRuleTests
{
    private static RequirementResult Sme(Func<SubsidyApplicant, SubsidyApplicant> change) => Requirement(WithApplicant(change), ItDonyuRequirements.Sme);

    [Theory]
    [InlineData(Industry.Manufacturing, 300_000_000, 300)]
    [InlineData(Industry.Construction, 300_000_000, 300)]
    [InlineData(Industry.Transport, 300_000_000, 300)]
    [InlineData(Industry.Other, 300_000_000, 300)]
    [InlineData(Industry.Wholesale, 100_000_000, 100)]
    [InlineData(Industry.Services, 50_000_000, 100)]
    [InlineData(Industry.Retail, 50_000_000, 50)]
    [InlineData(Industry.Software, 300_000_000, 300)]
    [InlineData(Industry.Inn, 50_000_000, 200)]
    [InlineData(Industry.RubberProducts, 300_000_000, 900)]
    public void A_company_is_an_sme_by_capital_or_by_employees_both_inclusive(Industry industry, long capital, int employees)
    {
        SubsidyApplicant Company(long c, int e) => Example.Applicant with { Industry = industry, Capital = c, Employees = e };

        // Either limit alone is enough; exactly at a limit is within it.
        Assert.Equal(["sme-by-capital"], Sme(_ => Company(capital, employees + 1)).Codes());
        Assert.Equal(["sme-by-employees"], Sme(_ => Company(capital + 1, employees)).Codes());
        Assert.Equal(["sme-by-capital", "sme-by-employees"], Sme(_ => Company(capital, employees)).Codes());
        Assert.Equal(RequirementStatus.Pass, Sme(_ => Company(capital, employees + 1)).Status);

        // One yen and one employee beyond both: not an SME.
        var large = Sme(_ => Company(capital + 1, employees + 1));
        Assert.Equal(RequirementStatus.Fail, large.Status);
        Assert.Equal(["not-sme"], large.Codes());
        var figures = large.Figures<SmeFigures>();
        Assert.Equal(capital, figures.CapitalLimit);
        Assert.Equal(employees, figures.EmployeesLimit);
    }

    [Theory]
    // Individuals and NPOs are judged on their industry's employee column only, whatever their capital.
    [InlineData(EntityType.Individual, 50, true)]
    [InlineData(EntityType.Individual, 51, false)]
    [InlineData(EntityType.Npo, 50, true)]
    [InlineData(EntityType.Npo, 51, false)]
    // Medical and social-welfare corporations: at most 300 employees, whatever their industry.
    [InlineData(EntityType.MedicalCorporation, 300, true)]
    [InlineData(EntityType.MedicalCorporation, 301, false)]
    [InlineData(EntityType.SocialWelfareCorporation, 300, true)]
    [InlineData(EntityType.SocialWelfareCorporation, 301, false)]
    // A cooperative has no size test.
    [InlineData(EntityType.Cooperative, 100_000, true)]
    public void Other_legal_forms_have_their_own_size_test(EntityType entityType, int employees, bool sme)
    {
        var result = Sme(a => a with { EntityType = entityType, Industry = Industry.Retail, Capital = 1, Employees = employees });

        Assert.Equal(sme ? RequirementStatus.Pass : RequirementStatus.Fail, result.Status);
        Assert.Null(result.Figures<SmeFigures>().CapitalLimit);
        Assert.DoesNotContain("sme-by-capital", result.Codes());
    }

    [Fact]
    public void A_cooperative_says_it_has_no_size_test() =>
        Assert.Equal(["sme-no-size-test"], Sme(a => a with { EntityType = EntityType.Cooperative, Capital = null, Employees = 5_000 }).Codes());

    [Theory]
    [InlineData("0.5", "0", "0", "deemed-large-single-owner")]
    [InlineData("0", "0.6666666666666666666666666667", "0", "deemed-large-owners-combined")]
    [InlineData("0", "0.67", "0", "deemed-large-owners-combined")]
    [InlineData("0", "0", "0.5", "deemed-large-board")]
    [InlineData("1", "1", "1", "deemed-large-single-owner,deemed-large-owners-combined,deemed-large-board")]
    public void Large_ownership_at_the_limit_makes_a_deemed_large_company(string largest, string combined, string board, string codes)
    {
        var result = Sme(a => a with
        {
            Ownership = new Ownership { LargestLargeCompanyShare = Dec(largest), LargeCompaniesShare = Dec(combined), LargeCompanyPeopleBoardShare = Dec(board) },
        });

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal(codes.Split(','), result.Codes().Where(c => c.StartsWith("deemed-large", StringComparison.Ordinal)));
    }

    [Theory]
    // Just under each limit, compared exactly: 0.4999… < 1/2 and 0.6666…6 (28 digits) < 2/3.
    [InlineData("0.4999999999999999999999999999", "0", "0")]
    [InlineData("0", "0.6666666666666666666666666666", "0")]
    [InlineData("0", "0.66", "0")]
    [InlineData("0", "0", "0.4999999999999999999999999999")]
    public void Ownership_just_below_the_limits_is_not_deemed_large(string largest, string combined, string board)
    {
        var result = Sme(a => a with
        {
            Ownership = new Ownership { LargestLargeCompanyShare = Dec(largest), LargeCompaniesShare = Dec(combined), LargeCompanyPeopleBoardShare = Dec(board) },
        });

        Assert.Equal(RequirementStatus.Pass, result.Status);
        Assert.Empty(result.Figures<SmeFigures>().DeemedLarge);
    }

    [Fact]
    public void An_excluded_business_is_never_eligible_even_as_an_sme()
    {
        var result = Sme(a => a with { ExcludedBusiness = true });

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Contains("excluded-business", result.Codes());
    }

    [Theory]
    // Small business (小規模事業者): the industry's small-business column, inclusive.
    [InlineData(Industry.Retail, 5, true)]
    [InlineData(Industry.Retail, 6, false)]
    [InlineData(Industry.Manufacturing, 20, true)]
    [InlineData(Industry.Manufacturing, 21, false)]
    [InlineData(Industry.Inn, 20, true)]
    [InlineData(Industry.Software, 6, false)]
    public void The_small_business_figure_uses_its_own_column(Industry industry, int employees, bool small) =>
        Assert.Equal(small, Sme(a => a with { Industry = industry, Employees = employees }).Figures<SmeFigures>().SmallBusiness);

    private static decimal Dec(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
