using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;

namespace Assessor.Domain.Tests;

/// <summary>Plans built in code: the README example's shape, each test overriding only what it is about.</summary>
internal static class TestPlans
{
    public static Asset Software(string id, long cost, bool isNew = true) => new()
    {
        Id = id,
        Class = AssetClass.Software,
        Name = "ソフトウェア " + id,
        Cost = cost,
        AcquiredOn = new DateOnly(2019, 6, 1),
        InServiceOn = new DateOnly(2019, 7, 1),
        IsNew = isNew,
    };

    public static Asset Machinery(string id, long cost, string? withSoftware, bool? collectsData = true) =>
        Software(id, cost) with { Class = AssetClass.Machinery, WithSoftware = withSoftware, CollectsDataAutomatically = collectsData };

    public static Asset Equipment(string id, long cost, string? withSoftware) =>
        Software(id, cost) with { Class = AssetClass.Equipment, WithSoftware = withSoftware };

    public static Linkage Linkage(string id, LinkageKind kind, bool? newlyAcquired = null) => new()
    {
        Id = id,
        Kind = kind,
        Data = "稼働データ",
        From = "第一工場",
        To = "本社",
        NewlyAcquired = newlyAcquired,
        Purpose = "予知保全",
    };

    public static FinancialYear Year(int fiscalYear, long operatingProfit, long personnelCosts = 400_000_000, long depreciation = 60_000_000, int headcount = 120, decimal? hoursPerPerson = null) => new()
    {
        FiscalYear = fiscalYear,
        OperatingProfit = operatingProfit,
        PersonnelCosts = personnelCosts,
        Depreciation = depreciation,
        Headcount = headcount,
        HoursPerPerson = hoursPerPerson,
    };

    /// <summary>The README example (examples/plan.json), as code.</summary>
    public static PlanDocument Example { get; } = new()
    {
        Regime = "connected-industries-2018",
        Title = "工場間センサーデータ連携による予知保全",
        Applicant = new Applicant { CorporateNumber = "7000012050002", Name = "株式会社サンプル製作所", IsSme = true, Employees = 120 },
        Period = new PlanPeriod { Start = new DateOnly(2019, 4, 1), End = new DateOnly(2022, 3, 31) },
        BaseFiscalYear = 2018,
        LabourInput = LabourInput.Headcount,
        Assets = [Software("A1", 42_000_000), Machinery("A2", 9_000_000, "A1"), Equipment("A3", 3_000_000, "A1")],
        Linkages = [Linkage("L1", LinkageKind.NewData, newlyAcquired: true)],
        Financials =
        [
            Year(2018, 100_000_000, 400_000_000, 60_000_000, 120),
            Year(2019, 108_000_000, 404_000_000, 62_000_000, 120),
            Year(2020, 115_000_000, 410_000_000, 64_000_000, 121),
            Year(2021, 125_000_000, 418_000_000, 65_000_000, 121),
        ],
        Wages = new Wages { ContinuingEmployeesPriorYear = 380_000_000, ContinuingEmployeesCurrentYear = 387_600_000 },
        Tax = new TaxFigures { CorporateTax = 30_000_000, EffectiveTaxRate = 0.30m, DomesticCapex = 80_000_000, TotalDepreciation = 60_000_000 },
        SecurityExpert = new SecurityExpert { RegistrationNumber = "011172" },
    };

    public static Assessment Assess(PlanDocument plan, Regime? regime = null, SecurityStatus? security = null) =>
        PlanAssessor.Assess(plan, regime ?? Regimes.ConnectedIndustries2018, security ?? SecurityStatus.Pending);

    public static RequirementResult Requirement(PlanDocument plan, string id, Regime? regime = null) =>
        Assess(plan, regime).Requirements.Single(r => r.Id == id);

    public static T Figures<T>(this RequirementResult result) => Assert.IsType<T>(result.Figures);

    public static IEnumerable<string> Codes(this RequirementResult result) => result.Reasons.Select(r => r.Code);

    public static decimal Dec(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
