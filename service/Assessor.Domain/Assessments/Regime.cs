using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Assessor.Domain.Assessments;

/// <summary>How average annual labour-productivity growth over t1..t3 is measured.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GrowthMethod>))]
public enum GrowthMethod
{
    /// <summary>Compound: (LP3/LP0)^(1/3) − 1.</summary>
    [JsonStringEnumMemberName("cagr")] Cagr,
    /// <summary>Simple average: ((LP3 − LP0)/LP0)/3.</summary>
    [JsonStringEnumMemberName("simple")] Simple,
}

/// <summary>
/// One versioned tax measure: its window, thresholds and the requirement rules it applies, in that order.
/// A new measure is a new instance (often <c>with { … }</c> on an existing one) plus, at most, new rule classes.
/// </summary>
public sealed record Regime
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>First day assets may be acquired and put into service.</summary>
    public required DateOnly WindowStart { get; init; }
    /// <summary>Last day assets may be acquired and put into service; a plan must start by then.</summary>
    public required DateOnly WindowEnd { get; init; }
    public required int MaxPlanYears { get; init; }
    /// <summary>Whole yen: the qualifying acquisition cost must reach this.</summary>
    public required long MinimumQualifyingInvestment { get; init; }
    public required decimal LabourProductivityGrowthThreshold { get; init; }
    public GrowthMethod LabourProductivityGrowthMethod { get; init; } = GrowthMethod.Cagr;
    public required decimal ReturnOnInvestmentThreshold { get; init; }
    public required decimal SpecialDepreciationRate { get; init; }
    public required decimal StandardCreditRate { get; init; }
    /// <summary>Credit rate when continuing-employee wages rise by at least <see cref="WageRiseThreshold"/>.</summary>
    public required decimal RaisedCreditRate { get; init; }
    /// <summary>Credit cap as a share of the year's corporate tax, at the standard rate.</summary>
    public required decimal StandardCapRate { get; init; }
    public required decimal RaisedCapRate { get; init; }
    public required decimal WageRiseThreshold { get; init; }
    /// <summary>A large company gets the credit when domestic capex exceeds this share of total depreciation.</summary>
    public required decimal LargeCompanyCapexRatio { get; init; }
    /// <summary>The requirements this regime checks, in the order the assessment reports them.</summary>
    public required IReadOnlyList<IRequirementRule> Rules { get; init; }
}

/// <summary>The catalogue of regimes the service knows.</summary>
public static class Regimes
{
    /// <summary>Connected Industries tax (コネクテッド・インダストリーズ税制), Productivity Improvement Special Measures Act 2018.</summary>
    public static Regime ConnectedIndustries2018 { get; } = new()
    {
        Id = "connected-industries-2018",
        Name = "コネクテッド・インダストリーズ税制 (Connected Industries tax, 2018)",
        WindowStart = new DateOnly(2018, 6, 6),
        WindowEnd = new DateOnly(2021, 3, 31),
        MaxPlanYears = 5,
        MinimumQualifyingInvestment = 50_000_000,
        LabourProductivityGrowthThreshold = 0.02m,
        LabourProductivityGrowthMethod = GrowthMethod.Cagr,
        ReturnOnInvestmentThreshold = 0.15m,
        SpecialDepreciationRate = 0.30m,
        StandardCreditRate = 0.03m,
        RaisedCreditRate = 0.05m,
        StandardCapRate = 0.15m,
        RaisedCapRate = 0.20m,
        WageRiseThreshold = 0.03m,
        LargeCompanyCapexRatio = 0.10m,
        Rules =
        [
            new DataLinkageRule(),
            new SecurityRule(),
            new LabourProductivityRule(),
            new ReturnOnInvestmentRule(),
            new MinimumInvestmentRule(),
            new WindowRule(),
        ],
    };

    public static IReadOnlyList<Regime> All { get; } = [ConnectedIndustries2018];

    public static bool TryGet(string id, [MaybeNullWhen(false)] out Regime regime)
    {
        regime = All.FirstOrDefault(r => r.Id == id);
        return regime is not null;
    }
}
