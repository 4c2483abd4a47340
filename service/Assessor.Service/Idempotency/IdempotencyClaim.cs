using System.Data.Common;
using Assessor.Service.Http;
using Dapper;

namespace Assessor.Service.Idempotency;

/// <summary>The key a request holds while it runs; thrown when a retry took the claim over, so the request's effect must not commit.</summary>
public sealed class IdempotencyClaimLostException() : Exception("A retry took over this request's Idempotency-Key claim.");

/// <summary>
/// The current request's claim on an <c>Idempotency-Key</c>, as a request feature. A handler whose request has an effect
/// records its response through <see cref="ResponseFor{T}"/> and the effect's own store, in the effect's transaction: a
/// crash after that commit still leaves the response to replay, and no retry can act a second time.
/// </summary>
public sealed class IdempotencyClaim(Guid principalId, string key, Guid claimId)
{
    /// <summary>Set once the response was recorded with the effect; the middleware then records nothing more.</summary>
    public bool Recorded { get; private set; }

    /// <summary>The response to record for this request, when it holds a claim; null otherwise.</summary>
    public static IdempotentResponse? ResponseFor<T>(HttpContext context, int status, string location, string? etag, T body)
    {
        var claim = context.Features.Get<IdempotencyClaim>();
        if (claim is null)
        {
            return null;
        }

        return new IdempotentResponse(claim, status, JsonAnswer.ContentType, location, etag, JsonAnswer.Serialize(context, body));
    }

    internal async Task WriteAsync(IdempotentResponse response, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var written = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE idempotency_keys SET status_code = @Status, content_type = @ContentType, location = @Location, etag = @ETag, body = @Body
            WHERE principal_id = @principalId AND idempotency_key = @key AND claim_id = @claimId AND status_code IS NULL
            """,
            new { response.Status, response.ContentType, response.Location, response.ETag, response.Body, principalId, key, claimId },
            transaction,
            cancellationToken: cancellationToken));
        if (written != 1)
        {
            throw new IdempotencyClaimLostException();
        }

        Recorded = true;
    }
}

/// <summary>A response to record in the same transaction as the effect it reports.</summary>
public sealed record IdempotentResponse(IdempotencyClaim Claim, long Status, string ContentType, string Location, string? ETag, byte[] Body)
{
    /// <summary>Records this response inside <paramref name="transaction"/>; throws <see cref="IdempotencyClaimLostException"/> if the claim was taken over.</summary>
    public Task WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Claim.WriteAsync(this, connection, transaction, cancellationToken);
}
