using System.Security.Claims;
using Assessor.Domain.Checklists;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Service.Attestations;
using Assessor.Service.Http;
using Assessor.Service.Identity;
using Assessor.Service.Log;
using Assessor.Service.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.SelfChecks;

/// <summary>
/// The applicant's own self-check (attestation kind <c>applicant-self-check</c>): for a regime that needs one, the applicant
/// answers the regime's checklist on its plan's current revision with its own key. No specialist, no signature.
/// </summary>
public static class SelfChecksApi
{
    public const int MaxNotesLength = 4000;

    public static IServiceCollection AddSelfChecks(this IServiceCollection services) =>
        services.AddSingleton<SelfCheckStore>().AddSingleton<SelfCheckRuns>().AddSingleton<IAttestationSource, SelfCheckSource>();

    public static RouteGroupBuilder MapSelfChecks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Self-checks").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/plans/{id:guid}/self-check-runs", Start).RequireAuthorization(Roles.Applicant)
            .WithName("StartSelfCheckRun").WithSummary("Start the applicant's self-check on the plan's current revision (regimes that need one)")
            .WithDescription("The applicant starts the self-check its plan's regime fixes (`it-donyu-2018`: `ipa-self-check` v1) on the plan's current "
                + "revision, while the plan is a draft or submitted. One run per revision (409 `self-check-exists` names it); a regime attested by a "
                + "specialist takes none (422 `self-check-not-applicable`).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/self-check-runs/{id:guid}", Get)
            .WithName("GetSelfCheckRun").WithSummary("A self-check run: items, answers, score and band once complete, status")
            .WithDescription("The run with every item and its answer so far (and the points it earns), how many are answered, and once every item is, "
                + "the score and its band. Visible to whoever may see the plan.");
        group.MapPut("/self-check-runs/{id:guid}/answers/{itemId}", Answer).RequireAuthorization(Roles.Applicant)
            .WithName("AnswerSelfCheckItem").WithSummary("Answer (or re-answer) one self-check item")
            .WithDescription("The applicant answers one item of an open run: `done`, `partly`, `not-done`, `unknown` or `not-applicable`, with optional "
                + "notes. Every answer moves the plan's version on; a newer revision supersedes the run (409 `run-superseded`).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    public static async Task<Results<Created<SelfCheckRunView>, ProblemHttpResult>> Start(
        Guid id, ClaimsPrincipal user, PlanStore plans, SelfCheckStore store, SelfCheckRuns runs, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var plan = await plans.GetAsync(id, PlanScope.For(caller, PlanAccess.Change), cancellationToken);
        if (plan is null)
        {
            return await PlanResults.NotChangeableAsync(id, caller, plans, cancellationToken);
        }

        if (!RegimeRegistry.TryGet(plan.Regime, out var regime))
        {
            return PlanIntake.UnknownRegime(plan.Regime);
        }

        if (regime.Attestation is not { Kind: AttestationKind.ApplicantSelfCheck, Checklist: { } checklist })
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "self-check-not-applicable", "This plan's regime needs no self-check",
                $"Plans of regime {regime.Id} are attested by {regime.Attestation.Kind.ToWire()}, not by the applicant's self-check.");
        }

        if (!PlanLifecycle.Allows(plan.Status, PlanAction.SelfCheck))
        {
            return PlanResults.IllegalTransition(plan.Status);
        }

        var revision = await plans.GetRevisionAsync(plan.Id, plan.CurrentRevision, PlanScope.Everything, cancellationToken);
        var run = await store.CreateAsync(plan, revision!.Sha256, checklist, caller.Actor(), cancellationToken);
        if (run is null)
        {
            var existing = await store.CurrentAsync(plan, cancellationToken);
            return Problems.Create(StatusCodes.Status409Conflict, "self-check-exists", "This revision already has a self-check run",
                $"Answer run {existing?.Id} (GET /api/v1/self-check-runs/{existing?.Id}); a new revision starts a new one.",
                new Dictionary<string, object?> { ["runId"] = existing?.Id });
        }

        var state = await runs.LoadAsync(run.Id, PlanScope.Everything, cancellationToken);
        return TypedResults.Created($"/api/v1/self-check-runs/{run.Id}", state!.AsView());
    }

    public static async Task<Results<Ok<SelfCheckRunView>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, SelfCheckRuns runs, CancellationToken cancellationToken) =>
        await runs.LoadAsync(id, PlanScope.For(Caller.From(user)), cancellationToken) is { } state
            ? TypedResults.Ok(state.AsView())
            : Problems.NotFound("Self-check run");

    public static async Task<Results<Ok<SelfCheckRunView>, ProblemHttpResult>> Answer(
        Guid id, string itemId, SelfCheckAnswerRequest request, ClaimsPrincipal user, SelfCheckRuns runs, SelfCheckStore store,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var state = await runs.LoadAsync(id, PlanScope.For(caller, PlanAccess.Change), cancellationToken);
        if (state is null)
        {
            return await runs.LoadAsync(id, PlanScope.For(caller), cancellationToken) is null ? Problems.NotFound("Self-check run") : PlanResults.NotLead();
        }

        if (state.Checklist.Items.All(i => i.Id != itemId))
        {
            return Problems.NotFound("Checklist item");
        }

        var errors = Validate(request, out var answer);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (state.Status != RunStatus.Open || !await store.SaveAnswerAsync(state.Run, itemId, answer, request.Notes, caller.Actor(), cancellationToken))
        {
            return Closed((await runs.LoadAsync(id, PlanScope.Everything, cancellationToken))!);
        }

        return TypedResults.Ok((await runs.LoadAsync(id, PlanScope.Everything, cancellationToken))!.AsView());
    }

    /// <summary>Why a run that is not open refuses an answer: a newer revision, or a plan the applicant may no longer self-check.</summary>
    private static ProblemHttpResult Closed(SelfCheckState state) => state.Status == RunStatus.Superseded
        ? Problems.Create(StatusCodes.Status409Conflict, "run-superseded", "The plan has a newer revision",
            $"This run belongs to revision {state.Run.PlanRevision}; the plan is now at revision {state.Plan.CurrentRevision}. Start a new run.")
        : PlanResults.IllegalTransition(state.Plan.Status);

    private static List<ValidationError> Validate(SelfCheckAnswerRequest request, out SelfCheckAnswer answer)
    {
        var errors = new List<ValidationError>();
        if (!WireNames<SelfCheckAnswer>.TryParse(request.Answer, out answer))
        {
            errors.Add(new("$.answer", ValidationText.OneOf(WireNames<SelfCheckAnswer>.All)));
        }

        if (request.Notes is { Length: > MaxNotesLength })
        {
            errors.Add(new("$.notes", ValidationText.AtMostCharacters(MaxNotesLength)));
        }

        return errors;
    }
}
