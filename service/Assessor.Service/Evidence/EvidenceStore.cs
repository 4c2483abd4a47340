using Assessor.Domain.Log;
using Assessor.Domain.Procedure;
using Assessor.Service.Attestations;
using Assessor.Service.Log;
using Assessor.Service.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Evidence;

/// <summary>An evidence file attached to a run's item.</summary>
public sealed record EvidenceFileRow(Guid RunId, string ItemId, string Sha256, Guid PlanId, string Name, string MediaType, long Size, Guid UploadedBy, DateTimeOffset UploadedAt);

/// <summary>The bytes of a stored evidence file.</summary>
public sealed record EvidenceBlob(string Sha256, string MediaType, byte[] Content);

public enum EvidenceChange
{
    Done,

    /// <summary>The run was signed, superseded or closed: its evidence no longer changes.</summary>
    RunClosed,

    /// <summary>The same file is already attached to the item (on attach), or is not attached to it (on removal).</summary>
    Conflict,
}

/// <summary>
/// Evidence files: bytes kept once per SHA-256 (in the database, or in <see cref="EvidenceFolder"/> with the metadata in the
/// database), attachments to a run's items, each change logged in its transaction.
/// </summary>
public sealed class EvidenceStore(IDatabase database, AuditLog log, TimeProvider clock, IOptions<EvidenceOptions> options, EvidenceFolder folder)
{
    private const string FileColumns = """
        f.run_id AS RunId, f.item_id AS ItemId, f.sha256 AS Sha256, f.plan_id AS PlanId, f.name AS Name, b.media_type AS MediaType,
        b.size AS Size, f.uploaded_by AS UploadedBy, f.uploaded_at AS UploadedAt
        """;

    // The run takes changes only while unsigned and its plan is in review on the run's revision, as answers do.
    private const string RunOpen = """
        EXISTS (SELECT 1 FROM checklist_runs r JOIN plans p ON p.id = r.plan_id
                WHERE r.id = @runId AND r.signed_at IS NULL AND p.status = @submitted AND p.current_revision = r.plan_revision)
        """;

    public async Task<(EvidenceChange Change, EvidenceFileRow? File)> AttachAsync(
        RunRow run, string itemId, string name, string sha256, string mediaType, byte[] content, LogActor actor, CancellationToken cancellationToken)
    {
        try
        {
            return await TryAttachAsync(run, itemId, name, sha256, mediaType, content, actor, cancellationToken);
        }
        catch (Exception ex) when (database.IsUniqueViolation(ex))
        {
            // A concurrent upload stored the same bytes (or attachment) first; the retry sees it.
            return await TryAttachAsync(run, itemId, name, sha256, mediaType, content, actor, cancellationToken);
        }
    }

    private async Task<(EvidenceChange, EvidenceFileRow?)> TryAttachAsync(
        RunRow run, string itemId, string name, string sha256, string mediaType, byte[] content, LogActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var file = new EvidenceFileRow(run.Id, itemId, sha256, run.PlanId, name, mediaType, content.LongLength, actor.Id ?? Guid.Empty, now);
        var storedIn = options.Value.Storage;
        if (storedIn == EvidenceOptions.FolderStorage)
        {
            // Written before the transaction: a file whose row then fails to commit is an unreferenced copy, never a row without bytes.
            await folder.WriteAsync(sha256, content, cancellationToken);
        }

        var runId = run.Id;
        var submitted = PlanStatus.Submitted.ToWire();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await AttachedAsync(connection, transaction, runId, itemId, sha256, cancellationToken))
        {
            return (EvidenceChange.Conflict, null);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO evidence_blobs (sha256, media_type, size, content, created_at, stored_in)
            SELECT @sha256, @mediaType, @size, @content, @now, @storedIn WHERE NOT EXISTS (SELECT 1 FROM evidence_blobs WHERE sha256 = @sha256)
            """,
            new { sha256, mediaType, size = content.LongLength, content = storedIn == EvidenceOptions.FolderStorage ? Array.Empty<byte>() : content, now, storedIn },
            transaction,
            cancellationToken: cancellationToken));
        var attached = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO evidence_files (run_id, item_id, sha256, plan_id, name, uploaded_by, uploaded_at)
            SELECT @RunId, @ItemId, @Sha256, @PlanId, @Name, @UploadedBy, @UploadedAt WHERE {RunOpen}
            """,
            new { file.RunId, file.ItemId, file.Sha256, file.PlanId, file.Name, file.UploadedBy, file.UploadedAt, runId, submitted },
            transaction,
            cancellationToken: cancellationToken));
        if (attached == 0)
        {
            // Rolled back with the transaction: no bytes are kept for a run that no longer takes them.
            return (EvidenceChange.RunClosed, null);
        }

        await log.AppendAsync(connection, transaction, LogEntries.EvidenceChanged(LogActions.EvidenceAttached, actor, run, itemId, sha256, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (EvidenceChange.Done, file);
    }

    /// <summary>Detaches a file from an item while the run is open; once signed, what the sign-off names stays.</summary>
    public async Task<EvidenceChange> DetachAsync(RunRow run, string itemId, string sha256, LogActor actor, CancellationToken cancellationToken)
    {
        var runId = run.Id;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await AttachedAsync(connection, transaction, runId, itemId, sha256, cancellationToken))
        {
            return EvidenceChange.Conflict;
        }

        var removed = await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM evidence_files WHERE run_id = @runId AND item_id = @itemId AND sha256 = @sha256 AND {RunOpen}",
            new { runId, itemId, sha256, submitted = PlanStatus.Submitted.ToWire() },
            transaction,
            cancellationToken: cancellationToken));
        if (removed == 0)
        {
            return EvidenceChange.RunClosed;
        }

        await log.AppendAsync(connection, transaction,
            LogEntries.EvidenceChanged(LogActions.EvidenceDetached, actor, run, itemId, sha256, clock.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EvidenceChange.Done;
    }

    /// <summary>Every file attached to the run's items, by item, then upload time.</summary>
    public async Task<IReadOnlyList<EvidenceFileRow>> OfRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EvidenceFileRow>(new CommandDefinition(
            $"SELECT {FileColumns} FROM evidence_files f JOIN evidence_blobs b ON b.sha256 = f.sha256 WHERE f.run_id = @runId ORDER BY f.item_id, f.uploaded_at, f.sha256",
            new { runId },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The SHA-256 of every file attached to any run of the plan.</summary>
    public async Task<IReadOnlySet<string>> OfPlanAsync(Guid planId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT sha256 FROM evidence_files WHERE plan_id = @planId", new { planId }, cancellationToken: cancellationToken));
        return rows.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The file's bytes when it is attached to a run of the plan; null otherwise (another plan's file stays unknown). Bytes
    /// from the folder are checked against the digest: <see cref="EvidenceDamagedException"/> when they are missing or changed.
    /// </summary>
    public async Task<EvidenceBlob?> GetForPlanAsync(Guid planId, string sha256, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StoredBlob>(new CommandDefinition(
            """
            SELECT b.sha256 AS Sha256, b.media_type AS MediaType, b.content AS Content, b.stored_in AS StoredIn FROM evidence_blobs b
            WHERE b.sha256 = @sha256 AND EXISTS (SELECT 1 FROM evidence_files f WHERE f.plan_id = @planId AND f.sha256 = @sha256)
            """,
            new { planId, sha256 },
            cancellationToken: cancellationToken));
        return row is null
            ? null
            : new EvidenceBlob(row.Sha256, row.MediaType,
                row.StoredIn == EvidenceOptions.FolderStorage ? await folder.ReadAsync(row.Sha256, cancellationToken) : row.Content);
    }

    /// <summary>A blob's row: <c>content</c> is empty when the bytes are in the folder.</summary>
    private sealed record StoredBlob(string Sha256, string MediaType, byte[] Content, string StoredIn);

    private static async Task<bool> AttachedAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Guid runId, string itemId, string sha256,
        CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM evidence_files WHERE run_id = @runId AND item_id = @itemId AND sha256 = @sha256",
            new { runId, itemId, sha256 }, transaction, cancellationToken: cancellationToken)) > 0;
}
