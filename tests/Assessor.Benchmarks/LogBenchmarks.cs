using System.Security.Cryptography;
using Assessor.Domain.Log;
using Assessor.Service.Log;
using Assessor.Service.Storage;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assessor.Benchmarks;

/// <summary>
/// The audit log's proofs on a log of 1,000,000 events, through the service's own <see cref="LogStore"/> on SQLite:
/// each answer reads O(log n) stored subtrees in one query. Target: ≤ 10 ms. The log is built once and kept in the
/// temporary folder (<see cref="MillionEventLog"/>).
/// </summary>
[MemoryDiagnoser]
public class LogProofBenchmarks
{
    public const long Size = 1_000_000;

    private readonly long[] _indexes = new long[1024];
    private LogStore _log = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _log = new LogStore(new SqliteDatabase($"Data Source={MillionEventLog.Ensure(Size)}", Path.GetTempPath()));
        var random = new Random(20260115);
        for (var i = 0; i < _indexes.Length; i++)
        {
            _indexes[i] = random.NextInt64(0, Size);
        }
    }

    private long NextIndex() => _indexes[_next++ & (_indexes.Length - 1)];

    [Benchmark]
    public Task<IReadOnlyList<byte[]>> InclusionProof() => _log.InclusionProofAsync(NextIndex(), Size, CancellationToken.None);

    [Benchmark]
    public Task<IReadOnlyList<byte[]>> ConsistencyProof() => _log.ConsistencyProofAsync(NextIndex() + 1, Size, CancellationToken.None);

    /// <summary>The root at an earlier size, as a checkpoint of that size needs.</summary>
    [Benchmark]
    public Task<byte[]> RootAtEarlierSize() => _log.RootAsync(NextIndex() + 1, CancellationToken.None);

    /// <summary>The latest root: read from the stored right edge, no subtree lookups.</summary>
    [Benchmark]
    public async Task<byte[]> LatestRoot() => (await _log.FrontierAsync(CancellationToken.None)).Root();
}

/// <summary>A SQLite database whose audit log holds <c>size</c> synthetic plan events, built the way appends build it.</summary>
public static class MillionEventLog
{
    /// <summary>The database's path; built on first use (a minute or two), then reused while its log has that size.</summary>
    public static string Ensure(long size)
    {
        var path = Path.Combine(Path.GetTempPath(), $"assessor-bench-log-{size}-v2.db");
        if (File.Exists(path) && SizeOf(path) == size)
        {
            return path;
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        var database = new SqliteDatabase($"Data Source={path}", Path.GetTempPath());
        database.Migrate(NullLogger.Instance);
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insertEvent = Command(connection, "INSERT INTO log_events (idx, action, plan_id, actor_id, body) VALUES ($idx, $action, $plan, $actor, $body)");
        using var insertNode = Command(connection, "INSERT INTO log_nodes (ends_at, level, hash) VALUES ($last, $level, $hash)");
        var frontier = MerkleFrontier.Empty();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string[] actions = [LogActions.PlanCreated, LogActions.PlanSubmitted, LogActions.RunCreated, LogActions.AnswerChanged, LogActions.SignoffAccepted];
        for (long i = 0; i < size; i++)
        {
            var plan = new Guid((int)(i / 5), 0, 0, new byte[8]);
            var actor = new Guid((int)(i % 997), 1, 1, new byte[8]);
            var digest = $"sha256:{Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)))}";
            var e = new LogEvent(i, start.AddSeconds(i), actions[i % 5], new LogActor(actor, "applicant"), LogSubject.Plan(plan), new LogPlanRef(plan, 1, digest),
                new Dictionary<string, string> { ["revision"] = digest }, new Dictionary<string, string>());
            var body = LogEvents.Serialize(e);
            Run(insertEvent, ("$idx", i), ("$action", e.Action), ("$plan", plan.ToString("D")), ("$actor", actor.ToString("D")), ("$body", body));
            foreach (var (subtree, hash) in frontier.Append(MerkleTree.LeafHash(body)))
            {
                Run(insertNode, ("$last", i), ("$level", subtree.Level), ("$hash", hash));
            }
        }

        using (var state = Command(connection, "UPDATE log_state SET size = $size, frontier = $frontier WHERE id = 1"))
        {
            Run(state, ("$size", size), ("$frontier", frontier.ToBytes()));
        }

        transaction.Commit();
        return path;

        SqliteCommand Command(SqliteConnection c, string sql)
        {
            var command = c.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command;
        }
    }

    private static void Run(SqliteCommand command, params (string Name, object Value)[] values)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private static long SizeOf(string path)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT size FROM log_state WHERE id = 1";
            return command.ExecuteScalar() is long size ? size : -1;
        }
        catch (SqliteException)
        {
            return -1;
        }
    }
}
