using Assessor.Service.Http;
using Assessor.Service.Identity;
using Assessor.Service.Plans;
using Assessor.Service.Reports;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Assessor.Service.WebConsole;

/// <summary>
/// The web console under <c>/console</c>: Razor Pages rendered on the server, signed in with an API key into a cookie
/// session, authorized by the API's own role policies and data scopes (the pages call the API's handlers).
/// </summary>
public static class ConsoleSetup
{
    public const string Scheme = "Console";
    public const string ByPathScheme = "ApiKeyOrConsole";
    public const string SessionCookie = "assessor-console";
    public const string KeyHashClaim = "assessor:key_hash";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddRazorPages(options => options.RootDirectory = "/WebConsole/Pages");
        services.AddHttpContextAccessor();
        // Japanese text is written as characters, not as numeric character references (Razor's encoder escapes
        // everything outside Basic Latin by default); markup characters are still escaped.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<ConsoleText>();
        services.AddSingleton<ConsoleQueries>();
        services.AddScoped<Pages.PlanPageServices>().AddScoped<Pages.DecisionServices>().AddScoped<Pages.RunServices>()
            .AddScoped<Pages.SignOffServices>().AddScoped<Pages.SelfCheckServices>();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "assessor-console-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__csrf";
        });
        // Under /console the session is the user (so antiforgery tokens and the layout see the same user on every page,
        // anonymous ones included); everywhere else the bearer credential (API key or OpenID Connect token) is, exactly as before.
        services.AddAuthentication(options => options.DefaultScheme = ByPathScheme)
            .AddPolicyScheme(ByPathScheme, null, options => options.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/console") ? Scheme : OidcIdentities.SelectorScheme)
            .AddCookie(Scheme, options =>
        {
            options.Cookie.Name = SessionCookie;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request came over HTTPS; a plain-HTTP development service would otherwise never keep a session.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = SessionLifetime;
            options.SlidingExpiration = false;
            options.LoginPath = "/console/sign-in";
            options.LogoutPath = "/console/sign-out";
            options.AccessDeniedPath = "/console/forbidden";
            options.ReturnUrlParameter = "returnUrl";
            options.Events.OnValidatePrincipal = ValidateSessionAsync;
            // .NET answers 401/403 instead of redirecting for endpoints it takes for APIs, the console's downloads among them;
            // this scheme serves only the console, where a link opened without a session belongs on the sign-in page.
            options.Events.OnRedirectToLogin = Redirect;
            options.Events.OnRedirectToAccessDenied = Redirect;
        });
        services.AddConsoleOidc();
        return services;
    }

    /// <summary>The pages, the stylesheet, and the downloads (the API's own report and revision handlers, under the session).</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapRazorPages().WithMetadata(new ConsolePageMetadata());
        var console = app.MapGroup("/console").ExcludeFromDescription()
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = Scheme });
        console.MapGet("/console.css", () => TypedResults.Text(ConsoleStyles.Css, "text/css; charset=utf-8"))
            .AllowAnonymous().AddEndpointFilter(async (invocation, next) =>
            {
                invocation.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
                return await next(invocation);
            });
        console.MapGet("/plans/{id:guid}/report", ReportsApi.GetReport);
        console.MapGet("/plans/{id:guid}/revisions/{number:long}", PlansApi.GetRevision);
        console.MapGet("/runs/{id:guid}/statement", Attestations.AttestationsApi.GetStatement)
            .RequireAuthorization(Roles.Specialist).AddEndpointFilter(Attestations.AttestationsApi.RequireActiveRegistrationAsync);
        return app;
    }

    /// <summary>
    /// <paramref name="url"/> when it is a path inside the console, else <paramref name="fallback"/>: an open redirect would let
    /// a link send a fresh session anywhere.
    /// </summary>
    public static string InsideConsole(string? url, string fallback) =>
        url is { } path && path.StartsWith("/console", StringComparison.Ordinal) && !path.StartsWith("//", StringComparison.Ordinal) ? path : fallback;

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Each request re-checks what the session was opened with: the key (revoking it ends its sessions too), or the identity
    /// at the issuer (it must still be linked to the session's principal).
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var hash = context.Principal?.FindFirst(KeyHashClaim)?.Value;
        var keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeyCache>();
        var active = hash is not null
            ? await keys.FindActiveKeyAsync(hash, context.HttpContext.RequestAborted) is not null
            : context.Principal is { } session && await ConsoleOidc.StillActsAsync(session, context.HttpContext);
        if (!active)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
