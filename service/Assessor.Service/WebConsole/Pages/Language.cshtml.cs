using Assessor.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>
/// Keeps the chosen language in this browser for a year and, for a signed-in user, with the principal, so it follows them
/// to the next browser they sign in on; then goes back to the page it was chosen on.
/// </summary>
[AllowAnonymous]
public sealed class LanguageModel(PrincipalStore principals) : PageModel
{
    public IActionResult OnGet() => Redirect("/console");

    public async Task<IActionResult> OnPostAsync(string? lang, string? returnUrl)
    {
        if (lang is "ja" or "en")
        {
            Keep(Response, Request.IsHttps, lang);
            if (User.Identity?.IsAuthenticated == true)
            {
                await principals.SetLanguageAsync(Caller.From(User).Id, lang, HttpContext.RequestAborted);
            }
        }

        return Redirect(ConsoleSetup.InsideConsole(returnUrl, "/console"));
    }

    /// <summary>Sets the browser's language cookie.</summary>
    public static void Keep(HttpResponse response, bool https, string lang) =>
        response.Cookies.Append(ConsoleText.LanguageCookie, lang, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = https,
            MaxAge = TimeSpan.FromDays(365),
            Path = "/console",
        });
}
