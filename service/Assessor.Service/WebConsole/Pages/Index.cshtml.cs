using Assessor.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>The console's entry: each role's own start page.</summary>
[Authorize(AuthenticationSchemes = ConsoleSetup.Scheme)]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect(HomeOf(Caller.From(User).Role));

    public static string HomeOf(string role) => role switch
    {
        Roles.Reviewer => "/console/queue",
        Roles.Applicant => "/console/my-plans",
        Roles.Specialist => "/console/assigned",
        _ => "/console/admin",
    };
}
