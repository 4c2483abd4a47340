using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assessor.Domain.Procedure;

namespace Assessor.Service.Plans;

/// <summary>
/// A plan as the API shows it. A single plan carries its current revision's <see cref="Document"/> and
/// <see cref="ETag"/>; list items leave both out.
/// </summary>
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
    public string? Digest { get; init; }

    public string? ETag { get; init; }

    public JsonElement? Document { get; init; }
}

/// <summary>One page of plans; <see cref="NextCursor"/> is null (and present) on the last page.</summary>
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
