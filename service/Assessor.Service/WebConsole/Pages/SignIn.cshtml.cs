using Assessor.Service.Http;
using Assessor.Service.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>
/// Opens a session with an API key posted in a form (never in a URL). A wrong key counts against the caller's address like a
/// failed bearer key, so the form is no faster a way to guess keys than the API.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(ApiKeyCache keys, FailedAuthenticationLimiter limiter, PrincipalStore principals) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

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
        // The language the user chose before, in whichever browser, wins over this browser's.
        if (await principals.LanguageOfAsync(found.PrincipalId, HttpContext.RequestAborted) is { } language)
        {
            LanguageModel.Keep(Response, Request.IsHttps, language);
        }

        return Redirect(ConsoleSetup.InsideConsole(ReturnUrl, IndexModel.HomeOf(found.Role)));
    }
}
