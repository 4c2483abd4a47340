using Assessor.Domain.Log;

namespace Assessor.Service.Log;

/// <summary>The plan revision an entry concerns; a null digest is looked up from the stored revision when the entry is appended.</summary>
public sealed record LogPlan(Guid Id, long Revision, string? Digest = null);

/// <summary>A state change to record, before the log gives it its index (see <see cref="AuditLog"/>).</summary>
public sealed record LogEntry(
    string Action,
    LogActor Actor,
    LogSubject Subject,
    DateTimeOffset Time,
    LogPlan? Plan = null,
    IReadOnlyDictionary<string, string>? Digests = null,
    IReadOnlyDictionary<string, string>? Details = null)
{
    public LogEvent At(long index, LogPlanRef? plan) => new(
        index, Time, Action, Actor, Subject, plan,
        Digests ?? new Dictionary<string, string>(), Details ?? new Dictionary<string, string>());
}
