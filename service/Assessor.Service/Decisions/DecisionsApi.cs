using System.Security.Claims;
using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.Reports;
using Assessor.Service.Assessments;
using Assessor.Service.Http;
using Assessor.Service.Identity;
using Assessor.Service.Log;
using Assessor.Service.Plans;
using Assessor.Service.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Decisions;

/// <summary>A reviewer's decision on a submitted plan.</summary>
/// <param name="Decision">
/// <c>certify</c> (only when every requirement passes on the current revision, otherwise 409 <c>not-certifiable</c>),
/// <c>reject</c> or <c>return</c> (back to the applicant for a new revision).
/// </param>
/// <param name="Reason">Why: required (not blank) for <c>reject</c> and <c>return</c>, so the applicant can act on it, optional for <c>certify</c>; at most 4000 characters.</param>
/// <param name="Revision">The plan revision the reviewer decided on; when given and no longer current, the decision is refused (409 <c>revision-changed</c>).</param>
public sealed record DecisionRequest(string? Decision, string? Reason, long? Revision);

/// <summary>A ministry reviewer's decision on a submitted plan: certify, reject, or return for revision.</summary>
public static class DecisionsApi
{
    public const int MaxReasonLength = 4000;

    public static IServiceCollection AddDecisions(this IServiceCollection services) =>
        services.AddSingleton<DecisionStore>().AddSingleton<CertificateNumbers>();

    public static RouteGroupBuilder MapDecisions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/plans/{id:guid}").WithTags("Decisions").RequireAuthorization(Roles.Reviewer)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/decision", Decide).WithName("DecidePlan").WithSummary("Certify, reject or return a submitted plan")
            .WithResponseHeaders(StatusCodes.Status200OK, ResponseHeader.ETag);
        return group;
    }

    public static async Task<Results<Ok<PlanView>, ProblemHttpResult>> Decide(
        Guid id, DecisionRequest request, HttpContext context, ClaimsPrincipal user, PlanStore plans, PlanAssessments assessments,
        Reporting reporting, DecisionStore decisions, PrincipalStore principals, LogStore log, IOptions<ReportOptions> reportOptions, TimeProvider clock,
        CertificateCatalog certificates, CertificateNumbers numbers, CancellationToken cancellationToken)
    {
        var errors = Validate(request, out var decision);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var caller = Caller.From(user);
        var scope = PlanScope.For(caller);
        var plan = await plans.GetAsync(id, scope, cancellationToken);
        if (plan is null)
        {
            return Problems.NotFound("Plan");
        }

        // Only certification depends on the assessment; a rejection or a return needs none.
        var assessment = decision == Decision.Certify && PlanLifecycle.Allows(plan.Status, PlanAction.Decide)
            ? await assessments.AssessCurrentAsync(plan, cancellationToken)
            : null;
        var failing = assessment?.Requirements.Where(r => r.Status != RequirementStatus.Pass).ToList() ?? [];
        var refusal = PlanLifecycle.CheckDecision(decision, plan.Status, plan.CurrentRevision, request.Revision,
            assessment is null && decision == Decision.Certify ? [UnknownRegime] : [.. failing.Select(r => r.Id)]);
        if (refusal is not null)
        {
            return Refused(refusal, failing);
        }

        // Whole microseconds, what PostgreSQL keeps: the time read back later is the time the certified report and OSCAL printed.
        var now = clock.GetUtcNow();
        var record = new DecisionRecord(Guid.NewGuid(), decision, request.Reason?.Trim(), caller.Id, now.AddTicks(-(now.Ticks % 10)));
        PendingCertification? certification = null;
        if (decision == Decision.Certify)
        {
            // Rendered and signed before the transaction, for the log index and certificate number it is expected to get;
            // stored inside it, so a certified plan always has its report.
            var reviewer = (await principals.NameOfAsync(caller.Id, cancellationToken))!;
            var reportDecision = new ReportDecision(record.Decision, record.Reason, reviewer, record.DecidedAt);
            var verifyBaseUrl = reportOptions.Value.PublicBaseUrlFor(context.Request);
            Task<SignedReport> CertifyAt(long logIndex, CertificateNumber number, CancellationToken cancel) =>
                reporting.CertifyAsync(plan, assessment!, record.Id, reportDecision, verifyBaseUrl, logIndex, number.Text, cancel);
            var expectedIndex = await log.SizeAsync(cancellationToken);
            var expectedNumber = await numbers.ExpectedAsync(certificates.PrefixOf(plan.Regime), CertificateNumber.YearOf(record.DecidedAt), cancellationToken);
            certification = new PendingCertification(expectedIndex, expectedNumber, await CertifyAt(expectedIndex, expectedNumber, cancellationToken), CertifyAt);
        }

        if (!await decisions.RecordAsync(plan, record, certification, caller.Actor(), cancellationToken))
        {
            return Problems.Create(StatusCodes.Status409Conflict, "plan-changed", "The plan changed while you decided",
                "Another decision, a sign-off or a revision landed first; read the plan and its assessment again.");
        }

        var decided = await plans.GetAsync(id, scope, cancellationToken);
        return await PlanResults.RespondAsync(decided is null ? new PlanChange.NotFound() : new PlanChange.Done(decided), context, plans, scope,
            cancellationToken);
    }

    /// <summary>Stands for the whole assessment when the plan's regime is no longer known.</summary>
    private const string UnknownRegime = "regime";

    /// <summary>The decision feature's problem codes, one per refusal of <see cref="PlanLifecycle.CheckDecision"/>.</summary>
    private static ProblemHttpResult Refused(DecisionRefusal refusal, IReadOnlyList<RequirementResult> failing) => refusal switch
    {
        DecisionRefusal.RevisionChanged changed => Problems.Create(StatusCodes.Status409Conflict, "revision-changed", "The plan has another revision now",
            $"You decided on revision {changed.Decided}; the current revision is {changed.Current}."),
        DecisionRefusal.IllegalTransition illegal => PlanResults.IllegalTransition(illegal.Current),
        DecisionRefusal.NotCertifiable => Problems.Create(StatusCodes.Status409Conflict, "not-certifiable", "Not every requirement passes on the current revision",
            "Certification needs every requirement to pass, including the attestation the plan's regime needs (a security sign-off, or the applicant's self-check) on this revision.",
            new Dictionary<string, object?>
            {
                ["failing"] = failing.Count == 0 ? null : failing.Select(r => new { r.Id, Status = r.Status.ToWire(), r.Reasons }).ToList(),
            }),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "A refusal without a problem code."),
    };

    private static List<ValidationError> Validate(DecisionRequest request, out Decision decision)
    {
        var errors = new List<ValidationError>();
        if (!WireNames<Decision>.TryParse(request.Decision, out decision))
        {
            errors.Add(new("$.decision", new ValidationText("Must be certify, reject or return.", "certify、reject、return のいずれかを指定してください。")));
        }
        else if (PlanLifecycle.NeedsReason(decision) && string.IsNullOrWhiteSpace(request.Reason))
        {
            errors.Add(new("$.reason", new ValidationText(
                "A rejection or a return needs a reason the applicant can act on.", "却下と差し戻しには、申請者が対応できる理由が必要です。")));
        }

        if (request.Reason is { Length: > MaxReasonLength })
        {
            errors.Add(new("$.reason", ValidationText.AtMostCharacters(MaxReasonLength)));
        }

        return errors;
    }
}
