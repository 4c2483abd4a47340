using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Service.Decisions;
using Assessor.Service.Http;
using Assessor.Service.Idempotency;
using Assessor.Service.Identity;
using Assessor.Service.Log;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assessor.Service.Plans;

public static class PlansApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static IServiceCollection AddPlans(this IServiceCollection services) =>
        services.AddSingleton<PlanStore>().AddSingleton<ConsortiumConsentStore>();

    public static RouteGroupBuilder MapPlans(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/plans").WithTags("Plans").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapPost("/", CreatePlan).RequireAuthorization(Roles.Applicant)
            .WithName("CreatePlan").WithSummary("Upload a new plan (draft, revision 1); honours Idempotency-Key")
            .WithMetadata(new IdempotentEndpoint())
            .Accepts<PlanDocument>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithResponseHeaders(StatusCodes.Status201Created, ResponseHeader.ETag);
        group.MapGet("/", ListPlans).WithName("ListPlans").WithSummary("List the plans visible to you, oldest first, by cursor")
            .WithParameter("status", "Only plans with this status.", ClosedSets.PlanStatus)
            .WithParameter("cursor", "`nextCursor` of the previous page; omit for the first page.")
            .WithParameter("limit", $"Plans per page, 1 to {MaxPageSize}; {DefaultPageSize} when omitted.");
        group.MapGet("/{id:guid}", GetPlan).WithName("GetPlan").WithSummary("One plan with its current revision")
            .WithResponseHeaders(StatusCodes.Status200OK, ResponseHeader.ETag);
        group.MapPut("/{id:guid}", RevisePlan).RequireAuthorization(Roles.Applicant)
            .WithName("RevisePlan").WithSummary("Upload a new revision (If-Match required) while draft or returned")
            .Accepts<PlanDocument>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithRequestHeader("If-Match", "The `ETag` of the plan as you read it, or `*` to overwrite whatever revision is current. "
                + "Without it the answer is 428; when the plan has changed since, 412.", required: true)
            .WithResponseHeaders(StatusCodes.Status200OK, ResponseHeader.ETag);
        group.MapPost("/{id:guid}/submit", SubmitPlan).RequireAuthorization(Roles.Applicant)
            .WithName("SubmitPlan").WithSummary("Hand the plan over for security review")
            .WithRequestHeader("If-Match", "Optional: the `ETag` of the plan as you read it; when sent and the plan has changed since, 412.")
            .WithResponseHeaders(StatusCodes.Status200OK, ResponseHeader.ETag);
        group.MapGet("/{id:guid}/revisions/{number:long}", GetRevision)
            .WithName("GetRevision").WithSummary("The exact accepted bytes of revision n")
            .Produces(StatusCodes.Status200OK).WithResponseContent(StatusCodes.Status200OK, "application/json", nameof(PlanDocument))
            .WithResponseHeaders(StatusCodes.Status200OK, ResponseHeader.ETag, ResponseHeader.Digest, ResponseHeader.ReprDigest, ResponseHeader.Immutable);
        routes.MapConsortium();
        return group;
    }

    public static async Task<Results<JsonCreated<PlanView>, ProblemHttpResult>> CreatePlan(
        HttpContext context, ClaimsPrincipal user, PlanStore plans, CancellationToken cancellationToken)
    {
        var (accepted, problem) = await PlanIntake.ReadAsync(context.Request, cancellationToken);
        return accepted is null ? problem! : await CreateAsync(accepted, context, user, plans, cancellationToken);
    }

    /// <summary>Stores an accepted upload as a new plan: the API's request body or the console's form.</summary>
    public static async Task<Results<JsonCreated<PlanView>, ProblemHttpResult>> CreateAsync(
        PlanIntake.Accepted accepted, HttpContext context, ClaimsPrincipal user, PlanStore plans, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (accepted.ApplicantCorporateNumber != caller.CorporateNumber)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "other-company",
                "You can only create plans for your own company",
                "applicant.corporateNumber must be the corporate number your key is bound to.");
        }

        var content = accepted.ToRevision();
        var plan = plans.New(content);
        var location = $"/api/v1/plans/{plan.Id}";
        var view = plan.AsView(new RevisionRow(plan.Id, plan.CurrentRevision, content.Body, content.Sha256, caller.Id, plan.CreatedAt));
        // A retried request replays this very response, recorded in the plan's own transaction.
        var recorded = IdempotencyClaim.ResponseFor(context, StatusCodes.Status201Created, location, plan.ETag(), view);
        await plans.CreateAsync(plan, content, caller.Actor(), recorded, cancellationToken);
        context.Response.Headers.ETag = plan.ETag();
        return JsonAnswer.Created(location, view, recorded?.Body);
    }

    public static async Task<Results<JsonAnswer<PlanPage>, ProblemHttpResult>> ListPlans(
        ClaimsPrincipal user, PlanStore plans, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        PlanStatus? wanted = null;
        if (status is not null)
        {
            if (!WireNames<PlanStatus>.TryParse(status, out var parsed))
            {
                return Problems.Validation("status", ValidationText.OneOf(WireNames<PlanStatus>.All));
            }

            wanted = parsed;
        }

        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Validation("limit", new($"Must be between 1 and {MaxPageSize}.", $"1 から {MaxPageSize} までを指定してください。"));
        }

        (DateTimeOffset, Guid)? after = null;
        if (cursor is not null)
        {
            after = DecodeCursor(cursor);
            if (after is null)
            {
                return Problems.Validation("cursor", new(
                    "Not a cursor this service issued; pass nextCursor from a previous page.", "このサービスが発行したカーソルではありません。前のページの nextCursor を渡してください。"));
            }
        }

        var size = limit ?? DefaultPageSize;
        // One extra row tells whether another page follows.
        var rows = await plans.ListAsync(PlanScope.For(Caller.From(user)), wanted, after, size + 1, cancellationToken);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? EncodeCursor(page[^1]) : null;
        return JsonAnswer.Of(new PlanPage(page.Select(p => p.AsSummary()).ToList(), next));
    }

    public static async Task<Results<JsonAnswer<PlanView>, ProblemHttpResult>> GetPlan(
        Guid id, HttpContext context, ClaimsPrincipal user, PlanStore plans, CancellationToken cancellationToken)
    {
        if (await plans.GetCurrentAsync(id, PlanScope.For(Caller.From(user)), cancellationToken) is not (var plan, var revision, var decision))
        {
            return Problems.NotFound("Plan");
        }

        context.Response.Headers.ETag = plan.ETag();
        // The latest decision tells an applicant why a plan came back, and a reviewer what was decided.
        return JsonAnswer.Of(plan.AsView(revision) with { Decision = decision });
    }

    public static async Task<Results<Ok<PlanView>, ProblemHttpResult>> RevisePlan(
        Guid id, HttpContext context, ClaimsPrincipal user, PlanStore plans,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        // Visibility first: another company's plan is a 404 (a participant's, 403) whatever the request holds.
        var current = await plans.GetAsync(id, PlanScope.For(caller, PlanAccess.Change), cancellationToken);
        if (current is null)
        {
            return await PlanResults.NotChangeableAsync(id, caller, plans, cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return Problems.Create(StatusCodes.Status428PreconditionRequired, "precondition-required",
                "If-Match is required", "Send the ETag of the plan you revised in If-Match, so no one else's revision is overwritten.");
        }

        if (PlanResults.UnquotedEntityTag(ifMatch) is { } unquoted)
        {
            return unquoted;
        }

        var (accepted, problem) = await PlanIntake.ReadAsync(context.Request, cancellationToken);
        return accepted is null ? problem! : await ReviseAsync(current, accepted, ifMatch, context, user, plans, cancellationToken);
    }

    /// <summary>Stores an accepted upload as a new revision of <paramref name="current"/> (as the caller sees it), if <paramref name="ifMatch"/> still holds.</summary>
    public static async Task<Results<Ok<PlanView>, ProblemHttpResult>> ReviseAsync(
        PlanRow current, PlanIntake.Accepted accepted, string ifMatch, HttpContext context, ClaimsPrincipal user, PlanStore plans,
        CancellationToken cancellationToken)
    {
        var id = current.Id;
        var caller = Caller.From(user);
        var scope = PlanScope.For(caller, PlanAccess.Change);
        if (accepted.ApplicantCorporateNumber != caller.CorporateNumber)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "applicant-changed",
                "A plan cannot change its applicant", "applicant.corporateNumber must stay the corporate number of the plan.");
        }

        // "*" (RFC 9110) matches whatever is current: the client knowingly overwrites the latest revision.
        var expected = ifMatch.Trim() == "*" ? current.Version : PlanViewMapping.ParseVersion(id, ifMatch) ?? -1;
        var change = await plans.ReviseAsync(id, scope, expected, accepted.ToRevision(), caller.Actor(), cancellationToken);
        return await PlanResults.RespondAsync(change, context, plans, scope, cancellationToken);
    }

    public static async Task<Results<Ok<PlanView>, ProblemHttpResult>> SubmitPlan(
        Guid id, HttpContext context, ClaimsPrincipal user, PlanStore plans,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var scope = PlanScope.For(caller, PlanAccess.Change);
        if (!string.IsNullOrWhiteSpace(ifMatch) && PlanResults.UnquotedEntityTag(ifMatch) is { } unquoted)
        {
            return unquoted;
        }

        long? expected = string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*" ? null : PlanViewMapping.ParseVersion(id, ifMatch) ?? -1;
        var change = await plans.SubmitAsync(id, scope, expected, caller.Actor(), cancellationToken);
        if (change is PlanChange.NotFound)
        {
            return await PlanResults.NotChangeableAsync(id, caller, plans, cancellationToken);
        }

        // A returned plan goes back through a new revision: say so rather than only that submit is not allowed.
        return change is PlanChange.WrongState { Status: PlanStatus.Returned }
            ? Problems.Create(StatusCodes.Status409Conflict, "illegal-transition", "Upload a new revision before submitting again",
                "The reviewer returned this plan (see decision.reason on GET /plans/{id}). Upload a revision with PUT /plans/{id}; " +
                "it becomes a draft, which you can submit.",
                new Dictionary<string, object?> { ["currentState"] = PlanStatus.Returned.ToWire() })
            : await PlanResults.RespondAsync(change, context, plans, scope, cancellationToken);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetRevision(
        Guid id, long number, HttpContext context, ClaimsPrincipal user, PlanStore plans, CancellationToken cancellationToken)
    {
        var revision = await plans.GetRevisionAsync(id, number, PlanScope.For(Caller.From(user)), cancellationToken);
        if (revision is null)
        {
            return Problems.NotFound("Revision");
        }

        var digest = Convert.ToBase64String(Convert.FromHexString(revision.Sha256));
        context.Response.Headers["Digest"] = $"sha-256={digest}";
        context.Response.Headers["Repr-Digest"] = $"sha-256=:{digest}:";
        context.Response.Headers.ETag = $"\"sha256:{revision.Sha256}\"";
        // Revisions never change, so clients and proxies may keep them.
        context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return TypedResults.File(revision.Body, "application/json");
    }

    private static string EncodeCursor(PlanRow last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{last.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}|{last.Id:D}"));

    private static (DateTimeOffset, Guid)? DecodeCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|');
            return parts.Length == 2
                && DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdAt)
                && Guid.TryParse(parts[1], out var id)
                ? (createdAt, id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
