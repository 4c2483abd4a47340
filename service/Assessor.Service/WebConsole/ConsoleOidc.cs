using System.Security.Claims;
using Assessor.Service.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Assessor.Service.WebConsole;

/// <summary>
/// The console's sign-in through the configured OpenID Connect issuer: ASP.NET Core's OpenID Connect handler runs the
/// authorization code flow with PKCE (S256), <c>state</c> and <c>nonce</c>, and checks the id token; the identity is then
/// mapped to our principal exactly as a bearer token is (<see cref="OidcIdentities.PrincipalOfAsync"/>) and opens the
/// same cookie session as an API key (docs/console.md).
/// </summary>
public static class ConsoleOidc
{
    public const string Scheme = "ConsoleOidc";
    public const string CallbackPath = "/console/sign-in/oidc";

    /// <summary>The session's claims naming the identity it was opened with, re-checked on every request.</summary>
    public const string IssuerClaim = "assessor:oidc_issuer";
    public const string SubjectClaim = "assessor:oidc_subject";

    /// <summary>The sign-in page's <c>failed</c> values: the flow failed, or the identity maps to no principal.</summary>
    public const string Failed = "oidc";
    public const string Unmapped = "oidc-unmapped";

    public static IServiceCollection AddConsoleOidc(this IServiceCollection services)
    {
        // The scheme exists only when the console's client is configured: the handler runs on every request to look for
        // its callback, and an issuer-less handler would refuse to start. Nothing changes without the configuration.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddOptions<AuthenticationOptions>().Configure<IOptions<OidcOptions>>((authentication, oidc) =>
        {
            if (oidc.Value.ConsoleSignIn)
            {
                authentication.AddScheme<OpenIdConnectHandler>(Scheme, null);
            }
        });
        services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<OidcOptions>>((options, configured) => Configure(options, configured.Value));
        return services;
    }

    private static void Configure(OpenIdConnectOptions options, OidcOptions oidc)
    {
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ConsoleClientId;
        options.ClientSecret = oidc.ConsoleClientSecret;
        options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        options.CallbackPath = CallbackPath;
        options.SignInScheme = ConsoleSetup.Scheme;
        options.ResponseType = OpenIdConnectResponseType.Code;
        // The issuer sends the browser back with a GET: the correlation and nonce cookies can then be SameSite=Lax,
        // where a form post back from another site would need SameSite=None.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.MapInboundClaims = false;
        options.DisableTelemetry = true;
        options.Scope.Clear();
        options.Scope.Add(OpenIdConnectScope.OpenId);
        options.Scope.Add(OpenIdConnectScope.OpenIdProfile);
        foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Path = "/console";
        }

        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuers = oidc.Authority is null ? null : [oidc.Authority, oidc.Authority.TrimEnd('/')],
            ValidAudience = oidc.ConsoleClientId,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        options.Events = new OpenIdConnectEvents
        {
            OnTokenValidated = context => OpenSessionAsync(context, oidc),
            OnRemoteFailure = context =>
            {
                context.Response.Redirect($"/console/sign-in?failed={Failed}");
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>The session of the principal the identity acts as, with the API key session's claims and lifetime; no session for an identity that maps to none.</summary>
    private static async Task OpenSessionAsync(TokenValidatedContext context, OidcOptions oidc)
    {
        var services = context.HttpContext.RequestServices;
        var cancellationToken = context.HttpContext.RequestAborted;
        var identity = OidcIdentities.IdentityOf(context.Principal, context.SecurityToken, oidc);
        var principal = identity is null ? null
            : await OidcIdentities.PrincipalOfAsync(identity, context.Principal!, oidc, services.GetRequiredService<OidcIdentityStore>(), cancellationToken);
        if (identity is null || principal is null)
        {
            context.Response.Redirect($"/console/sign-in?failed={Unmapped}");
            context.HandleResponse();
            return;
        }

        context.Principal = PrincipalClaims.For(principal, ConsoleSetup.Scheme,
            new Claim(IssuerClaim, identity.Issuer), new Claim(SubjectClaim, identity.Subject));
        // As the key sign-in: a browser-session cookie whose ticket expires after the session's lifetime, whatever the id token's.
        context.Properties!.IsPersistent = false;
        context.Properties.ExpiresUtc = null;
        await Pages.SignInModel.KeepLanguageAsync(context.HttpContext, principal.PrincipalId);
    }

    /// <summary>Whether the identity a session was opened with still acts as the session's principal.</summary>
    public static async Task<bool> StillActsAsync(ClaimsPrincipal session, HttpContext context)
    {
        var oidc = context.RequestServices.GetRequiredService<IOptions<OidcOptions>>().Value;
        var issuer = session.FindFirst(IssuerClaim)?.Value;
        var subject = session.FindFirst(SubjectClaim)?.Value;
        if (!oidc.ConsoleSignIn || issuer is null || subject is null)
        {
            return false;
        }

        var principal = await context.RequestServices.GetRequiredService<OidcIdentityStore>().FindAsync(issuer, subject, context.RequestAborted);
        return principal is not null && principal.PrincipalId.ToString("D") == session.FindFirst(ClaimTypes.NameIdentifier)?.Value;
    }
}
