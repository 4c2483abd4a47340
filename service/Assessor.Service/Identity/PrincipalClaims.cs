using System.Security.Claims;

namespace Assessor.Service.Identity;

/// <summary>The claims every endpoint reads (<see cref="Caller"/>), whichever way the principal signed in.</summary>
public static class PrincipalClaims
{
    /// <summary>The caller's claims, the same for API keys, OIDC tokens and the console's session (with its <paramref name="extra"/> claims).</summary>
    public static ClaimsPrincipal For(AuthenticatedKey principal, string scheme, params Claim[] extra)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, principal.PrincipalId.ToString("D")),
            new(ClaimTypes.Role, principal.Role),
            .. extra,
        ];
        if (principal.CorporateNumber is not null)
        {
            claims.Add(new Claim(AssessorClaims.CorporateNumber, principal.CorporateNumber));
        }

        if (principal.SpecialistId is { } specialistId)
        {
            claims.Add(new Claim(AssessorClaims.SpecialistId, specialistId.ToString("D")));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
