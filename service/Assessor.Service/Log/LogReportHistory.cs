using Assessor.Domain.Log;
using Assessor.Domain.Reports;
using Assessor.Service.Identity;

namespace Assessor.Service.Log;

/// <summary>The history section of a report, read from the audit log.</summary>
public static class LogReportHistory
{
    /// <summary>
    /// The plan's events, compacted for a report. For a certification, the events before its log index and then the
    /// certification itself, which is being appended at that index in the same transaction as the report.
    /// </summary>
    public static async Task<IReadOnlyList<ReportHistoryEntry>> ReportHistoryAsync(
        this LogStore log, Guid planId, (long Index, long Revision, ReportDecision Decision)? certification, CancellationToken cancellationToken)
    {
        var events = (await log.PlanEventsAsync(planId, certification?.Index, cancellationToken))
            .Select(row => (Event: LogEvents.TryParse(row.Body), row.ActorName))
            .Where(e => e.Event is not null)
            .Select(e => (e.Event!, e.ActorName ?? e.Event!.Actor.Role))
            .ToList();
        if (certification is { } c)
        {
            events.Add((new LogEvent(c.Index, c.Decision.DecidedAt, LogActions.PlanCertified, new LogActor(null, Roles.Reviewer), LogSubject.Plan(planId),
                new LogPlanRef(planId, c.Revision, ""), new Dictionary<string, string>(), new Dictionary<string, string>()), c.Decision.ReviewerName));
        }

        return ReportHistory.Compact(events);
    }
}
