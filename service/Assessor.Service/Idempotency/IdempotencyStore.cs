using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Idempotency;

/// <summary>The first response to a request made with an Idempotency-Key; StatusCode null while it is still running.</summary>
public sealed record StoredResponse(string RequestSha256, long? StatusCode, string? ContentType, string? Location, string? ETag, byte[]? Body);

public sealed class IdempotencyStore(IDatabase database, TimeProvider clock)
{
    /// <summary>A claim whose request has shown no result for this long died with its instance: a retry may take it over.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>Claims the key for this request; null when it was free, else what the key already holds.</summary>
    public async Task<StoredResponse?> ClaimAsync(Guid principalId, string key, string requestSha256, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var claimed = await database.UnlessDuplicateAsync(() => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO idempotency_keys (principal_id, idempotency_key, request_sha256, created_at)
            SELECT @principalId, @key, @requestSha256, @now
            WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE principal_id = @principalId AND idempotency_key = @key)
            """,
            new { principalId, key, requestSha256, now = clock.GetUtcNow() },
            cancellationToken: cancellationToken)));
        if (claimed == 1)
        {
            return null;
        }

        var takenOver = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE idempotency_keys SET request_sha256 = @requestSha256, created_at = @now
            WHERE principal_id = @principalId AND idempotency_key = @key AND status_code IS NULL AND created_at < @staleBefore
            """,
            new { principalId, key, requestSha256, now = clock.GetUtcNow(), staleBefore = clock.GetUtcNow() - ClaimLease },
            cancellationToken: cancellationToken));
        if (takenOver == 1)
        {
            return null;
        }

        return await connection.QuerySingleAsync<StoredResponse>(new CommandDefinition(
            """
            SELECT request_sha256 AS RequestSha256, status_code AS StatusCode, content_type AS ContentType, location AS Location,
                   etag AS ETag, body AS Body
            FROM idempotency_keys WHERE principal_id = @principalId AND idempotency_key = @key
            """,
            new { principalId, key },
            cancellationToken: cancellationToken));
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

    /// <summary>Frees the key after a server error, so the client's retry really runs again.</summary>
    public async Task ReleaseAsync(Guid principalId, string key)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE principal_id = @principalId AND idempotency_key = @key AND status_code IS NULL",
            new { principalId, key });
    }
}
