using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Identity;

/// <summary>Bound from <c>Assessor:Identity</c>; checked at start.</summary>
public sealed class KeyCacheOptions
{
    public const string Section = "Assessor:Identity";

    /// <summary>
    /// How long a key found active is taken as active without asking the database again, in milliseconds; 0 asks every
    /// time. This is the longest a key revoked on another instance still works here (plus one look-up).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1000)]
    public int KeyCacheMilliseconds { get; set; } = 500;
}

/// <summary>
/// Active API keys by hash, each kept for <see cref="KeyCacheOptions.KeyCacheMilliseconds"/> after the database said so,
/// so that a busy key costs one look-up per period instead of one per request (issue 11: the look-up was 45 % of
/// POST /assessments). Unknown and revoked keys are never kept. A revocation made through this instance empties the cache
/// at once; one made through another instance takes effect here within the period, because every entry expires by then.
/// Requests that miss the same key at the same moment (an entry expiring under load) share one look-up instead of each
/// asking the database.
/// </summary>
public sealed class ApiKeyCache(PrincipalStore principals, IOptions<KeyCacheOptions> options)
{
    private const int MaxKeys = 10_000;

    private readonly TimeSpan period = TimeSpan.FromMilliseconds(options.Value.KeyCacheMilliseconds);
    private Generation keys = new();
    private long lookUps;

    /// <summary>How many times the database was asked (for tests and diagnostics).</summary>
    public long LookUps => Interlocked.Read(ref lookUps);

    public async Task<AuthenticatedKey?> FindActiveKeyAsync(string keyHash, CancellationToken cancellationToken)
    {
        var generation = keys;
        if (generation.Cache.TryGetValue(keyHash, out AuthenticatedKey? known))
        {
            return known;
        }

        var lookUp = generation.InFlight.GetOrAdd(keyHash, hash => new Lazy<Task<AuthenticatedKey?>>(() => LookUpAsync(generation, hash)));
        return await lookUp.Value.WaitAsync(cancellationToken);
    }

    // Shared by every waiter, so no one request's cancellation ends it.
    private async Task<AuthenticatedKey?> LookUpAsync(Generation generation, string keyHash)
    {
        try
        {
            // A look-up that ended between this request's miss and its joining has kept the key already.
            if (generation.Cache.TryGetValue(keyHash, out AuthenticatedKey? kept))
            {
                return kept;
            }

            Interlocked.Increment(ref lookUps);
            var found = await principals.FindActiveKeyAsync(keyHash, CancellationToken.None);
            if (found is not null && period > TimeSpan.Zero)
            {
                using var entry = generation.Cache.CreateEntry(keyHash);
                entry.Value = found;
                entry.Size = 1;
                entry.AbsoluteExpirationRelativeToNow = period;
            }

            return found;
        }
        finally
        {
            generation.InFlight.TryRemove(keyHash, out _);
        }
    }

    /// <summary>
    /// Forgets every key, after a revocation: the next request with any key asks the database, and does not join a look-up
    /// that began before (and may have read the key as active). Such a look-up keeps its answer in the old generation, which
    /// nobody reads any more; the old cache is left to the garbage collector rather than disposed under it.
    /// </summary>
    public void Forget() => Interlocked.Exchange(ref keys, new Generation());

    private sealed class Generation
    {
        public MemoryCache Cache { get; } = new(new MemoryCacheOptions { SizeLimit = MaxKeys });

        public ConcurrentDictionary<string, Lazy<Task<AuthenticatedKey?>>> InFlight { get; } = new();
    }
}
