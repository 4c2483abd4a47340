using System.Security.Claims;
using Assessor.Domain.Attestations;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Service.Http;
using Assessor.Service.Identity;
using Assessor.Service.Log;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.Specialists;

/// <summary>An attestor to add to the registry: a security specialist, or a certified support organisation.</summary>
/// <param name="RegistrationNumber">
/// For a RISS, the six-digit registration number, zero-padded (e.g. <c>011172</c>); for an IT Coordinator, their
/// certification number (<c>ITC-YYYY-NNNN</c>); for a support organisation, its certification number as issued (e.g.
/// <c>106213000812</c>), at most 32 characters. Unique in the registry: a number already registered is a 409.
/// </param>
/// <param name="Kind">
/// <c>riss</c> (registered Information Security Specialist, 登録セキスペ), <c>it-coordinator</c> (ITコーディネータ, for SMEs'
/// plans only) or <c>support-organisation</c> (認定経営革新等支援機関, which confirms Monozukuri plans).
/// </param>
/// <param name="Name">The specialist's or the organisation's name; not blank.</param>
/// <param name="EmployerCorporateNumber">
/// The 13-digit corporate number of the specialist's employer, or of the support organisation itself: an attestor cannot
/// sign off a plan of that company, nor a consortium plan it takes part in.
/// </param>
/// <param name="ValidFrom">The date of (re)registration (<c>YYYY-MM-DD</c>, 2000-01-01 to 2200-12-31): the first day the registration is valid.</param>
/// <param name="ValidUntil">
/// The last day the registration is valid (<c>YYYY-MM-DD</c>), not before <c>validFrom</c>. For a RISS at most three
/// years from <c>validFrom</c> less a day, which is also the default when omitted; required for an IT Coordinator and a
/// support organisation.
/// </param>
public sealed record CreateSpecialistRequest(
    string? RegistrationNumber, string? Kind, string? Name, string? EmployerCorporateNumber, DateOnly? ValidFrom, DateOnly? ValidUntil);

/// <summary>A public key the specialist signs sign-offs with.</summary>
/// <param name="PublicKeyPem">
/// The public key as PEM SubjectPublicKeyInfo (<c>-----BEGIN PUBLIC KEY-----</c>); ECDSA P-256 only, and a private key
/// is refused. A key registered to anyone already is a 409.
/// </param>
public sealed record AddSpecialistKeyRequest(string? PublicKeyPem);

/// <summary>A specialist's registered public key.</summary>
/// <param name="KeyId">The key's id: the lower-case hex SHA-256 of its DER SubjectPublicKeyInfo; signatures name it as <c>keyid</c>.</param>
/// <param name="CreatedAt">When the key was registered (ISO-8601, UTC).</param>
/// <param name="RevokedAt">When the key was revoked; absent while it is valid. A revoked key's signatures are refused.</param>
public sealed record SpecialistKeyView(string KeyId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A specialist in the registry.</summary>
/// <param name="Id">The registry id; a specialist principal is bound to it (<c>specialistId</c>).</param>
/// <param name="RegistrationNumber">The RISS registration number (six digits) or the IT Coordinator's number; plans name their specialist by it.</param>
/// <param name="Kind"><c>riss</c>, <c>it-coordinator</c> or <c>support-organisation</c>.</param>
/// <param name="Name">The specialist's or the organisation's name.</param>
/// <param name="EmployerCorporateNumber">The employer's (a support organisation's own) 13-digit corporate number, for the conflict-of-interest check.</param>
/// <param name="ValidFrom">First day the registration is valid (<c>YYYY-MM-DD</c>).</param>
/// <param name="ValidUntil">Last day the registration is valid (<c>YYYY-MM-DD</c>); a sign-off counts only if the registration is valid on the signing day in Japan.</param>
/// <param name="RevokedAt">When the registration was revoked; absent unless revoked. A revoked specialist sees no plans and cannot sign off.</param>
/// <param name="CreatedAt">When the specialist was registered here (ISO-8601, UTC).</param>
/// <param name="Keys">The specialist's public keys, revoked ones included: present for one specialist (empty right after registration), absent in the list.</param>
public sealed record SpecialistView(
    Guid Id,
    string RegistrationNumber,
    string Kind,
    string Name,
    string EmployerCorporateNumber,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    DateTimeOffset? RevokedAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<SpecialistKeyView>? Keys = null);

/// <summary>The registry of attestors (RISS and, for SMEs, IT Coordinators; support organisations) and their signing keys.</summary>
public static class SpecialistsApi
{
    private static readonly DateOnly EarliestDate = new(2000, 1, 1);
    private static readonly DateOnly LatestDate = new(2200, 12, 31);

    /// <summary>The registration_number column's width is the bound (IT Coordinator numbers are shorter by format).</summary>
    private const int MaxCertificationNumber = 32;

    public static IServiceCollection AddSpecialists(this IServiceCollection services) => services.AddSingleton<SpecialistStore>();

    public static RouteGroupBuilder MapSpecialists(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/specialists").WithTags("Specialists").RequireAuthorization(Roles.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/", CreateSpecialist).WithName("CreateSpecialist").WithSummary("Register a specialist");
        group.MapGet("/", ListSpecialists).WithName("ListSpecialists").WithSummary("The registry, by registration number");
        group.MapGet("/{id:guid}", GetSpecialist).WithName("GetSpecialist").WithSummary("One specialist with their keys");
        group.MapPost("/{id:guid}/revoke", RevokeSpecialist).WithName("RevokeSpecialist").WithSummary("Revoke a registration from now on");
        group.MapPost("/{id:guid}/keys", AddKey).WithName("AddSpecialistKey").WithSummary("Register a public key (PEM SPKI, ECDSA P-256)");
        group.MapDelete("/{id:guid}/keys/{keyId}", RevokeKey).WithName("RevokeSpecialistKey").WithSummary("Revoke a public key");
        return group;
    }

    public static async Task<Results<Created<SpecialistView>, ProblemHttpResult>> CreateSpecialist(
        CreateSpecialistRequest request, ClaimsPrincipal user, SpecialistStore specialists, CancellationToken cancellationToken)
    {
        // One spelling per number: full-width digits, compatibility forms and stray spaces cannot make look-alike entries.
        request = request with { RegistrationNumber = request.RegistrationNumber is { } number ? Identifiers.Normalize(number) : null };
        var errors = Validate(request, out var kind);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var validFrom = request.ValidFrom!.Value;
        // Only a RISS may omit validUntil (validation insists for IT Coordinators): three years, the statutory term.
        var validUntil = Registration.TermEnd(validFrom, request.ValidUntil);
        var created = await specialists.CreateAsync(new SpecialistRow(Guid.Empty, request.RegistrationNumber!, request.Kind!, request.Name!.Trim(),
            request.EmployerCorporateNumber!, validFrom, validUntil, null, default), Caller.From(user).Actor(), cancellationToken);
        return created is null
            ? Problems.Create(StatusCodes.Status409Conflict, "registration-exists", "That registration number is already registered")
            : TypedResults.Created($"/api/v1/specialists/{created.Id}", created.AsView([]));
    }

    public static async Task<Ok<SpecialistView[]>> ListSpecialists(SpecialistStore specialists, CancellationToken cancellationToken) =>
        TypedResults.Ok((await specialists.ListAsync(cancellationToken)).Select(s => s.AsView(null)).ToArray());

    public static async Task<Results<Ok<SpecialistView>, ProblemHttpResult>> GetSpecialist(
        Guid id, SpecialistStore specialists, CancellationToken cancellationToken)
    {
        var specialist = await specialists.GetAsync(id, cancellationToken);
        return specialist is null
            ? Problems.NotFound("Specialist")
            : TypedResults.Ok(specialist.AsView(await specialists.KeysAsync(id, cancellationToken)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeSpecialist(
        Guid id, ClaimsPrincipal user, SpecialistStore specialists, CancellationToken cancellationToken) =>
        await specialists.RevokeAsync(id, Caller.From(user).Actor(), cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("Specialist");

    public static async Task<Results<Created<SpecialistKeyView>, ProblemHttpResult>> AddKey(
        Guid id, AddSpecialistKeyRequest request, ClaimsPrincipal user, SpecialistStore specialists, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var key = KeyIds.TryImportP256PublicKey(request.PublicKeyPem ?? "", out var reason);
        if (key is null)
        {
            return Problems.Validation("$.publicKeyPem", reason!);
        }

        var keyId = KeyIds.Of(key);
        // Store a normalised PEM of exactly the SPKI the key id was computed from.
        var pem = key.ExportSubjectPublicKeyInfoPem();
        return await specialists.AddKeyAsync(id, keyId, pem, Caller.From(user).Actor(), cancellationToken) switch
        {
            SpecialistStore.AddKeyOutcome.Added => TypedResults.Created($"/api/v1/specialists/{id}/keys/{keyId}", new SpecialistKeyView(keyId, clock.GetUtcNow(), null)),
            SpecialistStore.AddKeyOutcome.KeyTaken => Problems.Create(StatusCodes.Status409Conflict, "key-exists", "That public key is already registered"),
            _ => Problems.NotFound("Specialist"),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        Guid id, string keyId, ClaimsPrincipal user, SpecialistStore specialists, CancellationToken cancellationToken) =>
        await specialists.RevokeKeyAsync(id, keyId, Caller.From(user).Actor(), cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("Key");

    private static SpecialistView AsView(this SpecialistRow row, IReadOnlyList<SpecialistKeyRow>? keys) =>
        new(row.Id, row.RegistrationNumber, row.Kind, row.Name, row.EmployerCorporateNumber, row.ValidFrom, row.ValidUntil, row.RevokedAt, row.CreatedAt,
            keys?.Select(k => new SpecialistKeyView(k.KeyId, k.CreatedAt, k.RevokedAt)).ToList());

    private static List<ValidationError> Validate(CreateSpecialistRequest request, out SpecialistKind? kind)
    {
        var errors = new List<ValidationError>();
        kind = WireNames<SpecialistKind>.TryParse(request.Kind, out var parsed) ? parsed : null;
        if (kind is null)
        {
            errors.Add(new("$.kind", ValidationText.OneOf(WireNames<SpecialistKind>.All.Select(k => $"'{k}'"))));
        }

        if (kind == SpecialistKind.Riss && !Identifiers.IsRissNumber(request.RegistrationNumber))
        {
            errors.Add(new("$.registrationNumber", ValidationText.RissNumber));
        }
        else if (kind == SpecialistKind.ItCoordinator && !Identifiers.IsItCoordinatorNumber(request.RegistrationNumber))
        {
            errors.Add(new("$.registrationNumber", new ValidationText(
                $"An IT Coordinator's number is {Identifiers.ItCoordinatorFormat}, e.g. ITC-2019-0001.", $"ITコーディネータの番号は {Identifiers.ItCoordinatorFormatJa} です（例: ITC-2019-0001）。")));
        }
        else if (string.IsNullOrWhiteSpace(request.RegistrationNumber))
        {
            errors.Add(new("$.registrationNumber", ValidationText.Required));
        }
        else if (kind == SpecialistKind.SupportOrganisation && request.RegistrationNumber.Length > MaxCertificationNumber)
        {
            errors.Add(new("$.registrationNumber", new ValidationText(
                $"A support organisation's certification number is at most {MaxCertificationNumber} characters.",
                $"認定経営革新等支援機関の認定番号は {MaxCertificationNumber} 文字以内です。")));
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors.Add(new("$.name", ValidationText.NotEmpty));
        }
        else if (Identifiers.HasBidiControl(request.Name))
        {
            errors.Add(new("$.name", ValidationText.BidiControls));
        }

        if (!CorporateNumber.IsValid(request.EmployerCorporateNumber))
        {
            errors.Add(new("$.employerCorporateNumber", new ValidationText(
                "Must be a valid 13-digit corporate number (used for conflict-of-interest checks).", "正しい 13 桁の法人番号を指定してください（利益相反の確認に使います）。")));
        }

        // RISS began in 2017; a bound keeps the date arithmetic below far from DateOnly's limits.
        foreach (var (path, date) in new[] { ("$.validFrom", request.ValidFrom), ("$.validUntil", request.ValidUntil) })
        {
            if (date is { } d && (d < EarliestDate || d > LatestDate))
            {
                errors.Add(new(path, new ValidationText(
                    $"Must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.", $"{EarliestDate:yyyy-MM-dd} から {LatestDate:yyyy-MM-dd} までの日付を指定してください。")));
            }
        }

        if (errors.Any(e => e.Path is "$.validFrom" or "$.validUntil"))
        {
            return errors;
        }

        if (request.ValidFrom is null)
        {
            errors.Add(new("$.validFrom", new ValidationText("Required: the date of (re)registration.", "必須です。登録（更新）の日付を指定してください。")));
        }
        else if (Registration.TermProblem(kind, request.ValidFrom.Value, request.ValidUntil) is { } problem)
        {
            errors.Add(new("$.validUntil", problem));
        }

        return errors;
    }
}
