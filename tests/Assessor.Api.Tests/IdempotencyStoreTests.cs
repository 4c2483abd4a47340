using Assessor.Service.Idempotency;
using Assessor.Service.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assessor.Api.Tests;

/// <summary>The idempotency store on a real database, with a clock the test moves.</summary>
public abstract class IdempotencyStoreTests
{
    protected abstract TestDatabase CreateDatabase();

    [SkippableFact]
    public async Task A_claim_left_by_a_crashed_request_is_taken_over_after_its_lease_but_a_result_never_is()
    {
        using var testDatabase = CreateDatabase();
        Skip.If(testDatabase.SkipReason is not null, testDatabase.SkipReason);
        var database = Open(testDatabase);
        database.Migrate(NullLogger.Instance);
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        var store = new IdempotencyStore(database, clock);
        var principal = Guid.NewGuid();

        Assert.Null(await store.ClaimAsync(principal, "key-1", "request-a", CancellationToken.None));
        var running = await store.ClaimAsync(principal, "key-1", "request-a", CancellationToken.None);
        Assert.NotNull(running);
        Assert.Null(running.StatusCode);

        // The first request's instance died without an answer: after the lease a retry runs again.
        clock.Advance(IdempotencyStore.ClaimLease + TimeSpan.FromSeconds(1));
        Assert.Null(await store.ClaimAsync(principal, "key-1", "request-a", CancellationToken.None));
        await store.CompleteAsync(principal, "key-1", new StoredResponse("request-a", 201, "application/json", "/x", "\"1\"", [1, 2, 3]), CancellationToken.None);

        clock.Advance(TimeSpan.FromDays(1));
        var stored = await store.ClaimAsync(principal, "key-1", "request-a", CancellationToken.None);
        Assert.Equal(201, stored!.StatusCode);
        Assert.Equal([1, 2, 3], stored.Body);
        // Keys are per principal: another caller's same key is its own.
        Assert.Null(await store.ClaimAsync(Guid.NewGuid(), "key-1", "request-a", CancellationToken.None));
    }

    private static IDatabase Open(TestDatabase database) => database.Provider switch
    {
        "sqlite" => new SqliteDatabase(database.ConnectionString, Path.GetTempPath()),
        "postgres" => new PostgresDatabase(database.ConnectionString),
        _ => new SqlServerDatabase(database.ConnectionString),
    };

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset now = now;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}

public sealed class IdempotencyStoreTestsOnSqlite : IdempotencyStoreTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Sqlite();
}

public sealed class IdempotencyStoreTestsOnPostgres : IdempotencyStoreTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Postgres();
}
