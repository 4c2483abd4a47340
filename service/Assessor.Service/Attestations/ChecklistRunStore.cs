using System.Text.Json;
using Assessor.Domain.Attestations;
using Assessor.Domain.Log;
using Assessor.Domain.Procedure;
using Assessor.Service.Log;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Attestations;

public sealed record RunRow(
    Guid Id,
    Guid PlanId,
    long PlanRevision,
    string PlanSha256,
    string ChecklistId,
    long ChecklistVersion,
    Guid SpecialistId,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record AnswerRow(string ItemId, string Answer, string? Justification, string? Notes, string Evidence, DateTimeOffset AnsweredAt)
{
    public IReadOnlyList<EvidenceReference> EvidenceList() => JsonSerializer.Deserialize<List<EvidenceReference>>(Evidence, JsonSerializerOptions.Web) ?? [];
}

public sealed class ChecklistRunStore(IDatabase database, AuditLog log, TimeProvider clock)
{
    private const string RunColumns = """
        id AS Id, plan_id AS PlanId, plan_revision AS PlanRevision, plan_sha256 AS PlanSha256, checklist_id AS ChecklistId,
        checklist_version AS ChecklistVersion, specialist_id AS SpecialistId, version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public async Task<RunRow> CreateAsync(
        Guid planId, long planRevision, string planSha256, string checklistId, int checklistVersion, Guid specialistId, LogActor actor,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var run = new RunRow(Guid.NewGuid(), planId, planRevision, planSha256, checklistId, checklistVersion, specialistId, 1, now, now);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO checklist_runs (id, plan_id, plan_revision, plan_sha256, checklist_id, checklist_version, specialist_id, version, created_at, updated_at)
            VALUES (@Id, @PlanId, @PlanRevision, @PlanSha256, @ChecklistId, @ChecklistVersion, @SpecialistId, @Version, @CreatedAt, @UpdatedAt)
            """,
            run,
            transaction,
            cancellationToken: cancellationToken));
        await log.AppendAsync(connection, transaction, LogEntries.RunCreated(actor, run), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run;
    }

    public async Task<RunRow?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            $"SELECT {RunColumns} FROM checklist_runs WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AnswerRow>> AnswersAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AnswerRow>(new CommandDefinition(
            """
            SELECT item_id AS ItemId, answer AS Answer, justification AS Justification, notes AS Notes, evidence AS Evidence, answered_at AS AnsweredAt
            FROM checklist_answers WHERE run_id = @runId
            """,
            new { runId },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// Records (or replaces) one answer and moves the run's version and time on, so the statement to sign
    /// changes with every answer. False when the run was signed meanwhile or its plan is no longer open for it.
    /// </summary>
    public async Task<bool> SaveAnswerAsync(RunRow run, string itemId, string answer, string? justification, string? notes,
        IReadOnlyList<EvidenceReference> evidence, LogActor actor, CancellationToken cancellationToken)
    {
        var runId = run.Id;
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var touched = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE checklist_runs SET version = version + 1, updated_at = @now
            WHERE id = @runId AND signed_at IS NULL
              AND EXISTS (SELECT 1 FROM plans p
                          WHERE p.id = checklist_runs.plan_id AND p.status = @submitted AND p.current_revision = checklist_runs.plan_revision)
            """,
            new { runId, now, submitted = PlanStatus.Submitted.ToWire() },
            transaction,
            cancellationToken: cancellationToken));
        if (touched == 0)
        {
            return false;
        }

        // Delete-then-insert is an upsert every provider spells the same way.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM checklist_answers WHERE run_id = @runId AND item_id = @itemId", new { runId, itemId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO checklist_answers (run_id, item_id, answer, justification, notes, evidence, answered_at)
            VALUES (@runId, @itemId, @answer, @justification, @notes, @evidence, @now)
            """,
            new { runId, itemId, answer, justification, notes, evidence = JsonSerializer.Serialize(evidence, JsonSerializerOptions.Web), now },
            transaction,
            cancellationToken: cancellationToken));
        await log.AppendAsync(connection, transaction, LogEntries.AnswerChanged(actor, run, itemId, answer, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
