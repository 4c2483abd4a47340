namespace Assessor.Service.Identity;

/// <summary>
/// Sign-in with an OpenID Connect issuer (<c>Assessor:Oidc</c>): besides API keys, the API accepts JWT bearer tokens the
/// issuer signed for <see cref="Audience"/>, from the identities an admin linked to principals. Off while
/// <see cref="Authority"/> is unset.
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

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
