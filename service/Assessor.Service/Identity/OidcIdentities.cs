using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Assessor.Domain.Log;
using Assessor.Service.Http;
using Assessor.Service.Log;
using Assessor.Service.Storage;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Assessor.Service.Identity;

/// <summary>An identity at the OpenID Connect issuer to link to a principal.</summary>
/// <param name="Subject">The identity's subject at the issuer (the value of the configured subject claim, <c>sub</c> by default).</param>
public sealed record LinkIdentityRequest(string? Subject);

/// <summary>An identity at the OpenID Connect issuer, linked to a principal: its tokens act as that principal.</summary>
/// <param name="Issuer">The issuer, as configured (<c>Assessor:Oidc:Authority</c>).</param>
/// <param name="Subject">The identity's subject at the issuer.</param>
/// <param name="PrincipalId">The principal its tokens act as.</param>
/// <param name="LinkedAt">When it was linked (ISO-8601, UTC).</param>
public sealed record LinkedIdentityView(string Issuer, string Subject, Guid PrincipalId, DateTimeOffset LinkedAt);

/// <summary>
/// OpenID Connect sign-in: JWT bearer tokens of the configured issuer, each from an identity an admin linked to an
/// existing principal (its role, corporate number and specialist entry are the principal's, never the token's), or,
/// with a claim mapping, from an identity provisioned as a principal from its first token's claims (docs/oidc.md).
/// </summary>
public static class OidcIdentities
{
    public const string SchemeName = "Oidc";

    /// <summary>The scheme every request is authenticated with: a JWT goes to the issuer's validation, anything else is an API key.</summary>
    public const string SelectorScheme = "ApiKeyOrOidc";

    public static AuthenticationBuilder AddOidc(this AuthenticationBuilder authentication)
    {
        authentication.Services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.Section)
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.Audience), $"{OidcOptions.Section}:Audience must be set with {OidcOptions.Section}:Authority.")
            .Validate(o => o.RoleMap.Values.All(OidcOptions.MappableRoles.Contains),
                $"{OidcOptions.Section}:RoleMap may map to {string.Join(" or ", OidcOptions.MappableRoles)} only.")
            .Validate(o => o.RoleMap.Count == 0 || !string.IsNullOrWhiteSpace(o.RoleClaim), $"{OidcOptions.Section}:RoleMap needs {OidcOptions.Section}:RoleClaim.")
            .Validate(o => !o.RoleMap.ContainsValue(Roles.Applicant) || !string.IsNullOrWhiteSpace(o.CorporateNumberClaim),
                $"{OidcOptions.Section}:RoleMap maps to applicant: {OidcOptions.Section}:CorporateNumberClaim must name the claim with the corporate number.")
            .ValidateOnStart();
        authentication.Services.AddOptions<JwtBearerOptions>(SchemeName).Configure<IOptions<OidcOptions>>((jwt, configured) =>
        {
            var oidc = configured.Value;
            jwt.Authority = oidc.Authority;
            jwt.Audience = oidc.Audience;
            jwt.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = oidc.Authority?.TrimEnd('/'),
                ValidIssuers = oidc.Authority is null ? null : [oidc.Authority, oidc.Authority.TrimEnd('/')],
                ValidateAudience = true,
                ValidateLifetime = true,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
            jwt.Events = new JwtBearerEvents { OnTokenValidated = context => ActAsLinkedPrincipalAsync(context, oidc) };
        });
        authentication.AddJwtBearer(SchemeName, _ => { });
        authentication.AddPolicyScheme(SelectorScheme, "API key or OpenID Connect token", policy => policy.ForwardDefaultSelector = context =>
            context.RequestServices.GetRequiredService<IOptions<OidcOptions>>().Value.Enabled && LooksLikeJwt(context.Request.Headers.Authorization)
                ? SchemeName
                : ApiKeyAuthenticationHandler.SchemeName);
        authentication.Services.AddSingleton<OidcIdentityStore>();
        return authentication;
    }

    public static void MapOidcIdentities(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/principals/{id:guid}/oidc-identities", Link).WithTags("Identity").RequireAuthorization(Roles.Admin)
            .WithName("LinkOidcIdentity").WithSummary("Link an identity at the OpenID Connect issuer to a principal")
            .WithDescription("From then on, a JWT the configured issuer signed for the service's audience, whose subject claim is `subject`, "
                + "acts as this principal (its role and corporate number). See docs/oidc.md.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Created<LinkedIdentityView>, ProblemHttpResult>> Link(
        Guid id, LinkIdentityRequest request, ClaimsPrincipal user, IOptions<OidcOptions> options, OidcIdentityStore identities, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return Problems.Create(StatusCodes.Status409Conflict, "oidc-not-configured", "No OpenID Connect issuer is configured",
                $"Set {OidcOptions.Section}:Authority and {OidcOptions.Section}:Audience first.");
        }

        if (string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > 255)
        {
            return Problems.Validation("$.subject", new(
                "Required: the identity's subject at the issuer, at most 255 characters.", "必須です。発行者におけるその ID の subject を 255 文字以内で指定してください。"));
        }

        var issuer = options.Value.Authority!.TrimEnd('/');
        return await identities.LinkAsync(issuer, request.Subject, id, Caller.From(user).Actor(), cancellationToken) switch
        {
            { } linked => TypedResults.Created($"/api/v1/principals/{id}", linked),
            null when !await identities.PrincipalExistsAsync(id, cancellationToken) => Problems.NotFound("Principal"),
            _ => Problems.Create(StatusCodes.Status409Conflict, "identity-linked", "The identity is already linked",
                "An identity acts as one principal only."),
        };
    }

    /// <summary>Three base64url parts separated by dots; API keys never contain a dot.</summary>
    private static bool LooksLikeJwt(string? authorization) =>
        authorization is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Count(c => c == '.') == 2;

    private static async Task ActAsLinkedPrincipalAsync(TokenValidatedContext context, OidcOptions oidc)
    {
        if (IdentityOf(context.Principal, context.SecurityToken, oidc) is not { } identity)
        {
            context.Fail("The token names no identity.");
            return;
        }

        var store = context.HttpContext.RequestServices.GetRequiredService<OidcIdentityStore>();
        if (await PrincipalOfAsync(identity, context.Principal!, oidc, store, context.HttpContext.RequestAborted) is not { } principal)
        {
            context.Fail("The identity is not linked and its claims map to no principal.");
            return;
        }

        context.Principal = PrincipalClaims.For(principal, SchemeName);
    }

    /// <summary>The identity a validated token (a bearer token or the console's id token) names, or null when it names none.</summary>
    public static OidcIdentity? IdentityOf(ClaimsPrincipal? token, SecurityToken? securityToken, OidcOptions oidc)
    {
        var subject = token?.FindFirst(oidc.SubjectClaim)?.Value;
        var issuer = (securityToken as Microsoft.IdentityModel.JsonWebTokens.JsonWebToken)?.Issuer ?? (securityToken as JwtSecurityToken)?.Issuer;
        return subject is null || issuer is null ? null : new OidcIdentity(issuer.TrimEnd('/'), subject);
    }

    /// <summary>
    /// The principal an identity acts as: the one an admin linked it to, else, with a claim mapping, the one its claims
    /// provision (once); null when neither.
    /// </summary>
    public static async Task<AuthenticatedKey?> PrincipalOfAsync(
        OidcIdentity identity, ClaimsPrincipal token, OidcOptions oidc, OidcIdentityStore store, CancellationToken cancellationToken)
    {
        // A link an admin made wins over any claim; claims are read only for an identity nobody linked yet.
        var principal = await store.FindAsync(identity.Issuer, identity.Subject, cancellationToken);
        if (principal is null && oidc.Provisions && ProvisionFrom(token, identity.Subject, oidc) is { } provision)
        {
            principal = await store.ProvisionAsync(identity.Issuer, identity.Subject, provision, cancellationToken)
                ?? await store.FindAsync(identity.Issuer, identity.Subject, cancellationToken);
        }

        return principal;
    }

    /// <summary>
    /// The principal a token's claims describe: exactly one mapped role, and for an applicant a valid corporate number;
    /// null for anything else (no mapped role, two different ones, a missing or invalid corporate number).
    /// </summary>
    private static ProvisionedPrincipal? ProvisionFrom(ClaimsPrincipal token, string subject, OidcOptions oidc)
    {
        var roles = token.FindAll(oidc.RoleClaim!).Select(c => oidc.RoleMap.GetValueOrDefault(c.Value)).OfType<string>().Distinct().ToList();
        if (roles is not [var role])
        {
            return null;
        }

        var corporateNumber = role == Roles.Applicant ? token.FindFirst(oidc.CorporateNumberClaim!)?.Value : null;
        if (role == Roles.Applicant && !Domain.Plans.CorporateNumber.IsValid(corporateNumber))
        {
            return null;
        }

        var name = token.FindFirst(oidc.NameClaim)?.Value?.Trim();
        return new ProvisionedPrincipal(string.IsNullOrEmpty(name) ? subject : name[..Math.Min(name.Length, MaxNameLength)], role, corporateNumber);
    }

    /// <summary>The longest display name kept from a token.</summary>
    private const int MaxNameLength = 200;
}

/// <summary>An identity at an OpenID Connect issuer: the issuer (without a trailing slash) and the subject there.</summary>
public sealed record OidcIdentity(string Issuer, string Subject);

/// <summary>A principal described by a token's claims, before it exists.</summary>
public sealed record ProvisionedPrincipal(string Name, string Role, string? CorporateNumber);

public sealed class OidcIdentityStore(IDatabase database, AuditLog log, TimeProvider clock)
{
    public async Task<AuthenticatedKey?> FindAsync(string issuer, string subject, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AuthenticatedKey>(new CommandDefinition(
            """
            SELECT p.id AS PrincipalId, p.role AS Role, p.corporate_number AS CorporateNumber, p.specialist_id AS SpecialistId
            FROM oidc_identities i JOIN principals p ON p.id = i.principal_id
            WHERE i.issuer = @issuer AND i.subject = @subject
            """,
            new { issuer, subject },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> PrincipalExistsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM principals WHERE id = @id", new { id }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// A new principal for the identity, linked to it, with its <c>principal.provisioned</c> event, in one transaction; null
    /// when the identity got linked meanwhile (a concurrent first request), whose principal then stands.
    /// </summary>
    public async Task<AuthenticatedKey?> ProvisionAsync(string issuer, string subject, ProvisionedPrincipal provision, CancellationToken cancellationToken)
    {
        var principal = new PrincipalRow(Guid.NewGuid(), provision.Name, provision.Role, provision.CorporateNumber, null, clock.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await PrincipalStore.InsertAsync(connection, transaction, principal, cancellationToken);
        var linked = await database.UnlessDuplicateAsync(() => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO oidc_identities (issuer, subject, principal_id, linked_at)
            SELECT @issuer, @subject, @Id, @CreatedAt WHERE NOT EXISTS (SELECT 1 FROM oidc_identities WHERE issuer = @issuer AND subject = @subject)
            """,
            new { issuer, subject, principal.Id, principal.CreatedAt },
            transaction,
            cancellationToken: cancellationToken)));
        if (linked == 0)
        {
            return null;
        }

        // The identity acts for itself: the event's actor is the principal it became.
        await log.AppendAsync(connection, transaction, new LogEntry(LogActions.PrincipalProvisioned, new LogActor(principal.Id, principal.Role),
            new LogSubject("principal", principal.Id.ToString("D")), principal.CreatedAt,
            Details: new Dictionary<string, string> { ["role"] = principal.Role, ["issuer"] = issuer, ["subject"] = subject }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AuthenticatedKey(principal.Id, principal.Role, principal.CorporateNumber, null);
    }

    /// <summary>The link, or null when the principal does not exist or the identity is linked already.</summary>
    public async Task<LinkedIdentityView?> LinkAsync(string issuer, string subject, Guid principalId, LogActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await database.UnlessDuplicateAsync(() => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO oidc_identities (issuer, subject, principal_id, linked_at)
            SELECT @issuer, @subject, @principalId, @now
            WHERE EXISTS (SELECT 1 FROM principals WHERE id = @principalId)
              AND NOT EXISTS (SELECT 1 FROM oidc_identities WHERE issuer = @issuer AND subject = @subject)
            """,
            new { issuer, subject, principalId, now },
            transaction,
            cancellationToken: cancellationToken)));
        if (inserted == 0)
        {
            return null;
        }

        await log.AppendAsync(connection, transaction, new LogEntry(LogActions.PrincipalIdentityLinked, actor, new LogSubject("principal", principalId.ToString("D")), now,
            Details: new Dictionary<string, string> { ["issuer"] = issuer, ["subject"] = subject }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LinkedIdentityView(issuer, subject, principalId, now);
    }
}
