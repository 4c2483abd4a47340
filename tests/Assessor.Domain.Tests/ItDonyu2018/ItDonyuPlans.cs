using Assessor.Domain.Assessments;
using Assessor.Domain.Checklists;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.RegimeDefinitions.ItDonyu2018;
using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.Tests.ItDonyu2018;

/// <summary>IT subsidy plans built in code: the example of examples/it-donyu-2018.json, each test overriding only what it is about.</summary>
internal static class ItDonyuPlans
{
    public static ItDonyuRegime Regime => ItDonyuRegime.Of2018;

    public static ItTool Tool(string id, ToolCategory category, long cost, int? months = null, DateOnly? contractedOn = null,
        string? vendorId = "V-0001", string? toolId = "TL-0001") => new()
        {
            Id = id,
            Category = category,
            VendorId = vendorId,
            ToolId = toolId,
            Name = "ツール " + id,
            Cost = cost,
            Months = months,
            ContractedOn = contractedOn,
        };

    public static ProductivityYear Year(int fiscalYear, long grossProfit, int employees = 12, decimal hoursPerEmployee = 2000m) => new()
    {
        FiscalYear = fiscalYear,
        Sales = grossProfit + 90_000_000,
        CostOfSales = 90_000_000,
        Employees = employees,
        HoursPerEmployee = hoursPerEmployee,
    };

    /// <summary>examples/it-donyu-2018.json, as code.</summary>
    public static ItDonyuPlan Example { get; } = new()
    {
        Regime = "it-donyu-2018",
        Title = "クラウド会計と受発注の連携による事務効率化",
        Applicant = new SubsidyApplicant
        {
            CorporateNumber = "7000012050002",
            Name = "有限会社サンプル商店",
            EntityType = EntityType.Company,
            Industry = Industry.Retail,
            Capital = 10_000_000,
            Employees = 12,
            Ownership = new Ownership { LargestLargeCompanyShare = 0, LargeCompaniesShare = 0, LargeCompanyPeopleBoardShare = 0 },
            ExcludedBusiness = false,
            Address = "大阪府大阪市北区架空町四丁目5番6号",
            Representative = "代表取締役 見本 花子",
        },
        Round = 2,
        AppliedOn = new DateOnly(2018, 7, 10),
        SecurityAction = new SecurityActionDeclaration { Level = SecurityActionLevel.TwoStar, DeclarationId = "SA2-000123" },
        DiagnosisId = "LB-2018-000456",
        ReviewedBy = new ThirdPartyReview { VendorId = "V-0001", Name = "株式会社ITベンダー" },
        Tools =
        [
            Tool("T1", ToolCategory.Software, 600_000, toolId: "TL-1234") with { Name = "販売管理" },
            Tool("T2", ToolCategory.Cloud, 240_000, months: 24, toolId: "TL-5678") with { Name = "クラウド会計" },
            Tool("T3", ToolCategory.Introduction, 100_000, contractedOn: new DateOnly(2018, 8, 20), toolId: "TL-1234") with { Name = "導入設定" },
            Tool("T4", ToolCategory.Hardware, 80_000, toolId: "HW-1") with { Name = "タブレット" },
        ],
        Productivity = new ProductivityPlan
        {
            BaseFiscalYear = 2017,
            Years =
            [
                new() { FiscalYear = 2017, Sales = 150_000_000, CostOfSales = 90_000_000, Employees = 12, HoursPerEmployee = 2000 },
                new() { FiscalYear = 2020, Sales = 152_000_000, CostOfSales = 90_500_000, Employees = 12, HoursPerEmployee = 2000 },
            ],
        },
        Bonus = new ItDonyuBonus { ZeroRateMunicipality = false, RegionalEconomicPlan = false, RegionalLeadingCompany = false, OmotenashiCertified = true },
    };

    public static ItDonyuPlan WithApplicant(Func<SubsidyApplicant, SubsidyApplicant> change) => Example with { Applicant = change(Example.Applicant) };

    public static ItDonyuPlan WithTools(params ItTool[] tools) => Example with { Tools = tools };

    public static GrantAssessment Assess(ItDonyuPlan plan, SelfCheckResult? selfCheck = null) => ItDonyuAssessor.Assess(plan, Regime, selfCheck);

    public static RequirementResult Requirement(ItDonyuPlan plan, string id, SelfCheckResult? selfCheck = null) =>
        Assess(plan, selfCheck).Requirements.Single(r => r.Id == id);

    /// <summary>A self-check run on the shipped 25-item checklist with the first <paramref name="answered"/> items answered so.</summary>
    public static SelfCheckResult SelfCheck(int answered = 25, SelfCheckAnswer answer = SelfCheckAnswer.Done)
    {
        var checklist = ShippedSelfCheck.Value;
        var answers = checklist.Items.Take(answered).ToDictionary(i => i.Id, _ => answer);
        return SelfCheckResult.Of(Guid.Parse("00000000-0000-0000-0000-000000000001"), checklist, answers, new DateTimeOffset(2018, 7, 1, 0, 0, 0, TimeSpan.Zero));
    }

    private static readonly Lazy<ChecklistDefinition> ShippedSelfCheck = new(() => ChecklistLoader.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "checklists", "ipa-self-check.v1.yaml")), "ipa-self-check.v1.yaml"));

    public static ChecklistRef SelfCheckRef => new("ipa-self-check", 1);
}
