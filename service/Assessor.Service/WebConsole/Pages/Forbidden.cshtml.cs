using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>Where a signed-in user lands on a page their role may not open; answered with 403.</summary>
[AllowAnonymous]
public sealed class ForbiddenModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
