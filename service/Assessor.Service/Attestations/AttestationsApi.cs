using System.Security.Claims;
using System.Text.Json;
using Assessor.Domain.Attestations;
using Assessor.Domain.Checklists;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Service.Http;
using Assessor.Service.Idempotency;
using Assessor.Service.Identity;
using Assessor.Service.Log;
using Assessor.Service.Plans;
using Assessor.Service.Specialists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.Attestations;

/// <summary>The checklist version to run.</summary>
/// <param name="ChecklistId">The id of a published checklist (see <c>GET /checklists</c>), e.g. <c>ci-tax-security</c>.</param>
/// <param name="Version">The checklist version to use, e.g. 1.</param>
public sealed record StartRunRequest(string? ChecklistId, int? Version);

/// <summary>A piece of evidence the specialist saw, by name and content hash (the file itself is not uploaded).</summary>
/// <param name="Name">The evidence's name, e.g. a file name or document title; not blank, at most 500 characters.</param>
/// <param name="Sha256">The SHA-256 of the evidence file as 64 hex digits (stored lower-case).</param>
public sealed record EvidenceRequest(string? Name, string? Sha256);

/// <summary>A specialist's answer to one checklist item; answering again replaces the earlier answer.</summary>
/// <param name="Answer"><c>satisfied</c>, <c>not-satisfied</c> or <c>not-applicable</c>.</param>
/// <param name="Justification">Why the item does not apply: required (not blank) when <c>answer</c> is <c>not-applicable</c>; at most 4000 characters.</param>
/// <param name="Notes">Free notes on the answer, at most 4000 characters.</param>
/// <param name="Evidence">The evidence the answer rests on, at most 50 references; none when omitted.</param>
public sealed record AnswerRequest(string? Answer, string? Justification, string? Notes, IReadOnlyList<EvidenceRequest>? Evidence);

/// <summary>The answer recorded for an item.</summary>
/// <param name="Answer"><c>satisfied</c>, <c>not-satisfied</c> or <c>not-applicable</c>.</param>
/// <param name="Justification">Why the item does not apply; absent unless given.</param>
/// <param name="Notes">The specialist's notes; absent unless given.</param>
/// <param name="Evidence">The evidence references given with the answer; may be empty.</param>
/// <param name="AnsweredAt">When the item was last answered (ISO-8601, UTC).</param>
public sealed record AnswerView(string Answer, string? Justification, string? Notes, IReadOnlyList<EvidenceReference> Evidence, DateTimeOffset AnsweredAt);

/// <summary>One checklist item of a run, with its answer so far.</summary>
/// <param name="Id">The item's id; answer it with <c>PUT /checklist-runs/{id}/answers/{itemId}</c>.</param>
/// <param name="Category">The id of the checklist category the item belongs to.</param>
/// <param name="Mandatory">True for a mandatory item: it must be answered before sign-off, and <c>not-satisfied</c> fails the verdict.</param>
/// <param name="Question">The question, in Japanese and English.</param>
/// <param name="Guidance">How to judge the answer, in Japanese and English.</param>
/// <param name="Evidence">The evidence the specialist is expected to see, in Japanese and English.</param>
/// <param name="Answer">The answer recorded for the item; absent while unanswered.</param>
public sealed record RunItemView(string Id, string Category, bool Mandatory, LocalizedText Question, LocalizedText Guidance, LocalizedText Evidence, AnswerView? Answer);

/// <summary>A sign-off: the specialist's verified signature over a run's statement.</summary>
/// <param name="Id">The sign-off's id.</param>
/// <param name="RunId">The id of the checklist run signed off.</param>
/// <param name="PlanRevision">The plan revision the sign-off attests; it counts only while that revision is current.</param>
/// <param name="KeyId">The id (hex SHA-256 of the SubjectPublicKeyInfo) of the registered key whose signature verified.</param>
/// <param name="Verdict"><c>pass</c> (every mandatory item satisfied or not applicable) or <c>fail</c> (a mandatory item not satisfied); decides the <c>security</c> requirement.</param>
/// <param name="SignedAt">When the service accepted the sign-off (ISO-8601, UTC).</param>
/// <param name="StatementSha256">The lower-case hex SHA-256 of the signed statement bytes.</param>
public sealed record SignoffView(Guid Id, Guid RunId, long PlanRevision, string KeyId, Verdict Verdict, DateTimeOffset SignedAt, string StatementSha256);

/// <summary>A specialist's checklist run on one plan revision.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="PlanId">The id of the plan the run is on.</param>
/// <param name="PlanRevision">The plan revision the run attests (the current one when the run started).</param>
/// <param name="PlanDigest"><c>sha256:</c> and the lower-case hex SHA-256 of that revision's exact bytes.</param>
/// <param name="ChecklistId">The checklist's id.</param>
/// <param name="ChecklistVersion">The checklist's version.</param>
/// <param name="Status">
/// <c>open</c> (answerable and signable), <c>signed</c> (signed off; no more changes), <c>superseded</c> (the plan has a
/// newer revision) or <c>closed</c> (the plan left review, decided or returned, before a sign-off).
/// </param>
/// <param name="Verdict">
/// The verdict the answers give now: <c>pass</c>, <c>fail</c> (a mandatory item not satisfied; still signable) or
/// <c>incomplete</c> (a mandatory item unanswered; not signable).
/// </param>
/// <param name="StatementSha256">The lower-case hex SHA-256 of the statement to sign as it is now (<c>GET /checklist-runs/{id}/statement</c>); every answer changes it.</param>
/// <param name="UnansweredMandatory">The ids of the mandatory items not yet answered; empty when the run can be signed.</param>
/// <param name="Items">Every item of the checklist, in checklist order, with its answer so far.</param>
/// <param name="Signoff">The run's sign-off; absent until it is signed off.</param>
public sealed record RunView(
    Guid Id,
    Guid PlanId,
    long PlanRevision,
    string PlanDigest,
    string ChecklistId,
    int ChecklistVersion,
    RunStatus Status,
    Verdict Verdict,
    string StatementSha256,
    IReadOnlyList<string> UnansweredMandatory,
    IReadOnlyList<RunItemView> Items,
    SignoffView? Signoff);

/// <summary>Checklist runs by the specialist a plan names, and their signed sign-off.</summary>
public static class AttestationsApi
{
    public const int MaxTextLength = 4000;
    public const int MaxEvidence = 50;

    /// <summary>
    /// The longest statement a sign-off can carry: the envelope holds it base64-encoded (4 bytes per 3) within the request
    /// body limit, beside its type and at most <see cref="SignoffRules.MaxSignatures"/> signatures (a few hundred bytes each).
    /// Answers that would make the statement longer are refused, so every run that accepts its answers can be signed.
    /// </summary>
    public const int MaxStatementBytes = (PlanIntake.MaxPlanBytes - (8 * 1024)) / 4 * 3;

    public static IServiceCollection AddAttestations(this IServiceCollection services) =>
        services.AddSingleton<ChecklistRunStore>().AddSingleton<SignoffStore>().AddSingleton<RunStatements>()
            .AddSingleton<IAttestationSource, SpecialistSignoffSource>().AddSingleton<IAttestationSource, SupportOrganisationSource>()
            .AddSingleton<AttestationSources>();

    public static RouteGroupBuilder MapAttestations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Attestations").RequireAuthorization(Roles.Specialist)
            .AddEndpointFilter(RequireActiveRegistrationAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/plans/{id:guid}/checklist-runs", StartRun)
            .WithName("StartChecklistRun").WithSummary("Start a checklist run on the plan's current revision")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var runs = group.MapGroup("/checklist-runs/{id:guid}");
        runs.MapGet("/", GetRun).WithName("GetChecklistRun").WithSummary("The run: items, answers, verdict, status");
        runs.MapPut("/answers/{itemId}", Answer).WithName("AnswerChecklistItem").WithSummary("Answer (or re-answer) one item")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        runs.MapGet("/statement", GetStatement).WithName("GetChecklistRunStatement")
            .WithSummary("The exact in-toto Statement v1 bytes to sign").Produces<InTotoStatement<SecurityPredicate>>(StatusCodes.Status200OK, Dsse.InTotoPayloadType)
            .WithResponseHeaders(StatusCodes.Status200OK, ResponseHeader.ETag, ResponseHeader.ContentDisposition);
        runs.MapPost("/signoff", SignOff).WithName("SignOffChecklistRun").WithSummary("Submit a DSSE envelope over the statement; honours Idempotency-Key")
            .WithMetadata(new IdempotentEndpoint())
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    public static async Task<Results<Created<RunView>, ProblemHttpResult>> StartRun(
        Guid id, StartRunRequest request, ClaimsPrincipal user, PlanStore plans, ChecklistCatalog catalog, ChecklistRunStore runs,
        RunStatements statements, SpecialistStore specialists, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        // The specialist scope already limits this to handed-over plans that name the caller.
        var plan = await plans.GetAsync(id, PlanScope.For(caller), cancellationToken);
        if (plan is null)
        {
            return Problems.NotFound("Plan");
        }

        if (string.IsNullOrWhiteSpace(request.ChecklistId) || request.Version is null)
        {
            return Problems.Validation(
                [.. string.IsNullOrWhiteSpace(request.ChecklistId) ? [new ValidationError("$.checklistId", ValidationText.Required)] : Array.Empty<ValidationError>(),
                 .. request.Version is null ? [new ValidationError("$.version", ValidationText.Required)] : Array.Empty<ValidationError>()]);
        }

        if (!catalog.TryGet(request.ChecklistId, request.Version.Value, out var checklist))
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "unknown-checklist", "No such checklist version",
                $"Checklist '{request.ChecklistId}' version {request.Version} is not published; see GET /api/v1/checklists.");
        }

        // The regime names who attests it and, when it fixes one, on which checklist: refused here rather than at sign-off.
        var attestation = RegimeRegistry.Get(plan.Regime).Attestation;
        var specialist = (await specialists.GetAsync(Guid.Parse(caller.SpecialistId!), cancellationToken))!.Registration;
        if (!attestation.Attestors.Contains(specialist.Kind))
        {
            return AttestationProblems.WrongAttestorKind(specialist.Kind, plan.Regime);
        }

        if (attestation.Checklist is { } fixedChecklist && (fixedChecklist.Id != checklist.Id || fixedChecklist.Version != checklist.Version))
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "checklist-not-accepted", "The plan's regime needs another checklist",
                $"A {plan.Regime} plan is attested on checklist '{fixedChecklist.Id}' version {fixedChecklist.Version}.",
                new Dictionary<string, object?> { ["checklistId"] = fixedChecklist.Id, ["version"] = fixedChecklist.Version });
        }

        if (!PlanLifecycle.Allows(plan.Status, PlanAction.Attest))
        {
            return PlanResults.IllegalTransition(plan.Status);
        }

        var revision = await plans.GetRevisionAsync(plan.Id, plan.CurrentRevision, PlanScope.Everything, cancellationToken);
        var run = await runs.CreateAsync(plan.Id, plan.CurrentRevision, revision!.Sha256, checklist.Id, checklist.Version,
            Guid.Parse(caller.SpecialistId!), caller.Actor(), cancellationToken);
        var state = await statements.LoadAsync(run.Id, cancellationToken);
        return TypedResults.Created($"/api/v1/checklist-runs/{run.Id}", state!.AsView());
    }

    public static async Task<Results<Ok<RunView>, ProblemHttpResult>> GetRun(
        Guid id, ClaimsPrincipal user, RunStatements statements, CancellationToken cancellationToken)
    {
        var state = await LoadOwnAsync(id, user, statements, cancellationToken);
        return state is null ? Problems.NotFound("Checklist run") : TypedResults.Ok(state.AsView());
    }

    public static async Task<Results<Ok<RunView>, ProblemHttpResult>> Answer(
        Guid id, string itemId, AnswerRequest request, ClaimsPrincipal user, RunStatements statements, ChecklistRunStore runs,
        CancellationToken cancellationToken)
    {
        var state = await LoadOwnAsync(id, user, statements, cancellationToken);
        if (state is null)
        {
            return Problems.NotFound("Checklist run");
        }

        if (state.Checklist.Items.All(i => i.Id != itemId))
        {
            return Problems.NotFound("Checklist item");
        }

        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (state.Status != RunStatus.Open)
        {
            return AttestationProblems.RunClosed(state);
        }

        var evidence = (request.Evidence ?? []).Select(e => new EvidenceReference(e.Name!.Trim(), e.Sha256!.ToLowerInvariant())).ToList();
        var length = state.StatementLengthWith(new AnswerRow(itemId, request.Answer!, request.Justification, request.Notes,
            JsonSerializer.Serialize(evidence, JsonSerializerOptions.Web), default));
        if (length > MaxStatementBytes)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "statement-too-large", "The run would become too large to sign",
                $"With this answer the statement to sign would be {length} bytes; a sign-off can carry at most {MaxStatementBytes}. " +
                "Shorten the justification, the notes or the evidence list of this or other items.",
                new Dictionary<string, object?> { ["statementBytes"] = length, ["maxStatementBytes"] = MaxStatementBytes });
        }

        if (!await runs.SaveAnswerAsync(state.Run, itemId, request.Answer!, request.Justification, request.Notes, evidence, Caller.From(user).Actor(), cancellationToken))
        {
            return AttestationProblems.RunClosed((await statements.LoadAsync(id, cancellationToken))!);
        }

        return TypedResults.Ok((await statements.LoadAsync(id, cancellationToken))!.AsView());
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetStatement(
        Guid id, HttpContext context, ClaimsPrincipal user, RunStatements statements, CancellationToken cancellationToken)
    {
        var state = await LoadOwnAsync(id, user, statements, cancellationToken);
        if (state is null)
        {
            return Problems.NotFound("Checklist run");
        }

        context.Response.Headers.ETag = $"\"sha256:{state.StatementSha256}\"";
        return TypedResults.File(state.Statement, Dsse.InTotoPayloadType, $"statement-{id}.json");
    }

    public static async Task<Results<JsonCreated<SignoffView>, ProblemHttpResult>> SignOff(
        Guid id, DsseEnvelope envelope, HttpContext context, ClaimsPrincipal user, RunStatements statements, SignoffStore signoffs, SpecialistStore specialists,
        PlanStore plans, TimeProvider clock, CancellationToken cancellationToken)
    {
        var state = await LoadOwnAsync(id, user, statements, cancellationToken);
        if (state is null)
        {
            return Problems.NotFound("Checklist run");
        }

        var revision = await plans.GetRevisionAsync(state.Plan.Id, state.Run.PlanRevision, PlanScope.Everything, cancellationToken);
        var regime = RegimeRegistry.Get(state.Plan.Regime);
        var attested = regime.Load(revision!.Body).Summary;
        var keys = await specialists.KeysAsync(state.Specialist.Id, cancellationToken);
        var facts = new SignoffFacts(
            envelope,
            state.Status,
            state.Statement,
            state.UnansweredMandatory,
            [.. keys.Select(k => new RegisteredKey(k.KeyId, k.PublicKeyPem, k.RevokedAt))],
            state.Specialist.Registration,
            state.Specialist.EmployerCorporateNumber,
            state.Plan.ApplicantCorporateNumber,
            attested.ApplicantIsSme == true,
            clock.GetUtcNow())
        {
            Attestors = regime.Attestation.Attestors,
            OtherParticipants = attested.OtherParticipants,
        };
        if (SignoffRules.Check(facts, out var keyId) is { } refusal)
        {
            return AttestationProblems.For(refusal, state);
        }

        var signoff = new SignoffRow(Guid.NewGuid(), state.Run.Id, state.Plan.Id, state.Run.PlanRevision, keyId!,
            state.Verdict, JsonSerializer.Serialize(envelope, PlanJson.Options), state.StatementSha256, facts.Now);
        var location = $"/api/v1/checklist-runs/{id}";
        var view = signoff.AsView();
        var recorded = IdempotencyClaim.ResponseFor(context, StatusCodes.Status201Created, location, null, view);
        if (!await signoffs.SaveAsync(signoff, state.Run.Version, recorded, Caller.From(user).Actor(), cancellationToken))
        {
            // Another sign-off, an answer or a decision got in between verification and storage.
            var fresh = (await statements.LoadAsync(id, cancellationToken))!;
            return fresh.Status != RunStatus.Open ? AttestationProblems.RunClosed(fresh) : AttestationProblems.StatementMismatch();
        }

        return JsonAnswer.Created(location, view, recorded?.Body);
    }

    /// <summary>A revoked registration stops every action of its specialist at once, whatever they had started.</summary>
    internal static async ValueTask<object?> RequireActiveRegistrationAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        return await HasActiveRegistrationAsync(context.User, context.RequestServices.GetRequiredService<SpecialistStore>(), context.RequestAborted)
            ? await next(invocation)
            : AttestationProblems.SpecialistRevoked();
    }

    /// <summary>Whether the caller is a specialist whose registration stands (the console asks the same before every action).</summary>
    public static async Task<bool> HasActiveRegistrationAsync(ClaimsPrincipal user, SpecialistStore specialists, CancellationToken cancellationToken)
    {
        var specialist = Guid.TryParse(Caller.From(user).SpecialistId, out var id) ? await specialists.GetAsync(id, cancellationToken) : null;
        return specialist is { RevokedAt: null };
    }

    internal static async Task<RunState?> LoadOwnAsync(Guid runId, ClaimsPrincipal user, RunStatements statements, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var state = await statements.LoadAsync(runId, cancellationToken);
        // Another specialist's run is not found, exactly like a missing one.
        return state is not null && Guid.TryParse(caller.SpecialistId, out var specialistId) && state.Run.SpecialistId == specialistId ? state : null;
    }

    private static List<ValidationError> Validate(AnswerRequest request)
    {
        var errors = new List<ValidationError>();
        if (!WireNames<Answer>.TryParse(request.Answer, out var answer))
        {
            errors.Add(new("$.answer", ValidationText.OneOf(WireNames<Answer>.All)));
        }
        else if (answer == Domain.Attestations.Answer.NotApplicable && string.IsNullOrWhiteSpace(request.Justification))
        {
            errors.Add(new("$.justification", new ValidationText(
                "Required when the answer is not-applicable: say why the item does not apply.", "回答が not-applicable のときは必須です。その項目が当てはまらない理由を書いてください。")));
        }

        if (request.Justification is { Length: > MaxTextLength })
        {
            errors.Add(new("$.justification", ValidationText.AtMostCharacters(MaxTextLength)));
        }

        if (request.Notes is { Length: > MaxTextLength })
        {
            errors.Add(new("$.notes", ValidationText.AtMostCharacters(MaxTextLength)));
        }

        var evidence = request.Evidence ?? [];
        var nulls = PlanValidator.NullItems(evidence, "$.evidence").ToList();
        if (nulls.Count > 0)
        {
            return nulls;
        }

        if (evidence.Count > MaxEvidence)
        {
            errors.Add(new("$.evidence", new ValidationText($"At most {MaxEvidence} references.", $"証跡の参照は {MaxEvidence} 件までです。")));
        }

        for (var i = 0; i < evidence.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(evidence[i].Name) || evidence[i].Name!.Length > 500)
            {
                errors.Add(new($"$.evidence[{i}].name", new ValidationText("Required, at most 500 characters.", "必須です。500 文字以内で指定してください。")));
            }

            if (evidence[i].Sha256 is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigit))
            {
                errors.Add(new($"$.evidence[{i}].sha256", new ValidationText(
                    "The evidence file's SHA-256 as 64 hex digits.", "証跡ファイルの SHA-256 を 16 進数 64 桁で指定してください。")));
            }
        }

        return errors;
    }

    private static RunView AsView(this RunState state)
    {
        var answers = state.Answers.ToDictionary(a => a.ItemId, StringComparer.Ordinal);
        return new RunView(
            state.Run.Id,
            state.Plan.Id,
            state.Run.PlanRevision,
            $"sha256:{state.Run.PlanSha256}",
            state.Run.ChecklistId,
            state.Checklist.Version,
            state.Status,
            state.Verdict,
            state.StatementSha256,
            state.UnansweredMandatory,
            state.Checklist.Items.Select(i => new RunItemView(i.Id, i.Category, i.Mandatory, i.Question, i.Guidance, i.Evidence,
                answers.TryGetValue(i.Id, out var a) ? new AnswerView(a.Answer, a.Justification, a.Notes, a.EvidenceList(), a.AnsweredAt) : null)).ToList(),
            state.Signoff?.AsView());
    }

    private static SignoffView AsView(this SignoffRow signoff) =>
        new(signoff.Id, signoff.RunId, signoff.PlanRevision, signoff.KeyId, signoff.Verdict, signoff.SignedAt, signoff.StatementSha256);
}
