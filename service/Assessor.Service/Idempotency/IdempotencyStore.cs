using Assessor.Service.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Idempotency;

/// <summary>The first response to a request made with an Idempotency-Key; StatusCode null while it is still running.</summary>
public sealed record StoredResponse(string RequestSha256, long? StatusCode, string? ContentType, string? Location, string? ETag, byte[]? Body);

/// <summary>What claiming a key gave: the claim to run under, or what the key already holds.</summary>
public sealed record ClaimResult(IdempotencyClaim? Claim, StoredResponse? Existing);

public sealed class IdempotencyStore(IDatabase database, TimeProvider clock, IOptions<IdempotencyOptions> options)
{
    /// <summary>Claims the key for this request; a claim when it was free (or its claim stale), else what the key already holds.</summary>
    public async Task<ClaimResult> ClaimAsync(Guid principalId, string key, string requestSha256, CancellationToken cancellationToken)
    {
        var claimId = Guid.NewGuid();
        // A claim lost with the machine is harmless (its request had no acknowledged effect: the effect's own durable
        // commit makes the claim before it durable too), so it need not wait for the disk (issue 11). So is one lost with a
        // SQLite batch it joined: its effect then finds no claim to record its response on, and does not commit.
        await using var connection = await database.OpenForLightWritesAsync(cancellationToken);
        var claimed = await database.UnlessDuplicateAsync(() => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO idempotency_keys (principal_id, idempotency_key, request_sha256, claim_id, created_at)
            SELECT @principalId, @key, @requestSha256, @claimId, @now
            WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE principal_id = @principalId AND idempotency_key = @key)
            """,
            new { principalId, key, requestSha256, claimId, now = clock.GetUtcNow() },
            cancellationToken: cancellationToken)));
        if (claimed == 1)
        {
            return new ClaimResult(new IdempotencyClaim(principalId, key, claimId), null);
        }

        // The key is held: take it over if its claim is stale, else read what it holds. In a transaction, so that on SQLite
        // both see a claim another writer made in the batch not yet committed (SqliteWriteQueue).
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var takenOver = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE idempotency_keys SET request_sha256 = @requestSha256, claim_id = @claimId, created_at = @now
            WHERE principal_id = @principalId AND idempotency_key = @key AND status_code IS NULL AND created_at < @staleBefore
            """,
            new { principalId, key, requestSha256, claimId, now = clock.GetUtcNow(), staleBefore = clock.GetUtcNow() - options.Value.ClaimLease },
            transaction,
            cancellationToken: cancellationToken));
        var result = takenOver == 1
            ? new ClaimResult(new IdempotencyClaim(principalId, key, claimId), null)
            : new ClaimResult(null, await connection.QuerySingleAsync<StoredResponse>(new CommandDefinition(
                """
                SELECT request_sha256 AS RequestSha256, status_code AS StatusCode, content_type AS ContentType, location AS Location,
                       etag AS ETag, body AS Body
                FROM idempotency_keys WHERE principal_id = @principalId AND idempotency_key = @key
                """,
                new { principalId, key },
                transaction,
                cancellationToken: cancellationToken)));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async Task CompleteAsync(Guid principalId, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE idempotency_keys SET status_code = @StatusCode, content_type = @ContentType, location = @Location, etag = @ETag, body = @Body
            WHERE principal_id = @principalId AND idempotency_key = @key
            """,
            new { principalId, key, response.StatusCode, response.ContentType, response.Location, response.ETag, response.Body },
            cancellationToken: cancellationToken));
    }

    /// <summary>Deletes keys older than the retention; their requests can no longer be retried as the same request.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM idempotency_keys WHERE created_at < @expiredBefore",
            new { expiredBefore = clock.GetUtcNow() - options.Value.Retention },
            cancellationToken: cancellationToken));
    }

    /// <summary>Frees the key after a server error, so the client's retry really runs again.</summary>
    public async Task ReleaseAsync(Guid principalId, string key)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE principal_id = @principalId AND idempotency_key = @key AND status_code IS NULL",
            new { principalId, key });
    }
}
