using System.Data.Common;
using Dapper;
using DbUp;
using Microsoft.Data.Sqlite;

namespace Assessor.Service.Storage;

/// <summary>The zero-setup default: one file, WAL journal, migrations from embedded SQL.</summary>
public sealed class SqliteDatabase : IDatabase, IDisposable
{
    // Reader connections kept open with their statements prepared: enough for the requests a small machine runs at once
    // (a connection holds its reader across awaits, a create while it waits for the writer's turn); beyond them, reads use
    // pooled handles as before.
    private const int ReaderCapacity = 16;

    private readonly string connectionString;
    private readonly SqliteWriteQueue writes;
    private readonly SqliteReaders readers;

    /// <param name="connectionString">A relative Data Source is taken from <paramref name="contentRoot"/>.</param>
    /// <param name="batchAge">
    /// How long a batch of queued writers is handed on (<see cref="SqliteWriteQueue.DefaultBatchAge"/> when null). Tests of
    /// the hand-off set it long: on a loaded machine the default can pass between a test's begin and its commit.
    /// </param>
    public SqliteDatabase(string connectionString, string contentRoot, TimeSpan? batchAge = null)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new InvalidOperationException("The SQLite connection string must name a Data Source file.");
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        var directory = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        builder.Pooling = true;
        this.connectionString = builder.ToString();
        writes = new SqliteWriteQueue(TimeSpan.FromSeconds(builder.DefaultTimeout), this.connectionString, batchAge ?? SqliteWriteQueue.DefaultBatchAge);
        readers = new SqliteReaders(this.connectionString, ReaderCapacity);
        DapperTypeHandlers.Register();
    }

    public string Provider => DatabaseProviders.Sqlite;

    internal SqliteReaders Readers => readers;

    public SqlDialect Dialect => SqlDialect.Standard;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new QueuedSqliteConnection(connectionString, writes, readers);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Lone writes on this connection commit with <c>synchronous=NORMAL</c>: written to the WAL but not synced. WAL frames are
    /// synced in order, so the next <c>FULL</c> commit (every transaction's) makes them durable too.
    /// </summary>
    public async Task<DbConnection> OpenForLightWritesAsync(CancellationToken cancellationToken = default)
    {
        var connection = new QueuedSqliteConnection(connectionString, writes, readers) { LightWrites = true };
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public bool IsUniqueViolation(Exception exception) => exception is SqliteException { SqliteErrorCode: 19 };

    /// <summary>Gives the writer connection back to the pool and closes the readers (the host disposes the database when it stops).</summary>
    public void Dispose()
    {
        try
        {
            writes.Dispose();
        }
        finally
        {
            readers.Dispose();
        }
    }

    public void Migrate(ILogger logger)
    {
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            // WAL lets readers proceed while a writer commits; the setting persists in the file.
            connection.Execute("PRAGMA journal_mode=WAL;");
        }

        Migrations.Run(DeployChanges.To.SqliteDatabase(connectionString), Provider, logger);
    }
}
