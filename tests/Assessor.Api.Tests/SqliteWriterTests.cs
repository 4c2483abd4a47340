using System.Data.Common;
using Assessor.Service.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Assessor.Api.Tests;

/// <summary>
/// SQLite's writes, on a real database file: every transaction and lone write of the process runs in its turn on the one
/// writer connection, with its statements kept prepared, and still commits exactly what each writer asked for.
/// </summary>
public sealed class SqliteWriterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("assessor-writer-").FullName;
    private readonly SqliteDatabase database;

    public SqliteWriterTests()
    {
        // A batch is handed on for a minute here, not 10 ms: a loaded machine may take longer than that between a test's
        // begin and its commit, and the tests of the hand-off would see the batch committed instead.
        database = Database(TimeSpan.FromMinutes(1));
        using var setup = new SqliteConnection($"Data Source={Path.Combine(folder, "w.db")}");
        setup.Open();
        setup.Execute("PRAGMA journal_mode=WAL; CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, data BLOB);");
    }

    public void Dispose()
    {
        database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Transactions_of_different_connections_run_on_the_one_writer_connection()
    {
        // A temporary table belongs to the connection that made it. The second connection is opened first, so its own
        // pooled handle is not the first one's: its transaction sees the table only on the shared writer connection.
        await using var second = await database.OpenAsync();
        await using (var first = await database.OpenAsync())
        {
            await CommitAsync(first, "CREATE TEMP TABLE probe (x INTEGER); INSERT INTO probe VALUES (1);");
        }

        await using var again = await second.BeginTransactionAsync();
        Assert.Equal(1, await second.ExecuteScalarAsync<int>("SELECT count(*) FROM temp.probe", transaction: again));
    }

    [Fact]
    public async Task Parameters_carry_the_prefix_the_sql_writes_and_bind_on_writes_and_reads()
    {
        await using var connection = await database.OpenAsync();
        using var command = connection.CreateCommand();
        var bare = command.CreateParameter();
        bare.ParameterName = "id";
        var prefixed = command.CreateParameter();
        prefixed.ParameterName = "$id";
        Assert.Equal(["@id", "$id"], new[] { bare.ParameterName, prefixed.ParameterName });

        // Dapper's names, and a list it expands into names of its own, bind on the writer and on a read.
        await CommitAsync(connection, "INSERT INTO items (id, name) VALUES (@a, @name), (@b, @name)", new { a = 10, b = 11, name = "x" });
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM items WHERE id IN @ids AND name = @name",
            new { ids = new[] { 10, 11, 12 }, name = "x" }));
    }

    [Fact]
    public async Task A_statement_kept_prepared_binds_each_writers_own_values()
    {
        (long Id, string? Name, byte[]? Data)[] rows = [(1, "一", [1, 2]), (2, null, null), (3, "three", []), (4, "four", new byte[200_000])];
        foreach (var row in rows)
        {
            await using var connection = await database.OpenAsync();
            await CommitAsync(connection, "INSERT INTO items (id, name, data) VALUES (@Id, @Name, @Data)", new { row.Id, row.Name, row.Data });
        }

        await using (var connection = await database.OpenAsync())
        {
            // A lone write outside a transaction runs on the writer too.
            await connection.ExecuteAsync("UPDATE items SET name = @name WHERE id = @id", new { id = 3, name = "three again" });
        }

        await using var reader = await database.OpenAsync();
        var stored = (await reader.QueryAsync<(long Id, string? Name, byte[]? Data)>("SELECT id, name, data FROM items ORDER BY id")).ToArray();
        Assert.Equal([(1L, "一"), (2L, null), (3L, "three again"), (4L, "four")], stored.Select(r => (r.Id, r.Name)));
        Assert.Equal([1, 2], stored[0].Data);
        Assert.Null(stored[1].Data);
        Assert.Equal(200_000, stored[3].Data!.Length);
    }

    [Fact]
    public async Task A_transaction_its_connection_leaves_open_is_rolled_back_and_the_next_writer_goes_on()
    {
        var abandoned = await database.OpenAsync();
        var transaction = await abandoned.BeginTransactionAsync();
        await abandoned.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'abandoned')", transaction: transaction);
        await abandoned.CloseAsync();

        await using var next = await database.OpenAsync();
        await CommitAsync(next, "INSERT INTO items (id, name) VALUES (2, 'kept')");

        Assert.Equal(["kept"], await next.QueryAsync<string>("SELECT name FROM items ORDER BY id"));
    }

    [Fact]
    public async Task A_second_transaction_on_one_connection_is_refused_and_the_first_goes_on()
    {
        await using (var connection = await database.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await connection.BeginTransactionAsync());
            await connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'first')", transaction: transaction);
            await transaction.CommitAsync();
        }

        await using var next = await database.OpenAsync();
        await CommitAsync(next, "INSERT INTO items (id, name) VALUES (2, 'next')");

        Assert.Equal(["first", "next"], await next.QueryAsync<string>("SELECT name FROM items ORDER BY id"));
    }

    [Fact]
    public async Task A_write_made_before_its_connections_transaction_began_is_refused()
    {
        await using var connection = await database.OpenAsync();
        await using var early = connection.CreateCommand();
        early.CommandText = "INSERT INTO items (id, name) VALUES (1, 'early')";
        await using var transaction = await connection.BeginTransactionAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => early.ExecuteNonQueryAsync());
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("PRAGMA synchronous", transaction: transaction));
    }

    [Fact]
    public async Task A_light_write_does_not_lower_the_durability_of_the_next_transaction()
    {
        await using (var light = await database.OpenForLightWritesAsync())
        {
            await light.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'claim')");
        }

        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // 2 = FULL: the commit syncs the WAL, and with it the light write before it.
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("PRAGMA synchronous", transaction: transaction));
    }

    [Fact]
    public async Task A_committed_transaction_gives_the_turn_on_while_its_connection_stays_open()
    {
        await using var first = await database.OpenAsync();
        await CommitAsync(first, "INSERT INTO items (id, name) VALUES (1, 'first')");

        await using var second = await database.OpenAsync();
        await using var secondTransaction = await second.BeginTransactionAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await second.ExecuteScalarAsync<int>("SELECT count(*) FROM items", transaction: secondTransaction));
    }

    [Fact]
    public async Task Transactions_queued_one_behind_another_share_a_commit_and_each_is_acknowledged_only_once_it_is_on_disk()
    {
        await using var first = await database.OpenAsync();
        await using var second = await database.OpenAsync();
        await using var third = await database.OpenAsync();
        var (firstCommitted, secondTransaction, behind) = await BatchHeldBySecondAsync(first, second, third);

        // Two writers were waiting, so the first left the batch open for the next one and is not acknowledged yet.
        Assert.False(firstCommitted.IsCompleted);
        Assert.Equal(0, await CountCommittedAsync());

        await second.ExecuteAsync("INSERT INTO items (id, name) VALUES (2, 'second')", transaction: secondTransaction);
        await secondTransaction.CommitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await firstCommitted.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, await CountCommittedAsync());
        await EndInTurnAsync(behind);
    }

    [Theory]
    [InlineData(1, false)] // one writer waiting
    [InlineData(2, true)] // two waiting, but the batch is past its age
    public async Task The_batch_is_committed_not_handed_on_when_one_writer_waits_or_it_is_past_its_age(int waiting, bool pastItsAge)
    {
        using var aged = pastItsAge ? Database(TimeSpan.Zero) : null;
        var writers = aged ?? database;
        await using var first = await writers.OpenAsync();
        await using var second = await writers.OpenAsync();
        var behind = await Task.WhenAll(Enumerable.Range(1, waiting - 1).Select(_ => writers.OpenAsync()));
        var (firstCommitted, secondTransaction, inLine) = await BatchHeldBySecondAsync(first, second, behind);

        await firstCommitted.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await CountCommittedAsync());
        await secondTransaction.DisposeAsync();
        await EndInTurnAsync(inLine);
        foreach (var connection in behind)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_writer_that_rolls_back_in_a_shared_batch_undoes_only_its_own_work()
    {
        await using var first = await database.OpenAsync();
        await using var second = await database.OpenAsync();
        await using var third = await database.OpenAsync();
        await using var fourth = await database.OpenAsync();
        var (firstCommitted, secondTransaction, behind) = await BatchHeldBySecondAsync(first, second, third, fourth);

        await using (secondTransaction)
        {
            // Reads the first writer's row, not yet committed; a constraint error undoes its own statement only.
            Assert.Equal(1, await second.ExecuteScalarAsync<int>("SELECT count(*) FROM items", transaction: secondTransaction));
            await Assert.ThrowsAsync<SqliteException>(() => second.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'again')", transaction: secondTransaction));
            await second.ExecuteAsync("INSERT INTO items (id, name) VALUES (2, 'rolled back')", transaction: secondTransaction);
            Assert.False(firstCommitted.IsCompleted);
        }

        // What the rolled-back writer read is committed by the time its rollback returns, though two writers waited for
        // the turn: its caller may act on what it read at once.
        await using var reader = await database.OpenAsync();
        Assert.Equal(["first"], await reader.QueryAsync<string>("SELECT name FROM items ORDER BY id"));
        await firstCommitted.WaitAsync(TimeSpan.FromSeconds(5));
        await EndInTurnAsync(behind);
    }

    [Theory]
    [InlineData(true, 0)] // a light write (a claim) joins the batch: none of it is on the disk while the next writer holds it
    [InlineData(false, 2)] // any other lone write commits the batch first, then itself
    public async Task A_lone_write_handed_the_batch_joins_it_when_light_and_else_commits_it_first(bool light, int committedWhileTheNextHoldsIt)
    {
        await using var first = await database.OpenAsync();
        var firstTransaction = await first.BeginTransactionAsync();
        await first.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'first')", transaction: firstTransaction);
        await using var lone = light ? await database.OpenForLightWritesAsync() : await database.OpenAsync();
        var loneWrite = lone.ExecuteAsync("INSERT INTO items (id, name) VALUES (2, 'lone')");
        await using var third = await database.OpenAsync();
        await using var fourth = await database.OpenAsync();
        var thirdBegins = third.BeginTransactionAsync().AsTask();
        var fourthBegins = fourth.BeginTransactionAsync().AsTask();

        var firstCommitted = firstTransaction.CommitAsync();
        Assert.Equal(1, await loneWrite.WaitAsync(TimeSpan.FromSeconds(5)));
        var thirdTransaction = await thirdBegins.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, await third.ExecuteScalarAsync<int>("SELECT count(*) FROM items", transaction: thirdTransaction));
        Assert.Equal(committedWhileTheNextHoldsIt, await CountCommittedAsync());

        await thirdTransaction.CommitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await firstCommitted.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, await CountCommittedAsync());
        await EndInTurnAsync([fourthBegins]);
    }

    [Fact]
    public async Task A_connection_closed_inside_a_shared_batch_undoes_its_own_work_and_the_batch_commits()
    {
        await using var first = await database.OpenAsync();
        await using var second = await database.OpenAsync();
        await using var third = await database.OpenAsync();
        await using var fourth = await database.OpenAsync();
        var (firstCommitted, secondTransaction, behind) = await BatchHeldBySecondAsync(first, second, third, fourth);
        await second.ExecuteAsync("INSERT INTO items (id, name) VALUES (2, 'left open')", transaction: secondTransaction);

        await second.CloseAsync();

        await firstCommitted.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await CountCommittedAsync());
        await EndInTurnAsync(behind);
    }

    [Fact]
    public async Task When_SQLite_rolls_the_whole_batch_back_every_writer_in_it_fails_and_the_next_one_goes_on()
    {
        await using (var setup = await database.OpenAsync())
        {
            // RAISE(ROLLBACK) ends the whole transaction, as an I/O error or a full disk would.
            await CommitAsync(setup, "CREATE TRIGGER refuse BEFORE INSERT ON items WHEN NEW.name = 'abort' BEGIN SELECT RAISE(ROLLBACK, 'refused'); END;");
        }

        await using var first = await database.OpenAsync();
        await using var second = await database.OpenAsync();
        await using var third = await database.OpenAsync();
        var (firstCommitted, secondTransaction, behind) = await BatchHeldBySecondAsync(first, second, third);

        await using (secondTransaction)
        {
            await Assert.ThrowsAsync<SqliteException>(() => second.ExecuteAsync("INSERT INTO items (id, name) VALUES (2, 'abort')", transaction: secondTransaction));
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => firstCommitted.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, await CountCommittedAsync());

        await EndInTurnAsync(behind);
        await using var next = await database.OpenAsync();
        await CommitAsync(next, "INSERT INTO items (id, name) VALUES (3, 'next')");
        Assert.Equal(1, await CountCommittedAsync());
    }

    [Fact]
    public async Task Many_writers_at_once_find_exactly_what_was_acknowledged_committed()
    {
        // 16 threads, 40 writes each: transactions that commit, transactions that roll back, and light lone writes, so that
        // writers queue for the turn and batches form, are handed on and end every way (threads of their own and the
        // synchronous API: on the test's thread pool, writers would rarely meet in the queue). A row is stored if and only if
        // its write was acknowledged.
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<long>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var threads = Enumerable.Range(0, 16).Select(writer => new Thread(() =>
        {
            try
            {
                for (var i = 0; i < 40; i++)
                {
                    long id = (writer * 1000) + i;
                    if (Write(id, i % 5))
                    {
                        acknowledged.Add(id);
                    }
                }
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            Assert.True(thread.Join(TimeSpan.FromSeconds(60)));
        }

        Assert.Empty(failures);
        await using var reader = await database.OpenAsync();
        Assert.Equal(acknowledged.Order(), await reader.QueryAsync<long>("SELECT id FROM items ORDER BY id"));
    }

    // One write of the kind given; true when it was acknowledged (a rolled-back transaction is not).
    private bool Write(long id, int kind)
    {
        using var connection = (kind == 0 ? database.OpenForLightWritesAsync() : database.OpenAsync()).GetAwaiter().GetResult();
        if (kind == 0)
        {
            connection.Execute("INSERT INTO items (id, name) VALUES (@id, 'light')", new { id });
            return true;
        }

        using var transaction = connection.BeginTransaction();
        connection.Execute("INSERT INTO items (id, name) VALUES (@id, 'written')", new { id }, transaction);
        if (kind == 3)
        {
            transaction.Rollback();
            return false;
        }

        transaction.Commit();
        return true;
    }

    // The first connection inserts row 1 and commits while the others wait in line to begin a transaction: with two or more
    // waiting, the batch with the first's work is handed to the second, which holds it open.
    private static async Task<(Task FirstCommitted, DbTransaction SecondTransaction, Task<DbTransaction>[] Behind)> BatchHeldBySecondAsync(
        DbConnection first, DbConnection second, params DbConnection[] behind)
    {
        var firstTransaction = await first.BeginTransactionAsync();
        await first.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'first')", transaction: firstTransaction);
        var secondBegins = second.BeginTransactionAsync().AsTask();
        var behindBegin = behind.Select(connection => connection.BeginTransactionAsync().AsTask()).ToArray();
        var firstCommitted = firstTransaction.CommitAsync();
        return (firstCommitted, await secondBegins.WaitAsync(TimeSpan.FromSeconds(5)), behindBegin);
    }

    // The writers still in line, each given the turn in order and ending its transaction without writing.
    private static async Task EndInTurnAsync(Task<DbTransaction>[] inLine)
    {
        foreach (var begins in inLine)
        {
            await (await begins.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
        }
    }

    private SqliteDatabase Database(TimeSpan batchAge) => new($"Data Source={Path.Combine(folder, "w.db")};Default Timeout=5", folder, batchAge);

    // What a reader on its own connection sees: committed rows only.
    private async Task<int> CountCommittedAsync()
    {
        await using var reader = await database.OpenAsync();
        return await reader.ExecuteScalarAsync<int>("SELECT count(*) FROM items");
    }

    // One transaction on the connection: the statement, then the commit.
    private static async Task CommitAsync(DbConnection connection, string sql, object? parameters = null)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(sql, parameters, transaction);
        await transaction.CommitAsync();
    }
}
