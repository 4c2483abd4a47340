using System.Text.Json;
using Assessor.Domain.Attestations;
using Assessor.Service.Attestations;
using Assessor.Service.Identity;
using Assessor.Service.Plans;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>
/// A specialist's checklist run: each item answered with notes and an evidence reference, the progress, the statement to
/// sign offline with <c>assessor-cli sign</c>, and the upload of the signed envelope with the service's verdict. Through the
/// API's own handlers, so the same registration check, scope and validation apply.
/// </summary>
[Authorize(Policy = Roles.Specialist, AuthenticationSchemes = ConsoleSetup.Scheme)]
public sealed class RunModel(ConsoleText text, RunServices services) : ConsolePageModel(text)
{
    public RunView Run { get; private set; } = null!;

    /// <summary>The item whose answer was refused, to show the problem beside it.</summary>
    public string? RefusedItem { get; private set; }

    public bool Missing { get; private set; }

    public int Answered => Run.Items.Count(i => i.Answer is not null);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAnswerAsync(
        Guid id, string itemId, string? answer, string? justification, string? notes, string? evidenceName, string? evidenceSha256)
    {
        if (!await services.ActiveRegistrationAsync(User, HttpContext.RequestAborted))
        {
            return Forbid();
        }

        IReadOnlyList<EvidenceRequest>? evidence = string.IsNullOrWhiteSpace(evidenceName) && string.IsNullOrWhiteSpace(evidenceSha256)
            ? null
            : [new EvidenceRequest(evidenceName, evidenceSha256?.Trim())];
        var request = new AnswerRequest(answer, Blank(justification), Blank(notes), evidence);
        var result = await AttestationsApi.Answer(id, itemId, request, User, services.Statements, services.Runs, HttpContext.RequestAborted);
        if (result.Result is ProblemHttpResult problem)
        {
            RefusedItem = itemId;
            return await LoadAsync(id) ?? RefusedPage(problem);
        }

        return Redirect($"/console/runs/{id}?notice={Uri.EscapeDataString("Answer saved.")}#item-{Uri.EscapeDataString(itemId)}");
    }

    public async Task<IActionResult> OnPostSignOffAsync(Guid id, IFormFile? file, string? envelope, [FromServices] SignOffServices signing)
    {
        if (!await services.ActiveRegistrationAsync(User, HttpContext.RequestAborted))
        {
            return Forbid();
        }

        var (parsed, refusal) = await ReadEnvelopeAsync(file, envelope);
        var result = parsed is null ? refusal!
            : (await AttestationsApi.SignOff(id, parsed, HttpContext, User, services.Statements, signing.Signoffs, services.Specialists, signing.Plans,
                signing.Clock, HttpContext.RequestAborted)).Result;
        if (result is ProblemHttpResult problem)
        {
            return await LoadAsync(id) ?? RefusedPage(problem);
        }

        return Redirect($"/console/runs/{id}?notice={Uri.EscapeDataString("Signed off.")}");
    }

    private PageResult RefusedPage(ProblemHttpResult problem)
    {
        Refused(problem);
        return Page();
    }

    /// <summary>Null when the run is shown; otherwise what to answer instead (forbidden, or not found).</summary>
    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        if (!await services.ActiveRegistrationAsync(User, HttpContext.RequestAborted))
        {
            return Forbid();
        }

        if ((await AttestationsApi.GetRun(id, User, services.Statements, HttpContext.RequestAborted)).Result is Ok<RunView> { Value: { } run })
        {
            Run = run;
            return null;
        }

        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private static async Task<(DsseEnvelope?, ProblemHttpResult?)> ReadEnvelopeAsync(IFormFile? file, string? pasted)
    {
        string text;
        if (file is { Length: > 0 and <= PlanIntake.MaxPlanBytes })
        {
            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync();
        }
        else
        {
            text = pasted ?? "";
        }

        try
        {
            return (JsonSerializer.Deserialize<DsseEnvelope>(text, JsonFields.ApiOptions), null);
        }
        catch (JsonException)
        {
            return (null, Assessor.Service.Http.Problems.Validation("envelope", new(
                "Not a DSSE envelope: give the JSON file that assessor-cli sign wrote (payloadType, payload, signatures).",
                "DSSE エンベロープではありません。assessor-cli sign が書き出した JSON ファイル（payloadType、payload、signatures）を指定してください。")));
        }
    }
}

/// <summary>What a sign-off needs beyond the run.</summary>
public sealed record SignOffServices(SignoffStore Signoffs, PlanStore Plans, TimeProvider Clock);
