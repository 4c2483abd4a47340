using System.Security.Claims;

namespace Assessor.Service.Identity;

public static class Roles
{
    public const string Applicant = "applicant";
    public const string Specialist = "specialist";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Applicant, Specialist, Reviewer, Admin };
}

public static class AssessorClaims
{
    public const string CorporateNumber = "assessor:corporate_number";
    public const string SpecialistId = "assessor:specialist_id";
}

/// <summary>Who is calling, as the endpoints need it.</summary>
public sealed record Caller(Guid Id, string Role, string? CorporateNumber, string? SpecialistId)
{
    public static Caller From(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The caller is not authenticated.")),
        user.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("The caller has no role."),
        user.FindFirstValue(AssessorClaims.CorporateNumber),
        user.FindFirstValue(AssessorClaims.SpecialistId));
}
