using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>
/// Where the issuer's callback lands after opening a session. The browser arrived through a chain of redirects that began at
/// the issuer, another site, so it does not send the SameSite=Strict session cookie yet; this page moves on by itself
/// (a <c>Refresh</c>, no script) with a request this site starts, which carries the cookie.
/// </summary>
[AllowAnonymous]
public sealed class SignedInModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Next => ConsoleSetup.InsideConsole(ReturnUrl, "/console");

    public void OnGet() => Response.Headers["Refresh"] = $"0; url={Next}";
}
