using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Assessor.Service.Http;
using Assessor.Service.Identity;

namespace Assessor.Service.Idempotency;

/// <summary>Marks an endpoint whose POST honours the <c>Idempotency-Key</c> header.</summary>
public sealed class IdempotentEndpoint;

/// <summary>
/// A retried request with the same <c>Idempotency-Key</c> (per principal) gets the first response back and
/// creates nothing new — across instances, because the key is claimed in the shared database before the
/// request runs. The same key with a different request is refused; a server error frees the key.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context, IdempotencyStore store)
    {
        string? key = context.Request.Headers[Header];
        if (key is null || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is null || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        if (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
        {
            await Problems.Validation(Header, new(
                $"1 to {MaxKeyLength} printable characters, unique per request you mean to make once.",
                $"印字可能な 1 〜 {MaxKeyLength} 文字で、一度だけ行いたい要求ごとに別の値を指定してください。")).ExecuteAsync(context);
            return;
        }

        var principalId = Caller.From(context.User).Id;
        var requestHash = await HashRequestAsync(context.Request);
        var (claim, stored) = await store.ClaimAsync(principalId, key, requestHash, context.RequestAborted);
        if (claim is null)
        {
            await ReplayAsync(context, stored!, requestHash);
            return;
        }

        context.Features.Set(claim);
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch (IdempotencyClaimLostException)
        {
            // A retry took the key over after the lease; this request's effect rolled back, the retry's result stands.
            context.Response.Body = original;
            context.Response.Clear();
            await InProgress(context);
            return;
        }
        catch
        {
            await store.ReleaseAsync(principalId, key);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        // A response recorded with its effect is in the database already; one without an effect (a refusal) is recorded
        // now, and a server error frees the key so the retry really runs again.
        if (!claim.Recorded && context.Response.StatusCode >= 500)
        {
            await store.ReleaseAsync(principalId, key);
        }
        else if (!claim.Recorded)
        {
            await store.CompleteAsync(principalId, key, new StoredResponse(requestHash, context.Response.StatusCode, context.Response.ContentType,
                context.Response.Headers.Location, context.Response.Headers.ETag, buffer.ToArray()), CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored, string requestHash)
    {
        if (stored.RequestSha256 != requestHash)
        {
            await Problems.Create(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "This Idempotency-Key was used for another request",
                "Use a new key for a new request; reuse a key only to retry the very same request.").ExecuteAsync(context);
            return;
        }

        if (stored.StatusCode is not { } status)
        {
            await InProgress(context);
            return;
        }

        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (stored.Location is not null)
        {
            context.Response.Headers.Location = stored.Location;
        }

        if (stored.ETag is not null)
        {
            context.Response.Headers.ETag = stored.ETag;
        }

        // The recorded bytes, framed as the first answer was: with their exact length.
        await context.Response.WriteWholeAsync((int)status, stored.ContentType, stored.Body ?? [], context.RequestAborted);
    }

    private static Task InProgress(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return Problems.Create(StatusCodes.Status409Conflict, "idempotency-in-progress", "The first request with this key is still running",
            "Retry shortly to receive its response.").ExecuteAsync(context);
    }

    /// <summary>Method, path and body: a key reused for anything else is a client error.</summary>
    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        // Pooled: a fresh 16 KiB chunk per keyed request was the largest single allocation of a create (docs/benchmarks.md).
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                hash.AppendData(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
