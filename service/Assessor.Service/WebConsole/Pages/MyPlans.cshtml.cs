using Assessor.Service.Http;
using Assessor.Service.Identity;
using Assessor.Service.Plans;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>The applicant's plans, and the upload of a new one (a file or the document pasted).</summary>
[Authorize(Policy = Roles.Applicant, AuthenticationSchemes = ConsoleSetup.Scheme)]
public sealed class MyPlansModel(ConsoleText text, ConsoleQueries queries, PlanStore plans) : PlanListModel(text, queries)
{
    public UploadForm Upload { get; private set; } = null!;

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        Upload = new UploadForm("/console/my-plans", T["Upload a plan"], null, null, [], null);
        base.OnPageHandlerExecuting(context);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, string? document)
    {
        var upload = await PlanUpload.ReadAsync(file, document, HttpContext.RequestAborted);
        var result = upload.Accepted is null ? upload.Problem!
            : (await PlansApi.CreateAsync(upload.Accepted, HttpContext, User, plans, HttpContext.RequestAborted)).Result;
        if (result is JsonCreated<PlanView> created)
        {
            return Redirect($"/console/plans/{created.Value.Id}?notice={Uri.EscapeDataString("Uploaded.")}");
        }

        var problem = (ProblemHttpResult)result;
        await OnGetAsync(null, null, null, null, null, null, null);
        Refused(problem);
        Response.Headers.Remove("Location");
        Upload = Upload with { Problem = Problem, Fields = upload.Fields, Pasted = file is null ? document : null };
        return Page();
    }
}
