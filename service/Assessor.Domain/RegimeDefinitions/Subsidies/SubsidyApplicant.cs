using System.Text.Json.Serialization;

namespace Assessor.Domain.RegimeDefinitions.Subsidies;

/// <summary>
/// The industry an applicant is in, which sets its SME limits (中小企業者の範囲): <c>manufacturing</c>, <c>construction</c>,
/// <c>transport</c>, <c>other</c>, <c>wholesale</c>, <c>services</c>, <c>retail</c> (restaurants included), <c>software</c>
/// (software and information-processing services), <c>inn</c> or <c>rubber-products</c> (except tyres and tubes for cars and
/// aircraft, and industrial belts).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Industry>))]
public enum Industry
{
    [JsonStringEnumMemberName("manufacturing")] Manufacturing,
    [JsonStringEnumMemberName("construction")] Construction,
    [JsonStringEnumMemberName("transport")] Transport,
    [JsonStringEnumMemberName("other")] Other,
    [JsonStringEnumMemberName("wholesale")] Wholesale,
    [JsonStringEnumMemberName("services")] Services,
    [JsonStringEnumMemberName("retail")] Retail,
    [JsonStringEnumMemberName("software")] Software,
    [JsonStringEnumMemberName("inn")] Inn,
    [JsonStringEnumMemberName("rubber-products")] RubberProducts,
}

/// <summary>
/// The applicant's legal form, which decides how its size is tested: <c>company</c> (会社: capital or employees),
/// <c>individual</c> (個人事業主: employees only), <c>cooperative</c> (組合: no size test), <c>medical-corporation</c> (医療法人) and
/// <c>social-welfare-corporation</c> (社会福祉法人): at most 300 employees, <c>npo</c> (特定非営利活動法人: employees only).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<EntityType>))]
public enum EntityType
{
    [JsonStringEnumMemberName("company")] Company,
    [JsonStringEnumMemberName("individual")] Individual,
    [JsonStringEnumMemberName("cooperative")] Cooperative,
    [JsonStringEnumMemberName("medical-corporation")] MedicalCorporation,
    [JsonStringEnumMemberName("social-welfare-corporation")] SocialWelfareCorporation,
    [JsonStringEnumMemberName("npo")] Npo,
}

/// <summary>An applicant to a subsidy: who it is, and the figures its SME status is judged on.</summary>
public sealed record SubsidyApplicant
{
    /// <summary>The applicant's corporate number (法人番号): 13 digits, the first the check digit of the other twelve; it must be the one the uploader's key is bound to.</summary>
    public required string CorporateNumber { get; init; }

    /// <summary>The applicant's registered name; not empty.</summary>
    public required string Name { get; init; }

    /// <summary>The legal form: <c>company</c>, <c>individual</c>, <c>cooperative</c>, <c>medical-corporation</c>, <c>social-welfare-corporation</c> or <c>npo</c>.</summary>
    public required EntityType EntityType { get; init; }

    /// <summary>The industry whose SME limits apply (see the regime's documentation for the table).</summary>
    public required Industry Industry { get; init; }

    /// <summary>
    /// Capital or total contributions (資本金の額又は出資の総額) in whole yen, not negative. Required for a <c>company</c>; the other
    /// legal forms are not judged on capital and may leave it out.
    /// </summary>
    public long? Capital { get; init; }

    /// <summary>Regular employees (常時使用する従業員), not counting officers or temporary staff; not negative.</summary>
    public required int Employees { get; init; }

    /// <summary>Who owns and runs the applicant: the deemed-large-company tests (みなし大企業) read these shares.</summary>
    public required Ownership Ownership { get; init; }

    /// <summary>
    /// True when the applicant runs an excluded business (風俗営業 and the like) or is linked to anti-social forces: such an
    /// applicant is never eligible.
    /// </summary>
    public required bool ExcludedBusiness { get; init; }

    /// <summary>The registered address (所在地), as printed on the certificate; optional, not blank when given.</summary>
    public string? Address { get; init; }

    /// <summary>The representative's title and name (代表者の役職・氏名, e.g. <c>代表取締役 山田 太郎</c>), as printed on the certificate; optional, not blank when given.</summary>
    public string? Representative { get; init; }
}

/// <summary>Shares held in, or seats on the board of, the applicant by large companies; each a decimal from 0 to 1 (0.5 = half).</summary>
public sealed record Ownership
{
    /// <summary>The share of the applicant held by its largest large-company shareholder; one half or more makes it a deemed large company.</summary>
    public required decimal LargestLargeCompanyShare { get; init; }

    /// <summary>The share held by all large companies together; two thirds or more makes it a deemed large company.</summary>
    public required decimal LargeCompaniesShare { get; init; }

    /// <summary>The share of its officers who are officers or employees of a large company; one half or more makes it a deemed large company.</summary>
    public required decimal LargeCompanyPeopleBoardShare { get; init; }
}
