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
        database = new SqliteDatabase($"Data Source={Path.Combine(folder, "w.db")};Default Timeout=5", folder);
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
    public async Task A_connection_keeps_the_turn_after_its_transaction_until_it_closes()
    {
        var first = await database.OpenAsync();
        await CommitAsync(first, "INSERT INTO items (id, name) VALUES (1, 'in the transaction')");

        await first.ExecuteAsync("INSERT INTO items (id, name) VALUES (2, 'after it')");
        await using var second = await database.OpenAsync();
        var waiting = second.BeginTransactionAsync().AsTask();
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        await first.DisposeAsync();
        await using var secondTransaction = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, await second.ExecuteScalarAsync<int>("SELECT count(*) FROM items", transaction: secondTransaction));
    }

    // One transaction on the connection: the statement, then the commit.
    private static async Task CommitAsync(DbConnection connection, string sql, object? parameters = null)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(sql, parameters, transaction);
        await transaction.CommitAsync();
    }
}
