using Assessor.Service.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assessor.Api.Tests.Identity;

/// <summary>
/// Requests that miss the same key at once (an entry expiring under load) share one look-up in the database instead of
/// each making one; after a revocation (<see cref="ApiKeyCache.Forget"/>) nobody is answered from before it.
/// </summary>
public abstract class ApiKeyCacheTests(AssessorFactory factory)
{
    [SkippableFact]
    public async Task Simultaneous_misses_of_one_key_share_one_look_up_and_a_forget_asks_again()
    {
        var (client, principal) = await factory.NewPrincipalAsync("reviewer");
        client.Dispose();
        // A cache of its own over the service's real store: nothing else in the service touches its count. Its entries
        // outlast the test, so a request that a loaded machine holds back still finds the key kept.
        var cache = new ApiKeyCache(factory.Services.GetRequiredService<PrincipalStore>(),
            Options.Create(new KeyCacheOptions { KeyCacheMilliseconds = 60_000 }));
        var hash = ApiKeys.Hash(principal.Key);

        // Threads of their own: eight pool threads blocked at the barrier would wait seconds for the pool to grow.
        const int Requests = 8;
        using var start = new Barrier(Requests);
        var found = await Task.WhenAll(Enumerable.Range(0, Requests).Select(_ => Task.Factory.StartNew(async () =>
        {
            start.SignalAndWait();
            return await cache.FindActiveKeyAsync(hash, CancellationToken.None);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));

        Assert.All(found, key => Assert.Equal(principal.Id, key!.PrincipalId));
        Assert.Equal(1, cache.LookUps);

        cache.Forget();
        Assert.Equal(principal.Id, (await cache.FindActiveKeyAsync(hash, CancellationToken.None))!.PrincipalId);
        Assert.Equal(2, cache.LookUps);
        Assert.Null(await cache.FindActiveKeyAsync(ApiKeys.Hash("not a key anyone was given"), CancellationToken.None));
        Assert.Null(await cache.FindActiveKeyAsync(ApiKeys.Hash("not a key anyone was given"), CancellationToken.None));
        Assert.Equal(4, cache.LookUps); // an unknown key is never kept
    }
}

public sealed class ApiKeyCacheTestsOnSqlite(SqliteFactory factory) : ApiKeyCacheTests(factory), IClassFixture<SqliteFactory>;

public sealed class ApiKeyCacheTestsOnPostgres(PostgresFactory factory) : ApiKeyCacheTests(factory), IClassFixture<PostgresFactory>;
