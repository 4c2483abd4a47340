using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>Keeps the chosen language for a year and goes back to the page it was chosen on.</summary>
[AllowAnonymous]
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => Redirect("/console");

    public IActionResult OnPost(string? lang, string? returnUrl)
    {
        if (lang is "ja" or "en")
        {
            Response.Cookies.Append(ConsoleText.LanguageCookie, lang, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
                Path = "/console",
            });
        }

        return Redirect(ConsoleSetup.InsideConsole(returnUrl, "/console"));
    }
}
