using System.Text.Json.Serialization;

namespace Assessor.Domain.Procedure;

/// <summary>Where a checklist run stands; only an open run may be answered or signed off.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>Its plan is in review at the run's revision and nobody has signed it.</summary>
    [JsonStringEnumMemberName("open")] Open,

    /// <summary>Signed off; it can no longer change.</summary>
    [JsonStringEnumMemberName("signed")] Signed,

    /// <summary>The plan has a newer revision; the run attests history.</summary>
    [JsonStringEnumMemberName("superseded")] Superseded,

    /// <summary>The plan left review (decided or returned) before anyone signed.</summary>
    [JsonStringEnumMemberName("closed")] Closed,
}

public static class RunStatuses
{
    /// <summary>A run belongs to one plan revision: a newer revision supersedes it, a signature or the end of review closes it.</summary>
    public static RunStatus Of(long runRevision, long planRevision, bool signed, PlanStatus planStatus) =>
        planRevision != runRevision ? RunStatus.Superseded
        : signed ? RunStatus.Signed
        : PlanLifecycle.Allows(planStatus, PlanAction.Attest) ? RunStatus.Open
        : RunStatus.Closed;

    /// <summary>
    /// An applicant's self-check run belongs to one plan revision too: a newer revision supersedes it, and it is open while the
    /// plan is one the applicant may still self-check (draft or submitted), closed otherwise. It is never signed.
    /// </summary>
    public static RunStatus OfSelfCheck(long runRevision, long planRevision, PlanStatus planStatus) =>
        planRevision != runRevision ? RunStatus.Superseded
        : PlanLifecycle.Allows(planStatus, PlanAction.SelfCheck) ? RunStatus.Open
        : RunStatus.Closed;
}
