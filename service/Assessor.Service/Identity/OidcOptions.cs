namespace Assessor.Service.Identity;

/// <summary>
/// Sign-in with an OpenID Connect issuer (<c>Assessor:Oidc</c>): besides API keys, the API accepts JWT bearer tokens the
/// issuer signed for <see cref="Audience"/>, from the identities an admin linked to principals, and, with a claim mapping
/// (<see cref="RoleClaim"/>, <see cref="RoleMap"/>), from identities whose claims name a role: those are provisioned as
/// principals at their first token. Off while <see cref="Authority"/> is unset.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Assessor:Oidc";

    /// <summary>The issuer's URL: its discovery document is at <c>/.well-known/openid-configuration</c> below it, and tokens must name it as <c>iss</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for (<c>aud</c>), e.g. the service's client id at the issuer.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that names the identity at the issuer; <c>sub</c> unless configured.</summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>False only for an issuer on the same machine in development and tests: the discovery document is then fetched over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim that carries the identity's roles at the issuer (a string or an array of strings), e.g. <c>roles</c>.</summary>
    public string? RoleClaim { get; set; }

    /// <summary>
    /// A value of <see cref="RoleClaim"/> → our role, <c>applicant</c> or <c>reviewer</c> only (an admin is made by an admin,
    /// a specialist needs a registry entry): an identity nobody linked whose token carries exactly one mapped role is provisioned.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The claim with the company's 13-digit corporate number (gBizID carries one), required for a provisioned applicant.</summary>
    public string? CorporateNumberClaim { get; set; }

    /// <summary>The claim with a provisioned principal's display name; the subject when the token has none.</summary>
    public string NameClaim { get; set; } = "name";

    /// <summary>The console's client id at the issuer: with it, the console's sign-in page offers signing in through the issuer.</summary>
    public string? ConsoleClientId { get; set; }

    /// <summary>The console client's secret at the issuer, for an issuer that wants one besides PKCE; none for a public client.</summary>
    public string? ConsoleClientSecret { get; set; }

    /// <summary>The issuer's name on the console's sign-in button; the authority's host when unset.</summary>
    public string? DisplayName { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>Whether the console signs in through the issuer (authorization code with PKCE).</summary>
    public bool ConsoleSignIn => Enabled && !string.IsNullOrWhiteSpace(ConsoleClientId);

    public string IssuerName => string.IsNullOrWhiteSpace(DisplayName) && Uri.TryCreate(Authority, UriKind.Absolute, out var authority) ? authority.Host : DisplayName ?? "";

    /// <summary>Whether an identity nobody linked may become a principal through its claims.</summary>
    public bool Provisions => Enabled && !string.IsNullOrWhiteSpace(RoleClaim) && RoleMap.Count > 0;

    /// <summary>The roles a claim may map to.</summary>
    public static readonly IReadOnlySet<string> MappableRoles = new HashSet<string>(StringComparer.Ordinal) { Roles.Applicant, Roles.Reviewer };
}
