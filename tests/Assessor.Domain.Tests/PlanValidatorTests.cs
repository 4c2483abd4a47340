using Assessor.Domain.Plans;

using static Assessor.Domain.Tests.TestPlans;

namespace Assessor.Domain.Tests;

public class PlanValidatorTests
{
    private static PlanDocument WithAsset(int index, Func<Asset, Asset> change) =>
        Example with { Assets = [.. Example.Assets.Select((a, i) => i == index ? change(a) : a)] };

    private static PlanDocument WithYear(int index, Func<FinancialYear, FinancialYear> change) =>
        Example with { Financials = [.. Example.Financials.Select((f, i) => i == index ? change(f) : f)] };

    public static TheoryData<string, PlanDocument, string> Faults => new()
    {
        { "empty regime", Example with { Regime = " " }, "$.regime" },
        { "empty title", Example with { Title = "" }, "$.title" },
        { "empty applicant name", Example with { Applicant = Example.Applicant with { Name = "" } }, "$.applicant.name" },
        // 7000012050002 with its check digit changed from 7 to 8.
        { "wrong check digit", Example with { Applicant = Example.Applicant with { CorporateNumber = "8000012050002" } }, "$.applicant.corporateNumber" },
        { "negative employees", Example with { Applicant = Example.Applicant with { Employees = -1 } }, "$.applicant.employees" },
        { "blank address", Example with { Applicant = Example.Applicant with { Address = " " } }, "$.applicant.address" },
        { "disguised representative", Example with { Applicant = Example.Applicant with { Representative = "代表取締役 \u202Eoruat" } }, "$.applicant.representative" },
        { "period ends when it starts", Example with { Period = new() { Start = new(2019, 4, 1), End = new(2019, 4, 1) } }, "$.period.end" },
        { "no assets", Example with { Assets = [] }, "$.assets" },
        { "empty asset id", WithAsset(0, a => a with { Id = "" }), "$.assets[0].id" },
        { "empty asset name", WithAsset(1, a => a with { Name = "" }), "$.assets[1].name" },
        { "duplicate asset id", WithAsset(2, a => a with { Id = "A1" }), "$.assets[2].id" },
        // 600 trillion + 400 trillion + 1 yen: one yen over the ¥10^15 total the assessment is built for.
        { "total cost too large", Example with { Assets = [Software("A1", 600_000_000_000_000), Software("A2", 400_000_000_000_001)] }, "$.assets" },
        { "zero cost", WithAsset(0, a => a with { Cost = 0 }), "$.assets[0].cost" },
        { "in service before acquired", WithAsset(0, a => a with { InServiceOn = new(2019, 5, 31) }), "$.assets[0].inServiceOn" },
        { "withSoftware names hardware", WithAsset(2, a => a with { WithSoftware = "A2" }), "$.assets[2].withSoftware" },
        { "withSoftware names nothing", WithAsset(2, a => a with { WithSoftware = "A9" }), "$.assets[2].withSoftware" },
        { "empty linkage purpose", Example with { Linkages = [Linkage("L1", LinkageKind.ExternalData) with { Purpose = "" }] }, "$.linkages[0].purpose" },
        { "duplicate linkage id", Example with { Linkages = [Linkage("L1", LinkageKind.ExternalData), Linkage("L1", LinkageKind.NewData)] }, "$.linkages[1].id" },
        { "duplicate fiscal year", WithYear(1, f => f with { FiscalYear = 2018 }), "$.financials[1].fiscalYear" },
        { "zero headcount", WithYear(0, f => f with { Headcount = 0 }), "$.financials[0].headcount" },
        { "negative personnel costs", WithYear(0, f => f with { PersonnelCosts = -1 }), "$.financials[0].personnelCosts" },
        { "negative depreciation", WithYear(3, f => f with { Depreciation = -1 }), "$.financials[3].depreciation" },
        { "hours without hoursPerPerson", Example with { LabourInput = LabourInput.Hours }, "$.financials[0].hoursPerPerson" },
        { "missing t3", Example with { Financials = [.. Example.Financials.Take(3)] }, "$.financials" },
        { "zero prior wages", Example with { Wages = Example.Wages! with { ContinuingEmployeesPriorYear = 0 } }, "$.wages.continuingEmployeesPriorYear" },
        { "negative current wages", Example with { Wages = Example.Wages! with { ContinuingEmployeesCurrentYear = -1 } }, "$.wages.continuingEmployeesCurrentYear" },
        { "negative corporate tax", Example with { Tax = Example.Tax! with { CorporateTax = -1 } }, "$.tax.corporateTax" },
        { "tax rate above 1", Example with { Tax = Example.Tax! with { EffectiveTaxRate = 1.01m } }, "$.tax.effectiveTaxRate" },
        { "negative capex", Example with { Tax = Example.Tax! with { DomesticCapex = -1 } }, "$.tax.domesticCapex" },
        { "negative total depreciation", Example with { Tax = Example.Tax! with { TotalDepreciation = -1 } }, "$.tax.totalDepreciation" },
        { "five-digit registration number", Example with { SecurityExpert = new() { RegistrationNumber = "11172" } }, "$.securityExpert.registrationNumber" },
    };

    [Fact]
    public void The_example_is_valid() => Assert.Empty(PlanValidator.Validate(Example));

    [Fact]
    public void Address_and_representative_are_valid_when_given() =>
        Assert.Empty(PlanValidator.Validate(Example with { Applicant = Example.Applicant with { Address = "東京都千代田区架空町一丁目2番3号", Representative = "代表取締役 見本 太郎" } }));

    [Theory]
    [MemberData(nameof(Faults))]
    public void Each_fault_is_reported_at_its_path(string name, PlanDocument plan, string path)
    {
        var errors = PlanValidator.Validate(plan);

        Assert.True(errors.Any(e => e.Path == path), $"{name}: expected an error at {path}, got [{string.Join("; ", errors)}]");
    }

    [Fact]
    public void Every_fault_is_reported_at_once()
    {
        var plan = Example with { Title = "", Assets = [] };

        Assert.Equal(["$.title", "$.assets"], PlanValidator.Validate(plan).Select(e => e.Path));
    }
}
