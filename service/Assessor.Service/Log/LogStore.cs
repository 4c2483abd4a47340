using System.Data.Common;
using System.Globalization;
using System.Text;
using Assessor.Domain.Log;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Log;

/// <summary>A stored event: its index and exact bytes.</summary>
public sealed record StoredEvent(long Idx, byte[] Body);

/// <summary>A plan's event with the name of its actor (null for the service itself).</summary>
public sealed record PlanEvent(long Idx, byte[] Body, string? ActorName);

/// <summary>A stored signed checkpoint.</summary>
public sealed record StoredCheckpoint(long TreeSize, byte[] Body, string Envelope, string KeyId, DateTimeOffset CreatedAt);

/// <summary>
/// Reads the audit log. Every proof and every root is computed from O(log n) stored perfect subtrees, fetched in one
/// query, so a log of a million events answers as fast as a small one.
/// </summary>
public sealed class LogStore(IDatabase database)
{
    public const int MaxEntriesPerPage = 1000;

    private const string CheckpointColumns = "tree_size AS TreeSize, body AS Body, envelope AS Envelope, key_id AS KeyId, created_at AS CreatedAt";

    /// <summary>The log's size and the right edge of its tree, read together.</summary>
    public async Task<MerkleFrontier> FrontierAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FrontierAsync(connection, null, cancellationToken);
    }

    public static async Task<MerkleFrontier> FrontierAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var state = await connection.QuerySingleAsync<State>(new CommandDefinition(
            "SELECT size AS Size, frontier AS Frontier FROM log_state WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));
        return MerkleFrontier.FromBytes(state.Size, state.Frontier);
    }

    public async Task<long> SizeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT size FROM log_state WHERE id = 1", cancellationToken: cancellationToken));
    }

    /// <summary>The root hash of the tree of the first <paramref name="size"/> events (size ≤ the log's size).</summary>
    public async Task<byte[]> RootAsync(long size, CancellationToken cancellationToken)
    {
        var range = new LeafRange(0, size);
        var nodes = await NodesAsync(MerkleTree.SubtreesOf([range]), cancellationToken);
        return MerkleTree.RangeHash(range, s => nodes[s]);
    }

    /// <summary>The audit path of event <paramref name="index"/> in the tree of <paramref name="size"/> events (RFC 9162 §2.1.3).</summary>
    public Task<IReadOnlyList<byte[]>> InclusionProofAsync(long index, long size, CancellationToken cancellationToken) =>
        ProofAsync(MerkleTree.InclusionPath(index, size), cancellationToken);

    /// <summary>The consistency proof from the tree of <paramref name="first"/> events to that of <paramref name="second"/> (RFC 9162 §2.1.4).</summary>
    public Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(long first, long second, CancellationToken cancellationToken) =>
        ProofAsync(MerkleTree.ConsistencyPath(first, second), cancellationToken);

    /// <summary>Events <paramref name="start"/> up to (not including) <paramref name="end"/>, in order.</summary>
    public async Task<IReadOnlyList<StoredEvent>> EntriesAsync(long start, long end, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredEvent>(new CommandDefinition(
            "SELECT idx AS Idx, body AS Body FROM log_events WHERE idx >= @start AND idx < @end ORDER BY idx",
            new { start, end },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>A plan's events, oldest first, each with its actor's name; only those before <paramref name="before"/> when given.</summary>
    public async Task<IReadOnlyList<PlanEvent>> PlanEventsAsync(Guid planId, long? before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PlanEvent>(new CommandDefinition(
            """
            SELECT e.idx AS Idx, e.body AS Body, p.name AS ActorName
            FROM log_events e LEFT JOIN principals p ON p.id = e.actor_id
            WHERE e.plan_id = @planId AND (@before IS NULL OR e.idx < @before)
            ORDER BY e.idx
            """,
            new { planId, before },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The event that certified a plan and stored its report.</summary>
    public async Task<StoredEvent?> CertificationAsync(Guid planId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredEvent>(new CommandDefinition(
            "SELECT idx AS Idx, body AS Body FROM log_events WHERE plan_id = @planId AND action = @action",
            new { planId, action = LogActions.PlanCertified },
            cancellationToken: cancellationToken));
    }

    public async Task<StoredCheckpoint?> CheckpointAsync(long size, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredCheckpoint>(new CommandDefinition(
            $"SELECT {CheckpointColumns} FROM log_checkpoints WHERE tree_size = @size", new { size }, cancellationToken: cancellationToken));
    }

    /// <summary>Stores a signed checkpoint unless one of that size exists (another instance signed it first); returns the stored one.</summary>
    public async Task<StoredCheckpoint> KeepCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await database.UnlessDuplicateAsync(() => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO log_checkpoints (tree_size, body, envelope, key_id, created_at)
            SELECT @TreeSize, @Body, @Envelope, @KeyId, @CreatedAt
            WHERE NOT EXISTS (SELECT 1 FROM log_checkpoints WHERE tree_size = @TreeSize)
            """,
            checkpoint,
            cancellationToken: cancellationToken)));
        return await connection.QuerySingleAsync<StoredCheckpoint>(new CommandDefinition(
            $"SELECT {CheckpointColumns} FROM log_checkpoints WHERE tree_size = @TreeSize", checkpoint, cancellationToken: cancellationToken));
    }

    /// <summary>The stored hashes of <paramref name="subtrees"/>, in one query.</summary>
    /// <exception cref="InvalidOperationException">A subtree the log should hold is missing.</exception>
    public async Task<IReadOnlyDictionary<Subtree, byte[]>> NodesAsync(IReadOnlyList<Subtree> subtrees, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Subtree, byte[]>();
        if (subtrees.Count == 0)
        {
            return found;
        }

        var where = new StringBuilder();
        var parameters = new DynamicParameters();
        for (var i = 0; i < subtrees.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            where.Append(i == 0 ? "" : " OR ").Append($"(ends_at = @e{n} AND level = @l{n})");
            parameters.Add($"e{n}", subtrees[i].Last);
            parameters.Add($"l{n}", subtrees[i].Level);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Node>(new CommandDefinition(
            $"SELECT ends_at AS Last, level AS Level, hash AS Hash FROM log_nodes WHERE {where}", parameters, cancellationToken: cancellationToken));
        foreach (var row in rows)
        {
            found[Subtree.Ending(row.Last, (int)row.Level)] = row.Hash;
        }

        if (subtrees.FirstOrDefault(s => !found.ContainsKey(s)) is { Level: var level, Index: var index } && found.Count < subtrees.Count)
        {
            throw new InvalidOperationException($"The log holds no hash for the subtree at level {level}, index {index}.");
        }

        return found;
    }

    private async Task<IReadOnlyList<byte[]>> ProofAsync(IReadOnlyList<LeafRange> path, CancellationToken cancellationToken)
    {
        var nodes = await NodesAsync(MerkleTree.SubtreesOf(path), cancellationToken);
        return path.Select(range => MerkleTree.RangeHash(range, s => nodes[s])).ToList();
    }

    private sealed record State(long Size, byte[] Frontier);

    private sealed record Node(long Last, long Level, byte[] Hash);
}
