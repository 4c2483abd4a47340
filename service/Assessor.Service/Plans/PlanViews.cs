using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assessor.Service.Plans;

/// <summary>A plan as the API shows it; <see cref="Document"/> is the current revision's document.</summary>
public sealed record PlanView(
    Guid Id,
    string Status,
    string Regime,
    string Title,
    string ApplicantCorporateNumber,
    string ApplicantName,
    long CurrentRevision,
    string Digest,
    string ETag,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    JsonElement Document);

public sealed record PlanSummary(
    Guid Id,
    string Status,
    string Regime,
    string Title,
    string ApplicantCorporateNumber,
    string ApplicantName,
    long CurrentRevision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One page of plans; <see cref="NextCursor"/> is null (and present) on the last page.</summary>
public sealed record PlanPage(IReadOnlyList<PlanSummary> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);

public static class PlanViewMapping
{
    public static string ETag(this PlanRow plan) => $"\"{plan.Id:N}.{plan.Version.ToString(CultureInfo.InvariantCulture)}\"";

    public static string Digest(this RevisionRow revision) => $"sha256:{revision.Sha256}";

    public static PlanView AsView(this PlanRow plan, RevisionRow revision)
    {
        using var document = JsonDocument.Parse(revision.Body);
        return new PlanView(plan.Id, plan.Status, plan.Regime, plan.Title, plan.ApplicantCorporateNumber, plan.ApplicantName,
            plan.CurrentRevision, revision.Digest(), plan.ETag(), plan.CreatedAt, plan.UpdatedAt, document.RootElement.Clone());
    }

    public static PlanSummary AsSummary(this PlanRow plan) =>
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