using System.Security.Cryptography;
using Assessor.Domain.Attestations;
using Assessor.Domain.Checklists;
using Assessor.Domain.Procedure;
using Assessor.Service.Plans;
using Assessor.Service.Specialists;

namespace Assessor.Service.Attestations;

/// <summary>Everything known about a run, and the exact statement its specialist would sign now.</summary>
public sealed record RunState(
    RunRow Run,
    PlanRow Plan,
    SpecialistRow Specialist,
    ChecklistDefinition Checklist,
    IReadOnlyList<AnswerRow> Answers,
    SignoffRow? Signoff,
    byte[] Statement,
    Verdict Verdict)
{
    public RunStatus Status => RunStatuses.Of(Run.PlanRevision, Plan.CurrentRevision, Signoff is not null, Plan.Status);

    public string StatementSha256 => Convert.ToHexStringLower(SHA256.HashData(Statement));

    /// <summary>How long the statement would be with <paramref name="answer"/> recorded (in place of an earlier answer to its item).</summary>
    public int StatementLengthWith(AnswerRow answer) =>
        RunStatements.Build(Run, Plan, Specialist, Checklist, [.. Answers.Where(a => a.ItemId != answer.ItemId), answer]).Statement.Length;

    public IReadOnlyList<string> UnansweredMandatory =>
        [.. Checklist.Items.Where(i => i.Mandatory).Select(i => i.Id).Except(Answers.Select(a => a.ItemId))];
}

public sealed class RunStatements(ChecklistRunStore runs, SignoffStore signoffs, PlanStore plans, SpecialistStore specialists, ChecklistCatalog catalog)
{
    public async Task<RunState?> LoadAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var plan = await plans.GetAsync(run.PlanId, PlanScope.Everything, cancellationToken)
            ?? throw new InvalidOperationException($"Run {run.Id} refers to a missing plan.");
        var specialist = await specialists.GetAsync(run.SpecialistId, cancellationToken)
            ?? throw new InvalidOperationException($"Run {run.Id} refers to a missing specialist.");
        if (!catalog.TryGet(run.ChecklistId, (int)run.ChecklistVersion, out var checklist))
        {
            // Published versions never change or disappear; a missing one is a deployment error.
            throw new InvalidOperationException($"Checklist {run.ChecklistId} v{run.ChecklistVersion} used by run {run.Id} is not installed.");
        }

        var answers = await runs.AnswersAsync(run.Id, cancellationToken);
        var signoff = await signoffs.OfRunAsync(run.Id, cancellationToken);
        var (statement, verdict) = Build(run, plan, specialist, checklist, answers);
        return new RunState(run, plan, specialist, checklist, answers, signoff, statement, verdict);
    }

    internal static (byte[] Statement, Verdict Verdict) Build(
        RunRow run, PlanRow plan, SpecialistRow specialist, ChecklistDefinition checklist, IReadOnlyList<AnswerRow> answers)
    {
        var byItem = answers.ToDictionary(a => a.ItemId, StringComparer.Ordinal);
        // Checklist order, answered items only, so the bytes depend on nothing but the stored answers.
        var itemAnswers = checklist.Items
            .Where(i => byItem.ContainsKey(i.Id))
            .Select(i =>
            {
                var a = byItem[i.Id];
                return new ItemAnswer(i.Id, i.Mandatory, WireNames<Answer>.Parse(a.Answer), a.Justification, a.Notes, a.EvidenceList());
            })
            .ToList();
        var verdict = SecurityStatement.VerdictOf(
            checklist.Items.Select(i => (i.Id, i.Mandatory)), itemAnswers.ToDictionary(a => a.ItemId, a => a.Answer));
        var predicate = new SecurityPredicate(
            run.Id,
            new AttestedPlan(plan.Id, run.PlanRevision, plan.ApplicantCorporateNumber),
            new AttestedChecklist(checklist.Id, checklist.Version),
            new AttestingSpecialist(specialist.RegistrationNumber, WireNames<SpecialistKind>.Parse(specialist.Kind), specialist.Name),
            itemAnswers,
            verdict,
            run.UpdatedAt);
        return (InTotoStatements.Serialize(SecurityStatement.Create(run.PlanSha256, predicate)), verdict);
    }
}
