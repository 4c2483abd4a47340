using System.Security.Claims;
using Assessor.Domain.Plans;
using Assessor.Service.Http;
using Assessor.Service.Log;
using Assessor.Service.Specialists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.Identity;

/// <summary>A person or system to give API access, with its role.</summary>
/// <param name="Name">A display name for the principal; not blank.</param>
/// <param name="Role">The role, which decides what the principal may do: <c>applicant</c>, <c>specialist</c>, <c>reviewer</c> or <c>admin</c>.</param>
/// <param name="CorporateNumber">
/// Required for an <c>applicant</c>, and refused for other roles: the 13-digit corporate number of the company the
/// applicant acts for. An applicant sees and uploads that company's plans only.
/// </param>
/// <param name="SpecialistId">
/// Required for a <c>specialist</c>, and refused for other roles: the registry id of the specialist this principal is
/// (the <c>id</c> from <c>POST /specialists</c>).
/// </param>
public sealed record CreatePrincipalRequest(string? Name, string? Role, string? CorporateNumber, string? SpecialistId);

/// <summary>The principal just created, with its first API key.</summary>
/// <param name="Id">The principal's id.</param>
/// <param name="Name">The display name, trimmed.</param>
/// <param name="Role"><c>applicant</c>, <c>specialist</c>, <c>reviewer</c> or <c>admin</c>.</param>
/// <param name="CorporateNumber">The applicant's company corporate number; absent for other roles.</param>
/// <param name="SpecialistId">The specialist's registry id; absent for other roles.</param>
/// <param name="KeyId">The id of the API key issued with the principal, for revoking it.</param>
/// <param name="Key">
/// The API key itself (<c>ak_</c> and 43 base64url characters), shown only in this response: the service keeps only
/// its hash. Send it as <c>Authorization: Bearer</c> followed by the key.
/// </param>
public sealed record CreatedPrincipal(Guid Id, string Name, string Role, string? CorporateNumber, Guid? SpecialistId, Guid KeyId, string Key);

/// <summary>A newly issued API key.</summary>
/// <param name="KeyId">The key's id, for revoking it.</param>
/// <param name="Key">The API key itself (<c>ak_</c> and 43 base64url characters), shown only in this response.</param>
public sealed record IssuedKeyResponse(Guid KeyId, string Key);

/// <summary>A principal (without keys).</summary>
/// <param name="Id">The principal's id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Role"><c>applicant</c>, <c>specialist</c>, <c>reviewer</c> or <c>admin</c>.</param>
/// <param name="CorporateNumber">The applicant's company corporate number; absent for other roles.</param>
/// <param name="SpecialistId">The specialist's registry id; absent for other roles.</param>
/// <param name="CreatedAt">When the principal was created (ISO-8601, UTC).</param>
public sealed record PrincipalView(Guid Id, string Name, string Role, string? CorporateNumber, Guid? SpecialistId, DateTimeOffset CreatedAt);

/// <summary>Admin endpoints for people and their API keys.</summary>
public static class IdentityApi
{
    public static RouteGroupBuilder MapIdentity(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/principals").WithTags("Identity").RequireAuthorization(Roles.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Responses here show a new API key once: no cache may keep a copy.
        group.NoStore();
        group.MapPost("/", CreatePrincipal).WithName("CreatePrincipal").WithSummary("Create a principal and its first API key (shown only here)");
        group.MapGet("/", ListPrincipals).WithName("ListPrincipals").WithSummary("List principals");
        group.MapPost("/{id:guid}/keys", IssueKey).WithName("IssueKey").WithSummary("Issue another API key (shown only here)");
        group.MapDelete("/{id:guid}/keys/{keyId:guid}", RevokeKey).WithName("RevokeKey").WithSummary("Revoke an API key");
        return group;
    }

    public static async Task<Results<Created<CreatedPrincipal>, ProblemHttpResult>> CreatePrincipal(
        CreatePrincipalRequest request, ClaimsPrincipal user, PrincipalStore principals, SpecialistStore specialists, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        Guid? specialistId = Guid.TryParse(request.SpecialistId, out var parsed) ? parsed : null;
        if (request.Role == Roles.Specialist && request.SpecialistId is not null
            && (specialistId is null || await specialists.GetAsync(specialistId.Value, cancellationToken) is null))
        {
            errors.Add(new("$.specialistId", new ValidationText(
                "No specialist with this id is registered (POST /specialists first).", "この id の専門家は登録されていません（先に POST /specialists で登録してください）。")));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (principal, key) = await principals.CreateAsync(
            request.Name!.Trim(), request.Role!, request.CorporateNumber, specialistId, presetKey: null, Caller.From(user).Actor(), cancellationToken);
        return TypedResults.Created(
            $"/api/v1/principals/{principal.Id}",
            new CreatedPrincipal(principal.Id, principal.Name, principal.Role, principal.CorporateNumber, principal.SpecialistId, key.KeyId, key.Key));
    }

    public static async Task<Ok<PrincipalView[]>> ListPrincipals(PrincipalStore principals, CancellationToken cancellationToken)
    {
        var rows = await principals.ListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(p => new PrincipalView(p.Id, p.Name, p.Role, p.CorporateNumber, p.SpecialistId, p.CreatedAt)).ToArray());
    }

    public static async Task<Results<Created<IssuedKeyResponse>, ProblemHttpResult>> IssueKey(
        Guid id, ClaimsPrincipal user, PrincipalStore principals, CancellationToken cancellationToken)
    {
        var key = await principals.IssueKeyAsync(id, Caller.From(user).Actor(), cancellationToken);
        return key is null
            ? Problems.NotFound("Principal")
            : TypedResults.Created($"/api/v1/principals/{id}/keys/{key.KeyId}", new IssuedKeyResponse(key.KeyId, key.Key));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        Guid id, Guid keyId, ClaimsPrincipal user, PrincipalStore principals, ApiKeyCache keys, CancellationToken cancellationToken)
    {
        var revoked = await principals.RevokeKeyAsync(id, keyId, Caller.From(user).Actor(), cancellationToken);
        // Refused here from now on; other instances refuse it once their cached answer expires (Assessor:Identity:KeyCacheMilliseconds).
        keys.Forget();
        return revoked ? TypedResults.NoContent() : Problems.NotFound("Key");
    }

    private static List<ValidationError> Validate(CreatePrincipalRequest request)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors.Add(new("$.name", ValidationText.NotEmpty));
        }

        if (request.Role is null || !Roles.All.Contains(request.Role))
        {
            errors.Add(new("$.role", ValidationText.OneOf(Roles.All)));
        }

        var isApplicant = request.Role == Roles.Applicant;
        if (isApplicant && !CorporateNumber.IsValid(request.CorporateNumber))
        {
            errors.Add(new("$.corporateNumber", new ValidationText(
                "An applicant needs a valid 13-digit corporate number.", "申請者には正しい 13 桁の法人番号が必要です。")));
        }
        else if (!isApplicant && request.CorporateNumber is not null)
        {
            errors.Add(new("$.corporateNumber", new ValidationText(
                "Only an applicant is bound to a corporate number.", "法人番号に結び付くのは申請者だけです。")));
        }

        var isSpecialist = request.Role == Roles.Specialist;
        if (isSpecialist && string.IsNullOrWhiteSpace(request.SpecialistId))
        {
            errors.Add(new("$.specialistId", new ValidationText(
                "A specialist must be bound to a registry entry.", "専門家は登録簿のエントリに結び付ける必要があります。")));
        }
        else if (!isSpecialist && request.SpecialistId is not null)
        {
            errors.Add(new("$.specialistId", new ValidationText(
                "Only a specialist is bound to a registry entry.", "登録簿のエントリに結び付くのは専門家だけです。")));
        }

        return errors;
    }
}
