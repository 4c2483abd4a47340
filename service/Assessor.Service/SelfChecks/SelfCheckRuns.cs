using Assessor.Domain.Checklists;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.Reports;
using Assessor.Service.Plans;

namespace Assessor.Service.SelfChecks;

/// <summary>Everything known about a self-check run: its plan as it is now, its checklist and its answers.</summary>
public sealed record SelfCheckState(SelfCheckRunRow Run, PlanRow Plan, ChecklistDefinition Checklist, IReadOnlyList<SelfCheckAnswerRow> Answers)
{
    public RunStatus Status => RunStatuses.OfSelfCheck(Run.PlanRevision, Plan.CurrentRevision, Plan.Status);

    /// <summary>Answers the checklist has, by item id (an answer to an item the checklist no longer has is ignored).</summary>
    private Dictionary<string, SelfCheckAnswerRow> ByItem =>
        Answers.Where(a => Checklist.Items.Any(i => i.Id == a.ItemId)).ToDictionary(a => a.ItemId, StringComparer.Ordinal);

    /// <summary>The run as the domain scores it: answered count and, once complete, the score and band.</summary>
    public SelfCheckResult Result => SelfCheckResult.Of(Run.Id, Checklist, ByItem.ToDictionary(p => p.Key, p => p.Value.Value), Run.UpdatedAt);

    public ReportSelfCheck ForReport()
    {
        var result = Result;
        return ReportSelfCheck.Create(Checklist, ByItem.ToDictionary(p => p.Key, p => (p.Value.Value, p.Value.Notes)), result.Score, result.Band, Run.UpdatedAt);
    }

    public SelfCheckRunView AsView()
    {
        var result = Result;
        var byItem = ByItem;
        var points = Checklist.Scoring!.Points;
        return new SelfCheckRunView(
            Run.Id,
            Run.PlanId,
            Run.PlanRevision,
            $"sha256:{Run.PlanSha256}",
            Checklist.Id,
            Checklist.Version,
            Status,
            result.Answered,
            result.Items,
            result.Complete,
            result.Score,
            result.Maximum,
            result.Band is { } band ? new SelfCheckBandView(band.From, band.To, band.Meaning, band.SecurityAction) : null,
            [.. Checklist.Items.Where(i => !byItem.ContainsKey(i.Id)).Select(i => i.Id)],
            [.. Checklist.Items.Select(i => new SelfCheckItemView(i.Id, i.Category, i.Mandatory, i.Question, i.Guidance, i.Evidence,
                byItem.TryGetValue(i.Id, out var a) ? new SelfCheckAnswerView(a.Value, points.For(a.Value), a.Notes, a.AnsweredAt) : null))],
            Run.CreatedAt,
            Run.UpdatedAt);
    }
}

/// <summary>Loads self-check runs with their plan, checklist and answers.</summary>
public sealed class SelfCheckRuns(SelfCheckStore store, PlanStore plans, ChecklistCatalog catalog)
{
    /// <summary>The run, when its plan is visible in <paramref name="scope"/>; a run on a plan the caller may not see is not found.</summary>
    public async Task<SelfCheckState?> LoadAsync(Guid runId, PlanScope scope, CancellationToken cancellationToken)
    {
        var run = await store.GetAsync(runId, cancellationToken);
        var plan = run is null ? null : await plans.GetAsync(run.PlanId, scope, cancellationToken);
        return run is null || plan is null ? null : await StateAsync(run, plan, cancellationToken);
    }

    /// <summary>The run on the plan's current revision, when there is one.</summary>
    public async Task<SelfCheckState?> CurrentAsync(PlanRow plan, CancellationToken cancellationToken) =>
        await store.CurrentAsync(plan, cancellationToken) is { } run ? await StateAsync(run, plan, cancellationToken) : null;

    private async Task<SelfCheckState> StateAsync(SelfCheckRunRow run, PlanRow plan, CancellationToken cancellationToken)
    {
        if (!catalog.TryGet(run.ChecklistId, (int)run.ChecklistVersion, out var checklist) || checklist.Scoring is null)
        {
            // Published versions never change or disappear; a missing one is a deployment error.
            throw new InvalidOperationException($"Self-check {run.ChecklistId} v{run.ChecklistVersion} used by run {run.Id} is not installed.");
        }

        return new SelfCheckState(run, plan, checklist, await store.AnswersAsync(run.Id, cancellationToken));
    }
}
