using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Assessor.Service.Storage;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Assessor.Api.Tests;

/// <summary>
/// The real fsync of the WAL, observed: each completed sync records how many plans readers could see when it started
/// (every such plan's commit is covered by it). The test can hold syncs at a gate, slow them down, or make them fail.
/// </summary>
public sealed class ObservedWalSync(string databasePath) : WalSync
{
    private readonly ManualResetEventSlim open = new(true);

    public ConcurrentQueue<long> Completed { get; } = new();

    public bool Fail { get; set; }

    public TimeSpan Delay { get; set; }

    public void Hold() => open.Reset();

    public void Release() => open.Set();

    public long PlansVisible()
    {
        using var reader = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        reader.Open();
        return reader.ExecuteScalar<long>("SELECT COUNT(*) FROM plans");
    }

    public override void Sync(string walPath)
    {
        var visible = PlansVisible();
        Assert.True(open.Wait(TimeSpan.FromSeconds(30)), "the test never released the gate");
        Thread.Sleep(Delay);
        if (Fail)
        {
            throw new IOException("Input/output error (the test's failing disk)");
        }

        base.Sync(walPath);
        Completed.Enqueue(visible);
    }
}

/// <summary>The service on SQLite with an <see cref="ObservedWalSync"/> in place of the plain one.</summary>
public sealed class GroupCommitFactory() : AssessorFactory(TestDatabase.Sqlite(), ownsDatabase: true)
{
    private ObservedWalSync? sync;

    public ObservedWalSync Sync => sync ??= new ObservedWalSync(new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<WalSync>(Sync));
    }
}

/// <summary>
/// Group commit on SQLite (issue 11): a write commits without an fsync inside its turn and is acknowledged only after the
/// shared barrier has synced the WAL past it; a failed sync fails the request.
/// </summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task A_create_is_acknowledged_only_after_an_fsync_that_started_after_its_commit()
    {
        await using var factory = new GroupCommitFactory();
        using var applicant = await factory.ApplicantAsync();
        var before = factory.Sync.PlansVisible();

        factory.Sync.Hold();
        var create = applicant.SendAsync(Create("held-1"));
        // Readers see the commit before its fsync (docs/storage.md says why that is acceptable) ...
        await Until(() => factory.Sync.PlansVisible() == before + 1);
        // ... but the request is not answered while the sync is held: give a request that did not wait time to answer.
        await Task.Delay(300);
        Assert.False(create.IsCompleted, "the create was acknowledged before its commit was synced");
        factory.Sync.Release();

        using var response = await create;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(factory.Sync.Completed, visible => visible >= before + 1);
    }

    [Fact]
    public async Task One_fsync_covers_the_commits_of_many_concurrent_creates()
    {
        await using var factory = new GroupCommitFactory();
        using var applicant = await factory.ApplicantAsync();
        // A slow disk: while one sync runs, the other writers commit and wait for the next one together.
        factory.Sync.Delay = TimeSpan.FromMilliseconds(50);
        var syncsBefore = factory.Sync.Completed.Count;

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(n => applicant.SendAsync(Create($"group-{n}"))));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        var syncs = factory.Sync.Completed.Count - syncsBefore;
        Assert.InRange(syncs, 1, 8);
        Assert.Contains(factory.Sync.Completed, visible => visible >= 16);
    }

    [Fact]
    public async Task A_failed_fsync_fails_the_write_with_a_problem_and_every_later_write_too()
    {
        await using var factory = new GroupCommitFactory();
        using var applicant = await factory.ApplicantAsync();
        factory.Sync.Fail = true;

        // Not through the contract-checking client: like a 500, a disk failure is no operation's documented answer.
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = applicant.DefaultRequestHeaders.Authorization;
        foreach (var key in new[] { "failing-1", "failing-2" })
        {
            using var response = await client.SendAsync(Create(key));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("storage-unavailable", problem.GetProperty("code").GetString());
        }

        // Once a sync failed, later syncs cannot be trusted (the kernel may have dropped the pages it could not write),
        // so the service stops acknowledging writes even when the disk answers again; reads go on.
        factory.Sync.Fail = false;
        using var after = await client.SendAsync(Create("failing-3"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static HttpRequestMessage Create(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans") { Content = TestPlans.Json(TestPlans.ExampleBytes()) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(10);
        }
    }
}

/// <summary>The barrier on a real SQLite file, below HTTP: which connections wait for it, and the WAL file coming and going.</summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly TestDatabase file = TestDatabase.Sqlite();
    private readonly CountingWalSync sync = new();
    private readonly SqliteDatabase database;

    public SqliteGroupCommitTests()
    {
        database = new SqliteDatabase(file.ConnectionString, Path.GetTempPath(), sync);
        using var setup = new SqliteConnection(file.ConnectionString);
        setup.Open();
        setup.Execute("PRAGMA journal_mode=WAL; CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    }

    public void Dispose() => file.Dispose();

    [Fact]
    public async Task Every_connection_that_changed_a_row_waits_for_a_sync_when_it_closes_and_readers_do_not()
    {
        await using (var reader = await database.OpenAsync())
        {
            await reader.QueryAsync<long>("SELECT COUNT(*) FROM notes");
        }

        Assert.Equal(0, sync.Calls);

        // A lone write outside a transaction, and one the write queue does not recognise as a write (a query that inserts).
        await using (var writer = await database.OpenAsync())
        {
            await writer.ExecuteAsync("INSERT INTO notes (text) VALUES ('lone')");
            await writer.ExecuteScalarAsync<long>("INSERT INTO notes (text) VALUES ('returning') RETURNING id");
        }

        Assert.Equal(1, sync.Calls);
        Assert.Equal(1, database.Durability.Synced);

        // A transaction, closed by the synchronous Dispose.
        using (var writer = await database.OpenAsync())
        {
            using var transaction = writer.BeginTransaction();
            writer.Execute("INSERT INTO notes (text) VALUES ('in a transaction')", transaction: transaction);
            transaction.Commit();
        }

        Assert.Equal(2, sync.Calls);

        // A light write (an idempotency claim) does not wait: the next sync covers it.
        await using (var light = await database.OpenForLightWritesAsync())
        {
            await light.ExecuteAsync("INSERT INTO notes (text) VALUES ('light')");
        }

        Assert.Equal(2, sync.Calls);
    }

    [Fact]
    public async Task The_sync_follows_the_WAL_file_as_SQLite_deletes_and_recreates_it()
    {
        await using (var writer = await database.OpenAsync())
        {
            await writer.ExecuteAsync("INSERT INTO notes (text) VALUES ('first')");
        }

        // The last connection to close checkpoints the WAL into the database and deletes it: nothing is left to sync.
        SqliteConnection.ClearAllPools();
        var wal = new SqliteConnectionStringBuilder(file.ConnectionString).DataSource + "-wal";
        Assert.False(File.Exists(wal));
        new WalSync().Sync(wal);

        // The next write makes a new WAL file, and the sync opens that one.
        await using (var writer = await database.OpenAsync())
        {
            await writer.ExecuteAsync("INSERT INTO notes (text) VALUES ('second')");
        }

        Assert.True(File.Exists(wal));
        Assert.Equal(2, sync.Calls);
        await using var reader = await database.OpenAsync();
        Assert.Equal(2, await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notes"));
    }

    private sealed class CountingWalSync : WalSync
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public override void Sync(string walPath)
        {
            base.Sync(walPath);
            Interlocked.Increment(ref calls);
        }
    }
}
