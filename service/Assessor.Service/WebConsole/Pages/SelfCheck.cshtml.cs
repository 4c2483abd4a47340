using Assessor.Service.Identity;
using Assessor.Service.SelfChecks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>The applicant's security self-check (★★): every item answered with notes, the progress, and the score and band once complete.</summary>
[Authorize(Policy = Roles.Applicant, AuthenticationSchemes = ConsoleSetup.Scheme)]
public sealed class SelfCheckModel(ConsoleText text, SelfCheckServices services) : ConsolePageModel(text)
{
    public SelfCheckRunView Run { get; private set; } = null!;

    public bool Missing { get; private set; }

    public string? RefusedItem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id);

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, string itemId, string? answer, string? notes)
    {
        var result = await SelfChecksApi.Answer(id, itemId, new SelfCheckAnswerRequest(answer, Blank(notes)), User, services.Runs, services.Store,
            HttpContext.RequestAborted);
        if (result.Result is ProblemHttpResult problem)
        {
            RefusedItem = itemId;
            var page = await LoadAsync(id);
            Refused(problem);
            return page;
        }

        return Redirect($"/console/self-checks/{id}?notice={Uri.EscapeDataString("Answer saved.")}#item-{Uri.EscapeDataString(itemId)}");
    }

    private async Task<IActionResult> LoadAsync(Guid id)
    {
        if ((await SelfChecksApi.Get(id, User, services.Runs, HttpContext.RequestAborted)).Result is Ok<SelfCheckRunView> { Value: { } run })
        {
            Run = run;
        }
        else
        {
            Missing = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
