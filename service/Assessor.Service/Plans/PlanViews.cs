using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assessor.Domain.Procedure;

namespace Assessor.Service.Plans;

/// <summary>
/// A plan as the API shows it. A single plan carries its current revision's <c>document</c>, <c>digest</c> and
/// <c>eTag</c>; list items leave them out.
/// </summary>
/// <param name="Id">The plan's id.</param>
/// <param name="Status">
/// <c>draft</c> (the applicant may revise and submit), <c>submitted</c> (in review: sign-off and decision),
/// <c>returned</c> (back with the applicant for a new revision), <c>certified</c> or <c>rejected</c>.
/// </param>
/// <param name="Regime">The regime the current revision applies under, e.g. <c>connected-industries-2018</c>.</param>
/// <param name="Title">The current revision's title.</param>
/// <param name="ApplicantCorporateNumber">The applying company's 13-digit corporate number; it never changes across revisions.</param>
/// <param name="ApplicantName">The applying company's name, as in the current revision.</param>
/// <param name="CurrentRevision">The number of the current revision: 1 for the first upload, one more for each new revision.</param>
/// <param name="CreatedAt">When the plan was first uploaded (ISO-8601, UTC).</param>
/// <param name="UpdatedAt">When the plan last changed: a new revision, submission, sign-off or decision (ISO-8601, UTC).</param>
public sealed record PlanView(
    Guid Id,
    PlanStatus Status,
    string Regime,
    string Title,
    string ApplicantCorporateNumber,
    string ApplicantName,
    long CurrentRevision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary><c>sha256:</c> and the lower-case hex SHA-256 of the current revision's exact bytes; absent in lists.</summary>
    public string? Digest { get; init; }

    /// <summary>The plan's current entity tag, as in the <c>ETag</c> header: send it in <c>If-Match</c> to revise or submit; absent in lists.</summary>
    public string? ETag { get; init; }

    /// <summary>The current revision's plan document, as uploaded; absent in lists (its exact bytes are at <c>GET /plans/{id}/revisions/{n}</c>).</summary>
    public JsonElement? Document { get; init; }

    /// <summary>
    /// The latest reviewer decision on the plan, with its reason (why a plan was returned or rejected); absent in lists
    /// and before any decision.
    /// </summary>
    public PlanDecisionView? Decision { get; init; }
}

/// <summary>A reviewer's decision as the plan shows it.</summary>
/// <param name="Decision"><c>certify</c>, <c>reject</c> or <c>return</c>.</param>
/// <param name="Reason">What the reviewer wrote: required for a rejection or a return, optional for a certification.</param>
/// <param name="Revision">The plan revision the decision was taken on.</param>
/// <param name="DecidedAt">When the decision was recorded (ISO-8601, UTC).</param>
public sealed record PlanDecisionView(Decision Decision, string? Reason, long Revision, DateTimeOffset DecidedAt);

/// <summary>One page of plans; <c>nextCursor</c> is null (and present) on the last page.</summary>
/// <param name="Items">The plans on this page, oldest first, without their documents.</param>
/// <param name="NextCursor">The opaque cursor of the next page, to pass as <c>cursor</c>; always present, and null on the last page.</param>
public sealed record PlanPage(IReadOnlyList<PlanView> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);

public static class PlanViewMapping
{
    public static string ETag(this PlanRow plan) => $"\"{plan.Id:N}.{plan.Version.ToString(CultureInfo.InvariantCulture)}\"";

    public static string Digest(this RevisionRow revision) => $"sha256:{revision.Sha256}";

    public static PlanView AsView(this PlanRow plan, RevisionRow revision)
    {
        using var document = JsonDocument.Parse(revision.Body);
        return plan.AsSummary() with { Digest = revision.Digest(), ETag = plan.ETag(), Document = document.RootElement.Clone() };
    }

    public static PlanView AsSummary(this PlanRow plan) =>
        new(plan.Id, plan.Status, plan.Regime, plan.Title, plan.ApplicantCorporateNumber, plan.ApplicantName, plan.CurrentRevision,
            plan.CreatedAt, plan.UpdatedAt);

    /// <summary>Parses the version out of an <c>If-Match</c> ETag for this plan; null when it is not one of ours.</summary>
    public static long? ParseVersion(Guid planId, string ifMatch)
    {
        var prefix = $"\"{planId:N}.";
        var value = ifMatch.Trim();
        return value.StartsWith(prefix, StringComparison.Ordinal) && value.EndsWith('"')
            && long.TryParse(value.AsSpan(prefix.Length, value.Length - prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;
    }
}
