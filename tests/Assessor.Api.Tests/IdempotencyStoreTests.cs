using Assessor.Service.Idempotency;
using Assessor.Service.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assessor.Api.Tests;

/// <summary>The idempotency store on a real database, with a clock the test moves.</summary>
public abstract class IdempotencyStoreTests : IDisposable
{
    private readonly List<TestDatabase> created = [];

    protected abstract TestDatabase CreateDatabase();

    public void Dispose()
    {
        created.ForEach(d => d.Dispose());
        GC.SuppressFinalize(this);
    }

    private static readonly IdempotencyOptions Options = new();

    [SkippableFact]
    public async Task A_claim_left_by_a_crashed_request_is_taken_over_after_its_lease_but_a_result_never_is()
    {
        var (database, clock, store) = Setup();
        var principal = Guid.NewGuid();

        Assert.NotNull((await store.ClaimAsync(principal, "key-1", "request-a", CancellationToken.None)).Claim);
        var running = await store.ClaimAsync(principal, "key-1", "request-a", CancellationToken.None);
        Assert.Null(running.Claim);
        Assert.Null(running.Existing!.StatusCode);

        // The first request's instance died without an answer: after the lease a retry runs again.
        clock.Advance(Options.ClaimLease + TimeSpan.FromSeconds(1));
        var retry = (await store.ClaimAsync(principal, "key-1", "request-a", CancellationToken.None)).Claim;
        Assert.NotNull(retry);
        await RecordAsync(database, new IdempotentResponse(retry, 201, "application/json", "/x", "\"1\"", [1, 2, 3]));

        clock.Advance(TimeSpan.FromHours(1));
        var stored = (await store.ClaimAsync(principal, "key-1", "request-a", CancellationToken.None)).Existing;
        Assert.Equal(201, stored!.StatusCode);
        Assert.Equal([1, 2, 3], stored.Body);
        // Keys are per principal: another caller's same key is its own.
        Assert.NotNull((await store.ClaimAsync(Guid.NewGuid(), "key-1", "request-a", CancellationToken.None)).Claim);
    }

    [SkippableFact]
    public async Task A_request_whose_claim_was_taken_over_cannot_record_so_its_effect_rolls_back()
    {
        var (database, clock, store) = Setup();
        var principal = Guid.NewGuid();
        var slow = (await store.ClaimAsync(principal, "key-2", "request-a", CancellationToken.None)).Claim!;
        clock.Advance(Options.ClaimLease + TimeSpan.FromSeconds(1));
        var retry = (await store.ClaimAsync(principal, "key-2", "request-a", CancellationToken.None)).Claim!;

        await Assert.ThrowsAsync<IdempotencyClaimLostException>(() => RecordAsync(database, new IdempotentResponse(slow, 201, "application/json", "/slow", null, [1])));
        await RecordAsync(database, new IdempotentResponse(retry, 201, "application/json", "/retry", null, [2]));

        Assert.True(retry.Recorded);
        Assert.False(slow.Recorded);
        Assert.Equal("/retry", (await store.ClaimAsync(principal, "key-2", "request-a", CancellationToken.None)).Existing!.Location);
    }

    [SkippableFact]
    public async Task Keys_past_their_retention_are_deleted()
    {
        var (_, clock, store) = Setup();
        var principal = Guid.NewGuid();
        await store.ClaimAsync(principal, "old", "request-a", CancellationToken.None);
        clock.Advance(Options.Retention);
        await store.ClaimAsync(principal, "new", "request-b", CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await store.DeleteExpiredAsync(CancellationToken.None));
        Assert.NotNull((await store.ClaimAsync(principal, "old", "request-c", CancellationToken.None)).Claim);
        Assert.Null((await store.ClaimAsync(principal, "new", "request-b", CancellationToken.None)).Claim);
    }

    private (IDatabase Database, ManualClock Clock, IdempotencyStore Store) Setup()
    {
        var testDatabase = CreateDatabase();
        Skip.If(testDatabase.SkipReason is not null, testDatabase.SkipReason);
        created.Add(testDatabase);
        var database = Open(testDatabase);
        database.Migrate(NullLogger.Instance);
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        return (database, clock, new IdempotencyStore(database, clock, Microsoft.Extensions.Options.Options.Create(Options)));
    }

    /// <summary>Records as an effect's store does: inside its own transaction, committed only when the claim still holds.</summary>
    private static async Task RecordAsync(IDatabase database, IdempotentResponse response)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await response.WriteAsync(connection, transaction, CancellationToken.None);
        await transaction.CommitAsync();
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
