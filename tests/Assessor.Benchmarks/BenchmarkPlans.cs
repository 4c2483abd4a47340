using Assessor.Domain.Plans;

namespace Assessor.Benchmarks;

/// <summary>Synthetic plans of a given size, mixing qualifying and excluded assets and linkages as real plans do.</summary>
internal static class BenchmarkPlans
{
    public static PlanDocument Create(int assetCount, int linkageCount) => new()
    {
        Regime = "connected-industries-2018",
        Title = "ベンチマーク計画",
        Applicant = new Applicant { CorporateNumber = "7000012050002", Name = "株式会社ベンチ", IsSme = false },
        Period = new PlanPeriod { Start = new DateOnly(2019, 4, 1), End = new DateOnly(2022, 3, 31) },
        BaseFiscalYear = 2018,
        LabourInput = LabourInput.Hours,
        Assets = [.. Enumerable.Range(0, assetCount).Select(CreateAsset)],
        Linkages = [.. Enumerable.Range(0, linkageCount).Select(CreateLinkage)],
        Financials = [.. Enumerable.Range(0, 4).Select(t => new FinancialYear
        {
            FiscalYear = 2018 + t,
            OperatingProfit = 100_000_000 + (t * 8_000_000),
            PersonnelCosts = 400_000_000 + (t * 4_000_000),
            Depreciation = 60_000_000 + (t * 2_000_000),
            Headcount = 120 + t,
            HoursPerPerson = 1900m - (t * 10m),
        })],
        Wages = new Wages { ContinuingEmployeesPriorYear = 380_000_000, ContinuingEmployeesCurrentYear = 387_600_000 },
        Tax = new TaxFigures { CorporateTax = 30_000_000, EffectiveTaxRate = 0.30m, DomesticCapex = 80_000_000, TotalDepreciation = 60_000_000 },
    };

    // Every fourth asset is software; the hardware between names the software before it. Some are second-hand
    // or late, so the exclusion paths run too.
    private static Asset CreateAsset(int i)
    {
        var software = i % 4 == 0;
        return new Asset
        {
            Id = $"A{i}",
            Class = software ? AssetClass.Software : i % 4 == 1 ? AssetClass.Machinery : AssetClass.Equipment,
            Name = $"設備 {i}",
            Cost = 3_000_000 + (i % 7 * 1_000_000),
            AcquiredOn = new DateOnly(2019, 6, 1),
            InServiceOn = i % 13 == 12 ? new DateOnly(2021, 4, 1) : new DateOnly(2019, 7, 1),
            IsNew = i % 11 != 10,
            WithSoftware = software ? null : $"A{i - (i % 4)}",
            CollectsDataAutomatically = i % 8 == 1 ? null : true,
        };
    }

    private static Linkage CreateLinkage(int i) => new()
    {
        Id = $"L{i}",
        Kind = (LinkageKind)(i % 5),
        Data = "稼働データ",
        From = "第一工場",
        To = "本社",
        NewlyAcquired = i % 2 == 0,
        Purpose = "予知保全",
    };
}
