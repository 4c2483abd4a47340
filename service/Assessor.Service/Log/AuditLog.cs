using System.Data.Common;
using System.Globalization;
using System.Text;
using Assessor.Domain.Log;
using Assessor.Service.Storage;
using Assessor.Service.Webhooks;
using Dapper;

namespace Assessor.Service.Log;

/// <summary>
/// Appends events to the audit log inside the transaction of the change they record, like
/// <c>IdempotentResponse.WriteAsync</c>: the change and its event commit together or not at all. Every store that
/// writes state calls it once per write, as the last step before its commit, so the log's lock (see
/// <see cref="LogSql.Allocate"/>) is held only for the append itself and is always the last lock a writer takes.
/// </summary>
public sealed class AuditLog(IDatabase database)
{
    /// <summary>Appends <paramref name="entry"/>; returns its index.</summary>
    public async Task<long> AppendAsync(DbConnection connection, DbTransaction transaction, LogEntry entry, CancellationToken cancellationToken)
    {
        // Looked up before the log is locked, so the lock is held as briefly as possible.
        var plan = await ResolveAsync(connection, transaction, entry.Plan, cancellationToken);
        return await AppendAsync(connection, transaction, _ => Task.FromResult(entry with { Plan = plan }), cancellationToken);
    }

    /// <summary>
    /// Appends the entry <paramref name="build"/> makes for the index the log gives it, for a change whose stored bytes
    /// name that index (a certified report prints its own log index). <paramref name="build"/> runs while the log is
    /// locked: it should only be slow when it must.
    /// </summary>
    public async Task<long> AppendAsync(DbConnection connection, DbTransaction transaction, Func<long, Task<LogEntry>> build, CancellationToken cancellationToken)
    {
        var slot = await connection.QuerySingleAsync<Slot>(new CommandDefinition(
            LogSql.Allocate(database.Provider), transaction: transaction, cancellationToken: cancellationToken));
        var entry = await build(slot.Idx);
        var plan = await ResolveAsync(connection, transaction, entry.Plan, cancellationToken);
        var logged = entry.At(slot.Idx, plan is null ? null : new LogPlanRef(plan.Id, plan.Revision, plan.Digest!));
        var body = LogEvents.Serialize(logged);
        var frontier = MerkleFrontier.FromBytes(slot.Idx, slot.Frontier);
        var nodes = frontier.Append(MerkleTree.LeafHash(body));

        var sql = new StringBuilder(
            """
            UPDATE log_state SET frontier = @frontier WHERE id = 1;
            INSERT INTO log_events (idx, action, plan_id, actor_id, body) VALUES (@idx, @action, @planId, @actorId, @body);
            INSERT INTO log_nodes (ends_at, level, hash) VALUES
            """);
        var parameters = new DynamicParameters(new
        {
            frontier = frontier.ToBytes(),
            idx = slot.Idx,
            action = entry.Action,
            planId = plan?.Id,
            actorId = entry.Actor.Id,
            body,
        });
        for (var i = 0; i < nodes.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? " " : ", ").Append($"(@idx, @l{n}, @h{n})");
            parameters.Add($"l{n}", nodes[i].Subtree.Level);
            parameters.Add($"h{n}", nodes[i].Hash);
        }

        await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, transaction, cancellationToken: cancellationToken));
        // The webhook outbox is written with the event, so a change is announced exactly when it commits.
        await WebhookStore.EnqueueAsync(connection, transaction, logged, cancellationToken);
        return slot.Idx;
    }

    /// <summary>
    /// Records the key the service signs with when it is not the one the log last recorded (a key generated on first start,
    /// or another configured key): checkpoints signed from now on are by this key. Checked while the log is locked, so of
    /// instances starting together exactly one records it.
    /// </summary>
    public async Task RecordSigningKeyAsync(DbConnection connection, DbTransaction transaction, string keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(LogSql.Lock, transaction: transaction, cancellationToken: cancellationToken));
        var recorded = await connection.QueryFirstOrDefaultAsync<byte[]>(new CommandDefinition(
            database.Dialect.Limit("SELECT body FROM log_events WHERE action = @action ORDER BY idx DESC", "1"),
            new { action = LogActions.SigningKeyChanged },
            transaction,
            cancellationToken: cancellationToken));
        if (recorded is null || LogEvents.TryParse(recorded)?.Subject.Id != keyId)
        {
            await AppendAsync(connection, transaction, LogEntries.SigningKeyChanged(keyId, now), cancellationToken);
        }
    }

    private static async Task<LogPlan?> ResolveAsync(DbConnection connection, DbTransaction transaction, LogPlan? plan, CancellationToken cancellationToken)
    {
        if (plan is not { Digest: null })
        {
            return plan;
        }

        var sha256 = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT sha256 FROM plan_revisions WHERE plan_id = @Id AND number = @Revision", plan, transaction, cancellationToken: cancellationToken));
        return plan with { Digest = $"sha256:{sha256}" };
    }

    private sealed record Slot(long Idx, byte[] Frontier);
}
