using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Identity;

/// <summary>Authenticates <c>Authorization: Bearer &lt;api key&gt;</c> against the stored key hashes.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyCache keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must use the Bearer scheme.");
        }

        var key = header[BearerPrefix.Length..].Trim();
        var found = await keys.FindActiveKeyAsync(ApiKeys.Hash(key), Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(found.ToPrincipal(SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The body is written by the status-code pages as an RFC 9457 problem.
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

public static class AuthenticatedKeyClaims
{
    /// <summary>The caller's claims, the same for the API's bearer keys and the console's session (which signs in with a key).</summary>
    public static ClaimsPrincipal ToPrincipal(this AuthenticatedKey found, string scheme, params Claim[] extra)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, found.PrincipalId.ToString("D")),
            new(ClaimTypes.Role, found.Role),
            .. extra,
        ];
        if (found.CorporateNumber is not null)
        {
            claims.Add(new Claim(AssessorClaims.CorporateNumber, found.CorporateNumber));
        }

        if (found.SpecialistId is { } specialistId)
        {
            claims.Add(new Claim(AssessorClaims.SpecialistId, specialistId.ToString("D")));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
