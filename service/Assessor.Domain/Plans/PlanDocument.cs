using System.Text.Json.Serialization;

namespace Assessor.Domain.Plans;

/// <summary>The plan document an applicant uploads, field for field as docs/plan-format.md describes it.</summary>
public sealed record PlanDocument
{
    public required string Regime { get; init; }
    public required string Title { get; init; }
    public required Applicant Applicant { get; init; }
    public required PlanPeriod Period { get; init; }
    public required int BaseFiscalYear { get; init; }
    public required LabourInput LabourInput { get; init; }
    public required IReadOnlyList<Asset> Assets { get; init; }
    public required IReadOnlyList<Linkage> Linkages { get; init; }
    public required IReadOnlyList<FinancialYear> Financials { get; init; }
    public Wages? Wages { get; init; }
    public TaxFigures? Tax { get; init; }
    public SecurityExpert? SecurityExpert { get; init; }
}

public sealed record Applicant
{
    public required string CorporateNumber { get; init; }
    public required string Name { get; init; }
    public required bool IsSme { get; init; }
    public string? Industry { get; init; }
    public int? Employees { get; init; }
}

public sealed record PlanPeriod
{
    public required DateOnly Start { get; init; }
    public required DateOnly End { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<LabourInput>))]
public enum LabourInput
{
    [JsonStringEnumMemberName("headcount")] Headcount,
    [JsonStringEnumMemberName("hours")] Hours,
}

[JsonConverter(typeof(JsonStringEnumConverter<AssetClass>))]
public enum AssetClass
{
    [JsonStringEnumMemberName("software")] Software,
    [JsonStringEnumMemberName("machinery")] Machinery,
    [JsonStringEnumMemberName("equipment")] Equipment,
}

public sealed record Asset
{
    public required string Id { get; init; }
    public required AssetClass Class { get; init; }
    public required string Name { get; init; }
    public required long Cost { get; init; }
    public required DateOnly AcquiredOn { get; init; }
    public required DateOnly InServiceOn { get; init; }
    public required bool IsNew { get; init; }
    /// <summary>Id of the software asset this hardware is acquired together with.</summary>
    public string? WithSoftware { get; init; }
    public bool? CollectsDataAutomatically { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<LinkageKind>))]
public enum LinkageKind
{
    [JsonStringEnumMemberName("external-data")] ExternalData,
    [JsonStringEnumMemberName("new-data")] NewData,
    [JsonStringEnumMemberName("group-companies")] GroupCompanies,
    [JsonStringEnumMemberName("business-sites")] BusinessSites,
    [JsonStringEnumMemberName("internal-only")] InternalOnly,
}

public sealed record Linkage
{
    public required string Id { get; init; }
    public required LinkageKind Kind { get; init; }
    public required string Data { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public bool? NewlyAcquired { get; init; }
    public required string Purpose { get; init; }
    public string? Network { get; init; }
}

public sealed record FinancialYear
{
    public required int FiscalYear { get; init; }
    public required long OperatingProfit { get; init; }
    public required long PersonnelCosts { get; init; }
    public required long Depreciation { get; init; }
    public required int Headcount { get; init; }
    public decimal? HoursPerPerson { get; init; }
}

public sealed record Wages
{
    public required long ContinuingEmployeesPriorYear { get; init; }
    public required long ContinuingEmployeesCurrentYear { get; init; }
}

public sealed record TaxFigures
{
    public required long CorporateTax { get; init; }
    public decimal? EffectiveTaxRate { get; init; }
    public long? DomesticCapex { get; init; }
    public long? TotalDepreciation { get; init; }
}

public sealed record SecurityExpert
{
    public required string RegistrationNumber { get; init; }
}
