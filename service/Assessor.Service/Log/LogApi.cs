using System.Security.Claims;
using Assessor.Domain.Log;
using Assessor.Domain.Plans;
using Assessor.Service.Http;
using Assessor.Service.Identity;
using Assessor.Service.Plans;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.Log;

/// <summary>
/// The audit log: signed checkpoints and proofs for anyone, the exact entries for reviewers and admins, each plan's
/// history for those who may see the plan, and <c>verify-log</c> for admins.
/// </summary>
public static class LogApi
{
    /// <summary>The media type of <c>GET /log/entries</c>: one event's exact bytes per line.</summary>
    public const string EntriesMediaType = "application/x-ndjson";

    public static IServiceCollection AddLog(this IServiceCollection services)
    {
        services.AddOptions<LogOptions>().BindConfiguration(LogOptions.Section).ValidateDataAnnotations()
            .Validate(options => Checkpoint.IsValidOrigin(options.Origin),
                $"{LogOptions.Section}:Origin must be one line without spaces or '+' (a schema-less URL such as example.org/log), at most 255 characters.")
            .ValidateOnStart();
        return services.AddSingleton<AuditLog>().AddSingleton<LogStore>().AddSingleton<Checkpoints>().AddSingleton<LogVerifier>();
    }

    public static RouteGroupBuilder MapLog(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Audit log").ProducesValidationProblem();
        var log = group.MapGroup("/log");
        log.MapGet("/checkpoint", GetCheckpoint).AllowAnonymous()
            .WithName("LogCheckpoint").WithSummary("The latest signed checkpoint, or the one signed at size=")
            .WithDescription("The log's tree head as a C2SP tlog-checkpoint body (origin, size, base64 root hash), signed with the service key as a "
                + "DSSE envelope of type `application/vnd.assessor.tlog-checkpoint`. Without `size`, the log as it is now (signed on first request "
                + "at that size, then kept); with `size`, the checkpoint signed at that size, if one was. Keep the answer whole to check proofs "
                + "against it later.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        log.MapGet("/proof/inclusion", InclusionProof).AllowAnonymous()
            .WithName("LogInclusionProof").WithSummary("The audit path of event index= in the tree of size= events (RFC 9162 §2.1.3)")
            .WithDescription("The hashes (standard base64) that lead from the leaf hash of event `index`, SHA-256(0x00 ‖ its bytes), to the root "
                + "of the tree of the first `size` events: check it against a checkpoint of that size.");
        log.MapGet("/proof/consistency", ConsistencyProof).AllowAnonymous()
            .WithName("LogConsistencyProof").WithSummary("The proof that the tree of first= events is a prefix of that of second= (RFC 9162 §2.1.4)")
            .WithDescription("The hashes (standard base64) that show the tree of the first `first` events is unchanged inside the tree of the first "
                + "`second` events: with checkpoints of both sizes, proof that nothing the older one covered was rewritten.");
        log.MapGet("/entries", Entries).RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.Admin},{Roles.Reviewer}" })
            .WithName("LogEntries").WithSummary("Events start= to end= (exclusive, at most 1000) as their exact bytes, one per line")
            .WithDescription("Each line is one event's exact canonical bytes, followed by a newline that is not part of them (the leaf hash is "
                + "SHA-256(0x00 ‖ those bytes)). At most 1,000 events, never past the log's size; 204 when there is no event at `start` yet.")
            .Produces(StatusCodes.Status200OK).WithResponseContent(StatusCodes.Status200OK, EntriesMediaType, text: true)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        log.MapGet("/verify", Verify).RequireAuthorization(Roles.Admin)
            .WithName("VerifyLog").WithSummary("verify-log: recompute the tree from the stored events and check it and every stored artefact")
            .WithDescription("Rebuilds the tree from the stored events and compares it with the stored hashes and every signed checkpoint, and "
                + "compares each stored revision, sign-off envelope and report file with the digest its event recorded. `mismatches` lists what "
                + "disagrees, in log order.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/plans/{id:guid}/history", History).RequireAuthorization()
            .WithName("PlanHistory").WithSummary("The plan's events from the audit log, oldest first")
            .WithDescription("Every event of the plan, its checklist runs and its sign-offs, in log order, for whoever may see the plan: who (role "
                + "and name; the principal id for reviewers and admins), when, what, on which revision, and the digests of what was stored.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Ok<CheckpointView>, ProblemHttpResult>> GetCheckpoint(
        long? size, Checkpoints checkpoints, CancellationToken cancellationToken)
    {
        var stored = size is { } wanted ? await checkpoints.AtAsync(wanted, cancellationToken) : await checkpoints.LatestAsync(cancellationToken);
        return stored is null
            ? Problems.Create(StatusCodes.Status404NotFound, "not-found", "No checkpoint of that size",
                "Checkpoints are signed at the sizes someone asked for; GET /log/checkpoint without size signs the latest.")
            : TypedResults.Ok(Checkpoints.View(stored));
    }

    public static async Task<Results<Ok<InclusionProofView>, ProblemHttpResult>> InclusionProof(
        long? index, long? size, LogStore log, CancellationToken cancellationToken)
    {
        var logSize = await log.SizeAsync(cancellationToken);
        var errors = new List<ValidationError>();
        Require(errors, "size", size, 1, logSize, TreeSizeUpTo(logSize));
        Require(errors, "index", index, 0, (size ?? logSize) - 1, new("An event index below size.", "size より小さいイベント番号を指定してください。"));
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var path = await log.InclusionProofAsync(index!.Value, size!.Value, cancellationToken);
        return TypedResults.Ok(new InclusionProofView(index.Value, size.Value, path.Select(Convert.ToBase64String).ToList()));
    }

    public static async Task<Results<Ok<ConsistencyProofView>, ProblemHttpResult>> ConsistencyProof(
        long? first, long? second, LogStore log, CancellationToken cancellationToken)
    {
        var logSize = await log.SizeAsync(cancellationToken);
        var errors = new List<ValidationError>();
        Require(errors, "second", second, 1, logSize, TreeSizeUpTo(logSize));
        Require(errors, "first", first, 1, second ?? logSize, new("A tree size from 1 to second.", "1 から second までのツリーサイズを指定してください。"));
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var proof = await log.ConsistencyProofAsync(first!.Value, second!.Value, cancellationToken);
        return TypedResults.Ok(new ConsistencyProofView(first.Value, second.Value, proof.Select(Convert.ToBase64String).ToList()));
    }

    public static async Task<Results<FileContentHttpResult, NoContent, ProblemHttpResult>> Entries(
        long? start, long? end, LogStore log, CancellationToken cancellationToken)
    {
        var logSize = await log.SizeAsync(cancellationToken);
        var errors = new List<ValidationError>();
        Require(errors, "start", start, 0, logSize, new(
            $"An event index from 0 to the log's size ({logSize}).", $"0 からログの大きさ（{logSize}）までのイベント番号を指定してください。"));
        if (end is { } e && (e < (start ?? 0)))
        {
            errors.Add(new("end", new ValidationText("Not before start.", "start より前にはできません。")));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var from = start!.Value;
        var to = Math.Min(Math.Min(end ?? long.MaxValue, from + LogStore.MaxEntriesPerPage), logSize);
        var entries = await log.EntriesAsync(from, to, cancellationToken);
        if (entries.Count == 0)
        {
            return TypedResults.NoContent();
        }

        var body = new MemoryStream();
        foreach (var entry in entries)
        {
            body.Write(entry.Body);
            body.WriteByte((byte)'\n');
        }

        return TypedResults.File(body.ToArray(), EntriesMediaType);
    }

    public static async Task<Ok<LogVerificationView>> Verify(LogVerifier verifier, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verifier.VerifyAsync(cancellationToken));

    public static async Task<Results<Ok<PlanHistoryView>, ProblemHttpResult>> History(
        Guid id, ClaimsPrincipal user, PlanStore plans, LogStore log, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (await plans.GetAsync(id, PlanScope.For(caller), cancellationToken) is null)
        {
            return Problems.NotFound("Plan");
        }

        // Reviewers and admins may follow an actor across plans; the plan's other parties see names and roles.
        var showIds = caller.Role is Roles.Admin or Roles.Reviewer;
        var events = await log.PlanEventsAsync(id, before: null, cancellationToken);
        return TypedResults.Ok(new PlanHistoryView(id, events
            .Select(row => (row, e: LogEvents.TryParse(row.Body)))
            .Where(x => x.e is not null)
            .Select(x => new HistoryEventView(
                x.e!.Index, x.e.Time, x.e.Action,
                new HistoryActorView(x.e.Actor.Role, x.row.ActorName, showIds ? x.e.Actor.Id : null),
                $"{x.e.Subject.Type}/{x.e.Subject.Id}", x.e.Plan?.Revision, x.e.Plan?.Digest, x.e.Digests, x.e.Details))
            .ToList()));
    }

    private static ValidationText TreeSizeUpTo(long logSize) =>
        new($"A tree size from 1 to the log's size ({logSize}).", $"1 からログの大きさ（{logSize}）までのツリーサイズを指定してください。");

    private static void Require(List<ValidationError> errors, string name, long? value, long min, long max, ValidationText message)
    {
        if (value is not { } v || v < min || v > max)
        {
            errors.Add(new(name, message));
        }
    }
}
