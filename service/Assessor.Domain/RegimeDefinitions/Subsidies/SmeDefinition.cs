using System.Text.Json.Serialization;

namespace Assessor.Domain.RegimeDefinitions.Subsidies;

/// <summary>An industry's SME limits: capital and employees, both inclusive, and the employees of a small business (小規模事業者).</summary>
public sealed record IndustryLimits(long Capital, int Employees, int SmallBusinessEmployees);

/// <summary>How an applicant's size is tested, by its legal form.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SizeTest>))]
public enum SizeTest
{
    /// <summary>A company: capital within the limit or employees within the limit.</summary>
    [JsonStringEnumMemberName("capital-or-employees")] CapitalOrEmployees,

    /// <summary>An individual or an NPO: employees within its industry's limit.</summary>
    [JsonStringEnumMemberName("employees")] Employees,

    /// <summary>A medical or social-welfare corporation: employees within a limit of its own, whatever the industry.</summary>
    [JsonStringEnumMemberName("employees-fixed")] EmployeesFixed,

    /// <summary>A cooperative: no size test.</summary>
    [JsonStringEnumMemberName("none")] None,
}

/// <summary>Which deemed-large-company test (みなし大企業) an applicant meets.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeemedLargeTest>))]
public enum DeemedLargeTest
{
    /// <summary>One large company holds at least the limit (one half).</summary>
    [JsonStringEnumMemberName("single-owner")] SingleOwner,

    /// <summary>Large companies together hold at least the limit (two thirds).</summary>
    [JsonStringEnumMemberName("owners-combined")] OwnersCombined,

    /// <summary>At least the limit (one half) of the officers belong to a large company.</summary>
    [JsonStringEnumMemberName("board")] Board,
}

/// <summary>The SME judgement of one applicant under <see cref="SmeDefinition"/>.</summary>
/// <param name="Test">How the applicant's size was tested.</param>
/// <param name="CapitalLimit">The capital limit applied; null when capital is not tested.</param>
/// <param name="CapitalWithin">Whether capital is within the limit; null when capital is not tested.</param>
/// <param name="EmployeesLimit">The employee limit applied; null when employees are not tested.</param>
/// <param name="EmployeesWithin">Whether employees are within the limit; null when employees are not tested.</param>
/// <param name="WithinSize">Whether the size test is met (always for a cooperative).</param>
/// <param name="SmallBusiness">Whether employees are within the industry's small-business limit (小規模事業者).</param>
/// <param name="DeemedLarge">The deemed-large-company tests the applicant meets; any makes it ineligible.</param>
public sealed record SmeJudgement(
    SizeTest Test, long? CapitalLimit, bool? CapitalWithin, int? EmployeesLimit, bool? EmployeesWithin, bool WithinSize, bool SmallBusiness,
    IReadOnlyList<DeemedLargeTest> DeemedLarge)
{
    public bool IsSme => WithinSize && DeemedLarge.Count == 0;
}

/// <summary>
/// Who is an SME (中小企業者) and a small business (小規模事業者), as the 2018 subsidies define them: limits per industry,
/// a test per legal form, and the deemed-large-company shares. Every figure is data; <see cref="Judge"/> only applies it.
/// </summary>
public sealed record SmeDefinition
{
    public required IReadOnlyDictionary<Industry, IndustryLimits> Industries { get; init; }

    /// <summary>The employee limit of medical and social-welfare corporations, whatever their industry.</summary>
    public required int MedicalAndWelfareEmployees { get; init; }

    /// <summary>A large company holding at least this share makes the applicant a deemed large company.</summary>
    public required Fraction LargestLargeCompanyShare { get; init; }

    /// <summary>Large companies holding at least this share together make the applicant a deemed large company.</summary>
    public required Fraction LargeCompaniesShare { get; init; }

    /// <summary>At least this share of officers from large companies makes the applicant a deemed large company.</summary>
    public required Fraction LargeCompanyPeopleBoardShare { get; init; }

    /// <summary>The table of the 2018 subsidies (FY2017 supplementary budget).</summary>
    public static SmeDefinition Of2018 { get; } = new()
    {
        Industries = new Dictionary<Industry, IndustryLimits>
        {
            [Industry.Manufacturing] = new(300_000_000, 300, 20),
            [Industry.Construction] = new(300_000_000, 300, 20),
            [Industry.Transport] = new(300_000_000, 300, 20),
            [Industry.Other] = new(300_000_000, 300, 20),
            [Industry.Wholesale] = new(100_000_000, 100, 5),
            [Industry.Services] = new(50_000_000, 100, 5),
            [Industry.Retail] = new(50_000_000, 50, 5),
            [Industry.Software] = new(300_000_000, 300, 5),
            [Industry.Inn] = new(50_000_000, 200, 20),
            [Industry.RubberProducts] = new(300_000_000, 900, 20),
        },
        MedicalAndWelfareEmployees = 300,
        LargestLargeCompanyShare = new(1, 2),
        LargeCompaniesShare = new(2, 3),
        LargeCompanyPeopleBoardShare = new(1, 2),
    };

    /// <summary>Applies the size test of the applicant's legal form and the deemed-large tests; limits are inclusive, shares compared exactly.</summary>
    public SmeJudgement Judge(SubsidyApplicant applicant)
    {
        var limits = Industries[applicant.Industry];
        var (test, capitalLimit, employeesLimit) = applicant.EntityType switch
        {
            EntityType.Company => (SizeTest.CapitalOrEmployees, (long?)limits.Capital, (int?)limits.Employees),
            EntityType.Individual or EntityType.Npo => (SizeTest.Employees, null, limits.Employees),
            EntityType.MedicalCorporation or EntityType.SocialWelfareCorporation => (SizeTest.EmployeesFixed, null, MedicalAndWelfareEmployees),
            _ => (SizeTest.None, null, (int?)null),
        };
        // A company that gives no capital is judged on employees alone (validation asks a company for its capital).
        bool? capitalWithin = capitalLimit is { } capLimit ? applicant.Capital is { } capital && capital <= capLimit : null;
        bool? employeesWithin = employeesLimit is { } empLimit ? applicant.Employees <= empLimit : null;
        var withinSize = test == SizeTest.None || capitalWithin == true || employeesWithin == true;

        var ownership = applicant.Ownership;
        var deemedLarge = new List<DeemedLargeTest>();
        if (Fraction.Of(ownership.LargestLargeCompanyShare) >= LargestLargeCompanyShare)
        {
            deemedLarge.Add(DeemedLargeTest.SingleOwner);
        }

        if (Fraction.Of(ownership.LargeCompaniesShare) >= LargeCompaniesShare)
        {
            deemedLarge.Add(DeemedLargeTest.OwnersCombined);
        }

        if (Fraction.Of(ownership.LargeCompanyPeopleBoardShare) >= LargeCompanyPeopleBoardShare)
        {
            deemedLarge.Add(DeemedLargeTest.Board);
        }

        return new SmeJudgement(test, capitalLimit, capitalWithin, employeesLimit, employeesWithin, withinSize,
            applicant.Employees <= limits.SmallBusinessEmployees, deemedLarge);
    }
}
