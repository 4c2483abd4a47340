using System.Data.Common;
using Assessor.Service.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Assessor.Api.Tests;

/// <summary>
/// SQLite's reads outside a transaction, on a real database file: they run on reader connections kept open with their
/// statements prepared, lent to one connection at a time, and still see every commit made before them.
/// </summary>
public sealed class SqliteReaderTests : IDisposable
{
    private const string ById = "SELECT name FROM items WHERE id = @id";

    private readonly string folder = Directory.CreateTempSubdirectory("assessor-readers-").FullName;
    private readonly string file;
    private readonly SqliteDatabase database;

    public SqliteReaderTests()
    {
        file = Path.Combine(folder, "r.db");
        database = new SqliteDatabase($"Data Source={file};Default Timeout=5", folder);
        using var setup = new SqliteConnection($"Data Source={file}");
        setup.Open();
        setup.Execute("PRAGMA journal_mode=WAL; CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);");
    }

    public void Dispose()
    {
        database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_query_is_prepared_once_and_then_run_again_with_each_connections_own_values()
    {
        await InsertAsync(Enumerable.Range(1, 40).Select(id => (id, $"item {id}")));
        for (var id = 1; id <= 40; id++)
        {
            await using var connection = await database.OpenAsync();
            Assert.Equal($"item {id}", await connection.QuerySingleAsync<string>(ById, new { id }));
            Assert.Equal(40, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM items"));
        }

        // One connection at a time: one reader, lent to each in turn, made each statement once.
        Assert.Equal(1, database.Readers.Made);
        Assert.Equal(2, database.Readers.StatementsMade);
    }

    [Fact]
    public async Task A_kept_statement_sees_every_commit_made_before_it_runs()
    {
        for (var id = 1; id <= 20; id++)
        {
            await InsertAsync([(id, $"item {id}")]);
            await using var connection = await database.OpenAsync();
            Assert.Equal(id, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM items"));
            Assert.Equal($"item {id}", await connection.QuerySingleAsync<string>(ById, new { id }));
        }
    }

    [Fact]
    public async Task The_same_query_runs_again_inside_its_own_open_results()
    {
        await InsertAsync([(1, "one"), (2, "two"), (3, "three")]);
        await using var connection = await database.OpenAsync();
        var pairs = new List<(long, string)>();
        await using (var outer = await connection.ExecuteReaderAsync("SELECT id FROM items WHERE id >= @id ORDER BY id", new { id = 1 }))
        {
            while (await outer.ReadAsync())
            {
                var id = outer.GetInt64(0);
                var inner = await connection.QueryAsync<long>("SELECT id FROM items WHERE id >= @id ORDER BY id", new { id });
                pairs.Add((id, string.Join(",", inner)));
            }
        }

        Assert.Equal([(1L, "1,2,3"), (2L, "2,3"), (3L, "3")], pairs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)] // the same query again inside its own results: a statement made beside the kept one
    public async Task Results_left_open_when_their_connection_closes_do_not_hold_the_readers_snapshot(int openResults)
    {
        await InsertAsync(Enumerable.Range(1, 10).Select(id => (id, $"item {id}")));
        var connection = await database.OpenAsync();
        for (var i = 0; i < openResults; i++)
        {
            var open = await connection.ExecuteReaderAsync("SELECT id FROM items ORDER BY id");
            Assert.True(await open.ReadAsync());
        }

        // The reader goes back to the readers with the connection; its statements' results must not stay open there.
        await connection.DisposeAsync();
        await InsertAsync([(11, "after")]);
        Assert.Equal(0, Checkpoint());
        Assert.Equal(1, database.Readers.Made);
    }

    [Fact]
    public async Task A_query_kept_past_its_connections_close_is_refused_and_borrows_no_reader()
    {
        await InsertAsync([(1, "one")]);
        var connection = await database.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = ById;
        var id = command.CreateParameter();
        id.ParameterName = "id";
        id.Value = 1;
        command.Parameters.Add(id);
        Assert.Equal("one", await command.ExecuteScalarAsync());
        await connection.DisposeAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => command.ExecuteReaderAsync());
        Assert.Equal(1, database.Readers.Made);
        Assert.Equal(1, database.Readers.Idle);
    }

    [Fact]
    public async Task Results_asked_to_close_their_connection_close_it()
    {
        await InsertAsync([(1, "one")]);
        var connection = await database.OpenAsync();
        await using (var results = await connection.ExecuteReaderAsync(new CommandDefinition(ById, new { id = 1 }, flags: CommandFlags.None), System.Data.CommandBehavior.CloseConnection))
        {
            Assert.True(await results.ReadAsync());
            Assert.Equal("one", results.GetString(0));
        }

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task More_connections_at_once_than_readers_all_read_and_every_reader_comes_back()
    {
        await InsertAsync(Enumerable.Range(1, 24).Select(id => (id, $"item {id}")));
        var connections = new List<DbConnection>();
        try
        {
            for (var id = 1; id <= 24; id++)
            {
                var connection = await database.OpenAsync();
                connections.Add(connection);
                Assert.Equal($"item {id}", await connection.QuerySingleAsync<string>(ById, new { id }));
            }

            Assert.Equal(16, database.Readers.Made);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }

        // Every reader is idle again and lent anew: 24 sequential connections need no new one.
        for (var id = 1; id <= 24; id++)
        {
            await using var connection = await database.OpenAsync();
            Assert.Equal($"item {id}", await connection.QuerySingleAsync<string>(ById, new { id }));
        }

        Assert.Equal(16, database.Readers.Made);
        Assert.Equal(16, database.Readers.StatementsMade);
    }

    /// <summary>Checkpoints the whole WAL into the database and empties it: 1 (busy) while some connection still reads an older snapshot.</summary>
    private long Checkpoint()
    {
        using var checkpoint = new SqliteConnection($"Data Source={file}");
        checkpoint.Open();
        return checkpoint.QuerySingle<(long Busy, long Log, long Checkpointed)>("PRAGMA wal_checkpoint(TRUNCATE)").Busy;
    }

    private async Task InsertAsync(IEnumerable<(int Id, string Name)> rows)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var (id, name) in rows)
        {
            await connection.ExecuteAsync("INSERT INTO items (id, name) VALUES (@id, @name)", new { id, name }, transaction);
        }

        await transaction.CommitAsync();
    }
}
