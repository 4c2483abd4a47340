using System.Text.Json;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Service.Assessments;
using Assessor.Service.Attestations;
using Assessor.Service.Decisions;
using Assessor.Service.Identity;
using Assessor.Service.Log;
using Assessor.Service.Plans;
using Assessor.Service.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>
/// One plan for whoever may see it (the API's scope): its assessment, revisions and their differences, sign-off, decision and
/// history, downloads, and the forms of the caller's role: the reviewer's decision, the applicant's revision and submission.
/// Every read and write goes through the API's own handlers, so the page answers exactly as the API would.
/// </summary>
[Authorize(AuthenticationSchemes = ConsoleSetup.Scheme)]
public sealed class PlanModel(ConsoleText text, PlanStore plans, IAuthorizationService authorization) : ConsolePageModel(text)
{
    public PlanView Plan { get; private set; } = null!;

    public IRegimeAssessment? Assessment { get; private set; }

    public PlanHistoryView? History { get; private set; }

    public CurrentSignoff? Signoff { get; private set; }

    public IReadOnlyList<(string Path, string? Before, string? After)>? Differences { get; private set; }

    public long From { get; private set; }

    public long To { get; private set; }

    /// <summary>The fields of a refused upload, to show each problem beside its field.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UploadedFields { get; private set; } = [];

    public string? PastedDocument { get; private set; }

    public string? DecisionReason { get; private set; }

    public IReadOnlyList<Assessor.Domain.Checklists.ChecklistDefinition> Checklists { get; private set; } = [];

    /// <summary>The signed-in specialist's checklist runs on this plan.</summary>
    public IReadOnlyList<RunSummary> Runs { get; private set; } = [];

    public bool Certifiable => Assessment?.Eligible == true;

    /// <summary>Who confirmed the current revision, for a plan owned by a consortium; null for a single company's plan.</summary>
    public ConsortiumConsentsView? Consortium { get; private set; }

    /// <summary>True when the signed-in applicant's company applies for the plan (the lead): only it changes the plan.</summary>
    public bool IsLead => Plan.ApplicantCorporateNumber == Caller.CorporateNumber;

    public async Task<IActionResult> OnGetAsync(Guid id, long? from, long? to, [FromServices] PlanPageServices services) =>
        await LoadAsync(id, from, to, services) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostDecideAsync(
        Guid id, string? decision, string? reason, long? revision, [FromServices] PlanPageServices services, [FromServices] DecisionServices decide)
    {
        if (!(await authorization.AuthorizeAsync(User, Roles.Reviewer)).Succeeded)
        {
            return Forbid();
        }

        var result = await DecisionsApi.Decide(id, new DecisionRequest(decision, reason, revision), HttpContext, User, plans, decide.Assessments,
            decide.Reporting, services.Decisions, decide.Principals, services.Log, decide.ReportOptions, decide.Clock, decide.Certificates,
            decide.CertificateNumbers, HttpContext.RequestAborted);
        if (result.Result is ProblemHttpResult problem)
        {
            DecisionReason = reason;
            return await RefusedAsync(id, problem, services);
        }

        return Done(id, "Decision recorded.");
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, string? etag, [FromServices] PlanPageServices services)
    {
        if (!(await authorization.AuthorizeAsync(User, Roles.Applicant)).Succeeded)
        {
            return Forbid();
        }

        var result = await PlansApi.SubmitPlan(id, HttpContext, User, plans, etag, HttpContext.RequestAborted);
        return result.Result is ProblemHttpResult problem ? await RefusedAsync(id, problem, services) : Done(id, "Submitted.");
    }

    public async Task<IActionResult> OnPostReviseAsync(Guid id, string? etag, IFormFile? file, string? document, [FromServices] PlanPageServices services)
    {
        if (!(await authorization.AuthorizeAsync(User, Roles.Applicant)).Succeeded)
        {
            return Forbid();
        }

        var current = await plans.GetAsync(id, PlanScope.For(Caller, PlanAccess.Change), HttpContext.RequestAborted);
        if (current is null)
        {
            return await RefusedAsync(id, await PlanResults.NotChangeableAsync(id, Caller, plans, HttpContext.RequestAborted), services);
        }

        var upload = await PlanUpload.ReadAsync(file, document, HttpContext.RequestAborted);
        var result = upload.Accepted is null ? upload.Problem!
            : (await PlansApi.ReviseAsync(current, upload.Accepted, etag ?? "", HttpContext, User, plans, HttpContext.RequestAborted)).Result;
        if (result is ProblemHttpResult problem)
        {
            UploadedFields = upload.Fields;
            PastedDocument = file is null ? document : null;
            return await RefusedAsync(id, problem, services);
        }

        return Done(id, "Uploaded.");
    }

    /// <summary>A consortium's participant confirms the revision it read (its digest came with the form).</summary>
    public async Task<IActionResult> OnPostConsentAsync(Guid id, string? digest, [FromServices] PlanPageServices services)
    {
        if (!(await authorization.AuthorizeAsync(User, Roles.Applicant)).Succeeded)
        {
            return Forbid();
        }

        var result = await ConsortiumApi.Give(id, new ConsentRequest(digest), User, plans, services.Consents, HttpContext.RequestAborted);
        return result.Result is ProblemHttpResult problem ? await RefusedAsync(id, problem, services) : Done(id, "Confirmed.");
    }

    public async Task<IActionResult> OnPostStartRunAsync(Guid id, string? checklist, [FromServices] PlanPageServices services, [FromServices] RunServices run)
    {
        if (!(await authorization.AuthorizeAsync(User, Roles.Specialist)).Succeeded || !await run.ActiveRegistrationAsync(User, HttpContext.RequestAborted))
        {
            return Forbid();
        }

        var (checklistId, version) = ChecklistChoice.Parse(checklist);
        var result = await AttestationsApi.StartRun(id, new StartRunRequest(checklistId, version), User, plans, run.Catalog, run.Runs, run.Statements,
            run.Specialists, HttpContext.RequestAborted);
        return result.Result is Created<RunView> created
            ? Redirect($"/console/runs/{created.Value!.Id}")
            : await RefusedAsync(id, (ProblemHttpResult)result.Result, services);
    }

    public async Task<IActionResult> OnPostSelfCheckAsync(Guid id, [FromServices] PlanPageServices services, [FromServices] SelfCheckServices selfChecks)
    {
        if (!(await authorization.AuthorizeAsync(User, Roles.Applicant)).Succeeded)
        {
            return Forbid();
        }

        var result = await SelfChecks.SelfChecksApi.Start(id, User, plans, selfChecks.Store, selfChecks.Runs, HttpContext.RequestAborted);
        return result.Result switch
        {
            Created<SelfChecks.SelfCheckRunView> created => Redirect($"/console/self-checks/{created.Value!.Id}"),
            // The revision's run exists already: answering it is what the applicant came for.
            ProblemHttpResult { ProblemDetails.Extensions: var extensions } when extensions.TryGetValue("runId", out var runId) && runId is Guid existing =>
                Redirect($"/console/self-checks/{existing}"),
            _ => await RefusedAsync(id, (ProblemHttpResult)result.Result, services),
        };
    }

    /// <summary>True when the plan's regime rests on the applicant's own self-check (the ★★ declaration).</summary>
    public bool NeedsSelfCheck =>
        RegimeRegistry.TryGet(Plan.Regime, out var regime) && regime.Attestation.Kind == Assessor.Domain.Procedure.AttestationKind.ApplicantSelfCheck;

    private IActionResult Done(Guid id, string notice) => Redirect($"/console/plans/{id}?notice={Uri.EscapeDataString(notice)}");

    private async Task<IActionResult> RefusedAsync(Guid id, ProblemHttpResult problem, PlanPageServices services)
    {
        if (!await LoadAsync(id, null, null, services))
        {
            return NotFoundPage();
        }

        Refused(problem);
        return Page();
    }

    /// <summary>True when the plan is not visible to the caller: the page says so, with 404.</summary>
    public bool Missing { get; private set; }

    private PageResult NotFoundPage()
    {
        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, long? from, long? to, PlanPageServices services)
    {
        var cancel = HttpContext.RequestAborted;
        if ((await PlansApi.GetPlan(id, HttpContext, User, plans, cancel)).Result is not IValueHttpResult<PlanView> { Value: { } plan })
        {
            return false;
        }

        // The page is not the plan's representation: its ETag belongs to the API's answer.
        Response.Headers.Remove("ETag");
        Plan = plan;
        // Whatever the regime: every assessment shows its requirements the same way.
        Assessment = (await AssessmentsApi.AssessPlan(id, User, plans, services.Assessments, cancel)).Result is IValueHttpResult { Value: IRegimeAssessment assessment }
            ? assessment
            : null;
        History = (await LogApi.History(id, User, plans, services.Log, cancel)).Result is Ok<PlanHistoryView> history ? history.Value : null;
        Consortium = (await ConsortiumApi.List(id, User, plans, services.Consents, cancel)).Result is Ok<ConsortiumConsentsView> { Value: { Required.Count: > 0 } consortium }
            ? consortium
            : null;
        var row = await plans.GetAsync(id, PlanScope.For(Caller), cancel);
        Signoff = row is null ? null : await services.Signoffs.CurrentAsync(row, cancel);
        // A regime that fixes its checklist (Monozukuri's confirmation) is offered that one alone, as the API would refuse the others.
        Checklists = RegimeRegistry.TryGet(plan.Regime, out var regime) && regime.Attestation.Checklist is { } fixedChecklist
            ? [.. services.Catalog.All.Where(c => c.Id == fixedChecklist.Id && c.Version == fixedChecklist.Version)]
            : services.Catalog.All;
        Runs = Guid.TryParse(Caller.SpecialistId, out var specialistId) ? await services.Queries.RunsAsync(id, specialistId, cancel) : [];
        To = to is >= 1 && to <= plan.CurrentRevision ? to.Value : plan.CurrentRevision;
        From = from is >= 1 && from <= plan.CurrentRevision ? from.Value : Math.Max(1, To - 1);
        if (From != To)
        {
            var scope = PlanScope.For(Caller);
            var older = await plans.GetRevisionAsync(id, From, scope, cancel);
            var newer = await plans.GetRevisionAsync(id, To, scope, cancel);
            using var before = JsonDocument.Parse(older!.Body);
            using var after = JsonDocument.Parse(newer!.Body);
            Differences = JsonFields.Diff(before.RootElement, after.RootElement);
        }

        return true;
    }

    /// <summary>The figures of a requirement as rows (they differ by requirement and regime), named as the API names them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> FiguresOf(object? figures) =>
        figures is null ? [] : JsonFields.Flatten(JsonSerializer.SerializeToElement(figures, figures.GetType(), JsonFields.ApiOptions));
}

/// <summary>What the plan page reads, gathered so its handlers take one parameter for them.</summary>
public sealed record PlanPageServices(
    DecisionStore Decisions, PlanAssessments Assessments, LogStore Log, SignoffStore Signoffs, Assessor.Domain.Checklists.ChecklistCatalog Catalog,
    ConsoleQueries Queries, ConsortiumConsentStore Consents);

/// <summary>What a decision needs beyond the page's reads.</summary>
/// <summary>What the applicant's self-check needs.</summary>
public sealed record SelfCheckServices(SelfChecks.SelfCheckStore Store, SelfChecks.SelfCheckRuns Runs);

/// <summary>What a specialist's actions need: the checklists, the runs, and the registration check of the API.</summary>
public sealed record RunServices(
    Assessor.Domain.Checklists.ChecklistCatalog Catalog, ChecklistRunStore Runs, RunStatements Statements, Assessor.Service.Specialists.SpecialistStore Specialists)
{
    public Task<bool> ActiveRegistrationAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
        AttestationsApi.HasActiveRegistrationAsync(user, Specialists, cancellationToken);
}

/// <summary>A checklist version as one form value, <c>id@version</c>.</summary>
public static class ChecklistChoice
{
    public static string Of(Assessor.Domain.Checklists.ChecklistDefinition checklist) =>
        $"{checklist.Id}@{checklist.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static (string? Id, int? Version) Parse(string? value) =>
        value?.Split('@') is [var id, var version] && int.TryParse(version, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? (id, number)
            : (null, null);
}

public sealed record DecisionServices(
    PlanAssessments Assessments, Reporting Reporting, PrincipalStore Principals, IOptions<ReportOptions> ReportOptions, TimeProvider Clock,
    CertificateCatalog Certificates, CertificateNumbers CertificateNumbers);
