using Assessor.Domain.Checklists;
using Assessor.Domain.Log;
using Assessor.Domain.Procedure;
using Assessor.Service.Log;
using Assessor.Service.Plans;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.SelfChecks;

public sealed record SelfCheckRunRow(
    Guid Id, Guid PlanId, long PlanRevision, string PlanSha256, string ChecklistId, long ChecklistVersion, Guid StartedBy,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record SelfCheckAnswerRow(string ItemId, string Answer, string? Notes, Guid AnsweredBy, DateTimeOffset AnsweredAt)
{
    public SelfCheckAnswer Value => WireNames<SelfCheckAnswer>.Parse(Answer);
}

/// <summary>Applicants' self-check runs: one per plan revision, answered item by item by the applicant.</summary>
public sealed class SelfCheckStore(IDatabase database, AuditLog log, TimeProvider clock)
{
    private const string RunColumns = """
        id AS Id, plan_id AS PlanId, plan_revision AS PlanRevision, plan_sha256 AS PlanSha256, checklist_id AS ChecklistId,
        checklist_version AS ChecklistVersion, started_by AS StartedBy, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    /// <summary>
    /// Starts the run of <paramref name="plan"/>'s current revision; null when that revision already has one (the unique index
    /// decides between concurrent starts).
    /// </summary>
    public async Task<SelfCheckRunRow?> CreateAsync(PlanRow plan, string planSha256, ChecklistRef checklist, LogActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var startedBy = actor.Id ?? throw new ArgumentException("A self-check is started by a principal.", nameof(actor));
        var run = new SelfCheckRunRow(Guid.NewGuid(), plan.Id, plan.CurrentRevision, planSha256, checklist.Id, checklist.Version, startedBy, now, now);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await database.UnlessDuplicateAsync(() => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO self_check_runs (id, plan_id, plan_revision, plan_sha256, checklist_id, checklist_version, started_by, created_at, updated_at)
            SELECT @Id, @PlanId, @PlanRevision, @PlanSha256, @ChecklistId, @ChecklistVersion, @StartedBy, @CreatedAt, @UpdatedAt
            WHERE NOT EXISTS (SELECT 1 FROM self_check_runs WHERE plan_id = @PlanId AND plan_revision = @PlanRevision)
            """,
            run,
            transaction,
            cancellationToken: cancellationToken)));
        if (inserted != 1)
        {
            return null;
        }

        await log.AppendAsync(connection, transaction, LogEntries.SelfCheckCreated(actor, run), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run;
    }

    public async Task<SelfCheckRunRow?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SelfCheckRunRow>(new CommandDefinition(
            $"SELECT {RunColumns} FROM self_check_runs WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>The run of the plan's current revision, when there is one.</summary>
    public async Task<SelfCheckRunRow?> CurrentAsync(PlanRow plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SelfCheckRunRow>(new CommandDefinition(
            $"SELECT {RunColumns} FROM self_check_runs WHERE plan_id = @planId AND plan_revision = @revision",
            new { planId = plan.Id, revision = plan.CurrentRevision },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<SelfCheckAnswerRow>> AnswersAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SelfCheckAnswerRow>(new CommandDefinition(
            """
            SELECT item_id AS ItemId, answer AS Answer, notes AS Notes, answered_by AS AnsweredBy, answered_at AS AnsweredAt
            FROM self_check_answers WHERE run_id = @runId
            """,
            new { runId },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// Records (or replaces) one answer, only while the run's revision is the plan's current one and the plan may be
    /// self-checked. An answer is new evidence on the plan, so it moves the plan's version on in the same transaction: a
    /// decision prepared on the earlier answers no longer applies. False when the run is no longer open.
    /// </summary>
    public async Task<bool> SaveAnswerAsync(SelfCheckRunRow run, string itemId, SelfCheckAnswer answer, string? notes, LogActor actor, CancellationToken cancellationToken)
    {
        var answeredBy = actor.Id ?? throw new ArgumentException("A self-check is answered by a principal.", nameof(actor));
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The plan row is updated first: it serialises concurrent answers to the plan on every provider.
        if (!await PlanStore.TouchAsync(connection, transaction, run.PlanId, run.PlanRevision, PlanAction.SelfCheck, now, cancellationToken))
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE self_check_runs SET updated_at = @now WHERE id = @Id", new { run.Id, now }, transaction, cancellationToken: cancellationToken));
        // Delete-then-insert is an upsert every provider spells the same way.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM self_check_answers WHERE run_id = @runId AND item_id = @itemId",
            new { runId = run.Id, itemId },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO self_check_answers (run_id, item_id, answer, notes, answered_by, answered_at)
            VALUES (@runId, @itemId, @answer, @notes, @answeredBy, @now)
            """,
            new { runId = run.Id, itemId, answer = answer.ToWire(), notes, answeredBy, now },
            transaction,
            cancellationToken: cancellationToken));
        await log.AppendAsync(connection, transaction, LogEntries.SelfCheckAnswerChanged(actor, run, itemId, answer.ToWire(), now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
