using Assessor.Domain.Log;

namespace Assessor.Domain.Reports;

/// <summary>
/// One line of a report's history section: an event of the plan's audit log, or a run of consecutive answers by one
/// actor to one checklist or self-check run, which the report counts on one line (<see cref="Count"/>, up to <see cref="Through"/>).
/// </summary>
/// <param name="Index">The log index of the (first) event.</param>
/// <param name="Through">The log index of the last event the line stands for; equal to <see cref="Index"/> for a single event.</param>
/// <param name="Count">How many events the line stands for.</param>
/// <param name="Time">When the (last) event happened.</param>
/// <param name="Action">The event's action, e.g. <c>plan.submitted</c>.</param>
/// <param name="Actor">The actor's name as the service knows it; the role alone for the service itself.</param>
/// <param name="Role">The role the actor acted in.</param>
/// <param name="Revision">The plan revision the event concerns, when it concerns one.</param>
public sealed record ReportHistoryEntry(long Index, long Through, int Count, DateTimeOffset Time, string Action, string Actor, string Role, long? Revision);

public static class ReportHistory
{
    /// <summary>The plan's events, oldest first, with consecutive answers to one run by one actor on a single line.</summary>
    public static IReadOnlyList<ReportHistoryEntry> Compact(IEnumerable<(LogEvent Event, string ActorName)> events)
    {
        var lines = new List<ReportHistoryEntry>();
        (string Subject, Guid? Actor)? lastAnswers = null;
        foreach (var (e, name) in events.OrderBy(e => e.Event.Index))
        {
            var answers = e.Action is LogActions.AnswerChanged or LogActions.SelfCheckAnswerChanged ? (e.Subject.Id, e.Actor.Id) : ((string, Guid?)?)null;
            if (answers is not null && answers == lastAnswers && lines.Count > 0)
            {
                var last = lines[^1];
                lines[^1] = last with { Through = e.Index, Count = last.Count + 1, Time = e.Time };
                continue;
            }

            lines.Add(new ReportHistoryEntry(e.Index, e.Index, 1, e.Time, e.Action, name, e.Actor.Role, e.Plan?.Revision));
            lastAnswers = answers;
        }

        return lines;
    }
}
