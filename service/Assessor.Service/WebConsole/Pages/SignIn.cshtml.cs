using Assessor.Service.Http;
using Assessor.Service.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>
/// Opens a session with an API key posted in a form (never in a URL), or, when configured, through the OpenID Connect issuer. A wrong key counts against the caller's address like a
/// failed bearer key, so the form is no faster a way to guess keys than the API.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(ApiKeyCache keys, FailedAuthenticationLimiter limiter, IOptions<OidcOptions> oidc) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>Why signing in through the issuer failed (<see cref="ConsoleOidc.Failed"/>, <see cref="ConsoleOidc.Unmapped"/>), set by its callback.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Failed { get; set; }

    /// <summary>The issuer's name on its sign-in button; null when the console does not sign in through an issuer.</summary>
    public string? Issuer => oidc.Value.ConsoleSignIn ? oidc.Value.IssuerName : null;

    public string? OidcError => Failed switch
    {
        ConsoleOidc.Unmapped => "No principal of this service is linked to that identity.",
        ConsoleOidc.Failed => "Signing in through the identity provider failed; try again.",
        _ => null,
    };

    public void OnGet()
    {
    }

    /// <summary>Starts the authorization code flow with the issuer; its callback opens the session and lands on the role's page or <see cref="ReturnUrl"/>.</summary>
    public IActionResult OnPostOidc() => Issuer is null
        ? NotFound()
        : Challenge(new AuthenticationProperties { RedirectUri = $"/console/signed-in?returnUrl={Uri.EscapeDataString(ConsoleSetup.InsideConsole(ReturnUrl, "/console"))}" },
            ConsoleOidc.Scheme);

    public async Task<IActionResult> OnPostAsync(string? key)
    {
        var client = FailedAuthenticationLimiter.ClientOf(HttpContext.Connection.RemoteIpAddress);
        if (client is not null && limiter.Refusal(client) is not null)
        {
            Error = "Too many failed sign-ins; try again later.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var hash = string.IsNullOrWhiteSpace(key) ? null : ApiKeys.Hash(key.Trim());
        var found = hash is null ? null : await keys.FindActiveKeyAsync(hash, HttpContext.RequestAborted);
        if (found is null)
        {
            if (client is not null)
            {
                limiter.CountFailure(client);
            }

            Error = "Unknown or revoked API key.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        var principal = PrincipalClaims.For(found, ConsoleSetup.Scheme, new System.Security.Claims.Claim(ConsoleSetup.KeyHashClaim, hash!));
        await HttpContext.SignInAsync(ConsoleSetup.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
        await KeepLanguageAsync(HttpContext, found.PrincipalId);
        return Redirect(ConsoleSetup.InsideConsole(ReturnUrl, IndexModel.HomeOf(found.Role)));
    }

    /// <summary>At sign-in, the language the user chose before, in whichever browser, wins over this browser's.</summary>
    public static async Task KeepLanguageAsync(HttpContext context, Guid principalId)
    {
        var principals = context.RequestServices.GetRequiredService<PrincipalStore>();
        if (await principals.LanguageOfAsync(principalId, context.RequestAborted) is { } language)
        {
            LanguageModel.Keep(context.Response, context.Request.IsHttps, language);
        }
    }
}
