using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assessor.Domain.Attestations;
using Assessor.Domain.Log;
using Assessor.Domain.Plans;
using Assessor.Service.Reports;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Log;

/// <summary>
/// <c>verify-log</c>: trusts nothing the database holds. It hashes every stored event again and rebuilds the tree from
/// them, compares that tree with the stored hashes and with every signed checkpoint, and compares every stored revision,
/// sign-off envelope, report file and report envelope with the digest its event recorded. It streams, so memory stays
/// small however long the log is, and checks the log as it was when it began (later appends are left for the next run).
/// </summary>
public sealed class LogVerifier(IDatabase database, ServiceSigningKey signingKey)
{
    private const int MaxMismatches = 100;

    public async Task<LogVerificationView> VerifyAsync(CancellationToken cancellationToken)
    {
        var run = new Run();
        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = await LogStore.FrontierAsync(connection, null, cancellationToken);
        var size = stored.Size;

        var rebuilt = await CheckEventsAsync(run, size, cancellationToken);
        if (rebuilt is not null && !rebuilt.ToBytes().AsSpan().SequenceEqual(stored.ToBytes()))
        {
            run.Mismatch(size - 1, $"the stored right edge of the tree (log_state) is not the one the {size} events give");
        }

        await CheckArtefactsAsync(run, cancellationToken);
        var now = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT size FROM log_state WHERE id = 1", cancellationToken: cancellationToken));
        var beyond = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT tree_size FROM log_checkpoints WHERE tree_size > @now ORDER BY tree_size", new { now }, cancellationToken: cancellationToken));
        foreach (var checkpointSize in beyond)
        {
            run.Mismatch(now, $"a checkpoint of {checkpointSize} events was signed, but the log now holds {now}: events were removed");
        }

        return run.Result(size);
    }

    /// <summary>
    /// The events in order, rebuilt into the tree: each event's leaf and the subtrees it completes against the stored ones
    /// (stored in the same order), and the root at every signed checkpoint. Returns the rebuilt tree's edge.
    /// </summary>
    private async Task<MerkleFrontier?> CheckEventsAsync(Run run, long size, CancellationToken cancellationToken)
    {
        await using var events = await database.OpenAsync(cancellationToken);
        await using var nodes = await database.OpenAsync(cancellationToken);
        await using var checkpoints = await database.OpenAsync(cancellationToken);
        var checkpointList = (await checkpoints.QueryAsync<StoredCheckpoint>(new CommandDefinition(
            """
            SELECT tree_size AS TreeSize, body AS Body, envelope AS Envelope, key_id AS KeyId, created_at AS CreatedAt
            FROM log_checkpoints WHERE tree_size <= @size ORDER BY tree_size
            """,
            new { size },
            cancellationToken: cancellationToken))).ToList();
        using var signer = ECDsa.Create();
        signer.ImportFromPem(signingKey.PublicKeyPem);

        var tree = MerkleFrontier.Empty();
        var nextCheckpoint = 0;
        void CheckpointsUpTo(long treeSize)
        {
            for (; nextCheckpoint < checkpointList.Count && checkpointList[nextCheckpoint].TreeSize == treeSize; nextCheckpoint++)
            {
                CheckCheckpoint(run, checkpointList[nextCheckpoint], tree.Root(), signer);
            }
        }

        CheckpointsUpTo(0);
        await using var node = nodes.QueryUnbufferedAsync<Node>(
            "SELECT ends_at AS Last, level AS Level, hash AS Hash FROM log_nodes WHERE ends_at < @size ORDER BY ends_at, level", new { size })
            .GetAsyncEnumerator(cancellationToken);
        var haveNode = await node.MoveNextAsync();
        await foreach (var row in events.QueryUnbufferedAsync<EventRow>(
            "SELECT idx AS Idx, action AS Action, plan_id AS PlanId, actor_id AS ActorId, body AS Body FROM log_events WHERE idx < @size ORDER BY idx",
            new { size }).WithCancellation(cancellationToken))
        {
            var index = tree.Size;
            if (row.Idx != index)
            {
                run.Mismatch(index, $"event {index} is missing: the stored events jump from {index - 1} to {row.Idx}");
                return null;
            }

            CheckEvent(run, row);
            var stored = new Dictionary<long, byte[]>();
            for (; haveNode && node.Current.Last <= index; haveNode = await node.MoveNextAsync())
            {
                if (node.Current.Last == index)
                {
                    stored[node.Current.Level] = node.Current.Hash;
                }
            }

            foreach (var (subtree, hash) in tree.Append(MerkleTree.LeafHash(row.Body)))
            {
                run.NodesChecked++;
                if (!stored.TryGetValue(subtree.Level, out var kept))
                {
                    run.Mismatch(index, $"event {index}: the tree holds no hash for the subtree of events {subtree.Start} to {index}");
                }
                else if (!kept.AsSpan().SequenceEqual(hash))
                {
                    run.Mismatch(index, subtree.Level == 0
                        ? $"event {index} ({row.Action}): its bytes do not hash to leaf {index} of the tree: the event was changed after it was appended"
                        : $"the stored hash of the subtree of events {subtree.Start} to {index} is not the one the events give");
                }
            }

            run.EventsChecked++;
            CheckpointsUpTo(tree.Size);
        }

        if (tree.Size != size)
        {
            run.Mismatch(tree.Size, $"the log says it holds {size} events, but events from {tree.Size} on are missing");
            return null;
        }

        return tree;
    }

    private void CheckEvent(Run run, EventRow row)
    {
        var e = LogEvents.TryParse(row.Body);
        if (e is null || !LogEvents.IsCanonical(row.Body))
        {
            run.Mismatch(row.Idx, $"event {row.Idx}: its bytes are not a canonical log event");
            return;
        }

        if (e.Index != row.Idx)
        {
            run.Mismatch(row.Idx, $"event {row.Idx}: its bytes say it is event {e.Index}");
        }

        if (e.Action != row.Action || e.Plan?.Id != row.PlanId || e.Actor.Id != row.ActorId)
        {
            run.Mismatch(row.Idx, $"event {row.Idx}: its action, plan or actor columns do not match its bytes");
        }

        run.Expect(e);
    }

    private static void CheckCheckpoint(Run run, StoredCheckpoint stored, byte[] root, ECDsa signer)
    {
        run.CheckpointsChecked++;
        var last = stored.TreeSize - 1;
        var checkpoint = Checkpoint.TryParse(stored.Body);
        if (checkpoint is null || checkpoint.Size != stored.TreeSize)
        {
            run.Mismatch(last, $"the stored checkpoint of {stored.TreeSize} events is malformed");
            return;
        }

        if (!checkpoint.RootHash.AsSpan().SequenceEqual(root))
        {
            run.Mismatch(last, $"the signed checkpoint of {stored.TreeSize} events has root {Convert.ToBase64String(checkpoint.RootHash)}, " +
                $"but the stored events give {Convert.ToBase64String(root)}: the log was rewritten after it was signed");
        }

        if (stored.KeyId != KeyIds.Of(signer))
        {
            run.Note($"checkpoints signed by key {stored.KeyId}, not the current signing key: their roots were compared, their signatures not");
            return;
        }

        var envelope = JsonSerializer.Deserialize<DsseEnvelope>(stored.Envelope, PlanJson.Options);
        var signed = envelope is null ? null : Checkpoint.Verify(envelope, signer, out _);
        if (signed is null || !signed.Body().AsSpan().SequenceEqual(stored.Body))
        {
            run.Mismatch(last, $"the checkpoint of {stored.TreeSize} events does not carry a valid signature by the service key over its body");
        }
    }

    /// <summary>What the events say was stored is what is stored.</summary>
    private async Task CheckArtefactsAsync(Run run, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var unlogged = 0;
        await foreach (var revision in connection.QueryUnbufferedAsync<RevisionRow>(
            "SELECT plan_id AS PlanId, number AS Number, sha256 AS Sha256, body AS Body FROM plan_revisions").WithCancellation(cancellationToken))
        {
            var actual = Sha256(revision.Body);
            if (!run.Revisions.Remove((revision.PlanId, revision.Number), out var recorded))
            {
                unlogged++;
                continue;
            }

            run.ArtefactsChecked++;
            if (recorded.Digest != actual || revision.Sha256 != actual[7..])
            {
                run.Mismatch(recorded.Index, $"event {recorded.Index} ({recorded.Action}): revision {revision.Number} of plan {revision.PlanId} " +
                    $"has {actual}, but the event records {recorded.Digest}: the revision's bytes were changed");
            }
        }

        if (unlogged > 0)
        {
            run.Note($"{unlogged} stored revision(s) have no event: stored before the log began (or added behind the service's back)");
        }

        await foreach (var signoff in connection.QueryUnbufferedAsync<SignoffArtefact>(
            "SELECT id AS Id, envelope AS Envelope, statement_sha256 AS StatementSha256 FROM signoffs").WithCancellation(cancellationToken))
        {
            if (run.Signoffs.Remove(signoff.Id.ToString("D"), out var recorded))
            {
                run.ArtefactsChecked++;
                Compare(run, recorded, "envelope", Sha256(Encoding.UTF8.GetBytes(signoff.Envelope)), $"the envelope of sign-off {signoff.Id}");
                Compare(run, recorded, "statement", $"sha256:{signoff.StatementSha256}", $"the statement digest of sign-off {signoff.Id}");
            }
        }

        await foreach (var report in connection.QueryUnbufferedAsync<ReportArtefact>(
            """
            SELECT c.plan_id AS PlanId, f.format AS Format, f.body AS Body, c.envelope AS Envelope
            FROM report_files f JOIN certified_reports c ON c.report_digest = f.report_digest
            """).WithCancellation(cancellationToken))
        {
            if (run.Certifications.TryGetValue(report.PlanId.ToString("D"), out var recorded))
            {
                run.ArtefactsChecked++;
                Compare(run, recorded, $"report.{report.Format}", Sha256(report.Body), $"the {report.Format} file of the report of plan {report.PlanId}");
                Compare(run, recorded, "envelope", Sha256(Encoding.UTF8.GetBytes(report.Envelope)), $"the signed envelope of the report of plan {report.PlanId}");
            }
        }

        foreach (var ((planId, number), recorded) in run.Revisions)
        {
            run.Mismatch(recorded.Index, $"event {recorded.Index} ({recorded.Action}) records revision {number} of plan {planId}, which is not stored");
        }
    }

    private static void Compare(Run run, Recorded recorded, string name, string actual, string what)
    {
        if (recorded.Digests.TryGetValue(name, out var digest) && digest != actual)
        {
            run.Mismatch(recorded.Index, $"event {recorded.Index} ({recorded.Action}): {what} has {actual}, but the event records {digest}");
        }
    }

    private static string Sha256(byte[] bytes) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}";

    private sealed record Recorded(long Index, string Action, string? Digest, IReadOnlyDictionary<string, string> Digests);

    /// <summary>The findings of one run, and what the events said was stored.</summary>
    private sealed class Run
    {
        private readonly List<(long Order, int Seen, string Message)> mismatches = [];
        private readonly SortedSet<string> notes = new(StringComparer.Ordinal);

        public Dictionary<(Guid PlanId, long Number), Recorded> Revisions { get; } = [];

        public Dictionary<string, Recorded> Signoffs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Recorded> Certifications { get; } = new(StringComparer.Ordinal);

        public long EventsChecked { get; set; }

        public long NodesChecked { get; set; }

        public long CheckpointsChecked { get; set; }

        public long ArtefactsChecked { get; set; }

        public void Mismatch(long order, string message) => mismatches.Add((order, mismatches.Count, message));

        public void Note(string message) => notes.Add(message);

        public void Expect(LogEvent e)
        {
            if (e.Plan is { } plan && e.Digests.TryGetValue("revision", out var revision))
            {
                Revisions[(plan.Id, plan.Revision)] = new Recorded(e.Index, e.Action, revision, e.Digests);
            }

            if (e.Action == LogActions.SignoffAccepted)
            {
                Signoffs[e.Subject.Id] = new Recorded(e.Index, e.Action, null, e.Digests);
            }

            if (e.Action == LogActions.PlanCertified)
            {
                Certifications[e.Subject.Id] = new Recorded(e.Index, e.Action, null, e.Digests);
            }
        }

        public LogVerificationView Result(long size) => new(
            mismatches.Count == 0, size, EventsChecked, NodesChecked, CheckpointsChecked, ArtefactsChecked,
            [.. mismatches.OrderBy(m => m.Order).ThenBy(m => m.Seen).Take(MaxMismatches).Select(m => m.Message)],
            [.. notes]);
    }

    private sealed record EventRow(long Idx, string Action, Guid? PlanId, Guid? ActorId, byte[] Body);

    private sealed record Node(long Last, long Level, byte[] Hash);

    private sealed record RevisionRow(Guid PlanId, long Number, string Sha256, byte[] Body);

    private sealed record SignoffArtefact(Guid Id, string Envelope, string StatementSha256);

    private sealed record ReportArtefact(Guid PlanId, string Format, byte[] Body, string Envelope);
}

/// <summary>How <c>verify-log</c> reads out, on the command line and in logs.</summary>
public static class LogVerificationText
{
    public static string Describe(LogVerificationView result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"verify-log: log size {result.Size}; checked {result.EventsChecked} events, {result.NodesChecked} tree hashes, {result.CheckpointsChecked} signed checkpoint(s), {result.ArtefactsChecked} stored artefact(s)\n");
        text.Append(result.Ok ? "OK: the log is intact and matches every signed checkpoint\n" : $"FAILED: {result.Mismatches[0]}\n");
        foreach (var more in result.Mismatches.Skip(1))
        {
            text.Append(CultureInfo.InvariantCulture, $"  also: {more}\n");
        }

        foreach (var note in result.Notes)
        {
            text.Append(CultureInfo.InvariantCulture, $"  note: {note}\n");
        }

        return text.ToString();
    }
}
