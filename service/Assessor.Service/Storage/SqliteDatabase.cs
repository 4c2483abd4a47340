using System.Data.Common;
using Dapper;
using DbUp;
using Microsoft.Data.Sqlite;

namespace Assessor.Service.Storage;

/// <summary>The zero-setup default: one file, WAL journal, migrations from embedded SQL.</summary>
public sealed class SqliteDatabase : IDatabase, IDisposable
{
    private readonly string connectionString;
    private readonly SqliteWriteQueue writes;

    /// <param name="connectionString">A relative Data Source is taken from <paramref name="contentRoot"/>.</param>
    public SqliteDatabase(string connectionString, string contentRoot)
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
        writes = new SqliteWriteQueue(TimeSpan.FromSeconds(builder.DefaultTimeout), this.connectionString);
        DapperTypeHandlers.Register();
    }

    public string Provider => DatabaseProviders.Sqlite;

    public SqlDialect Dialect => SqlDialect.Standard;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new QueuedSqliteConnection(connectionString, writes);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Lone writes on this connection commit with <c>synchronous=NORMAL</c>: written to the WAL but not synced. WAL frames are
    /// synced in order, so the next <c>FULL</c> commit (every transaction's) makes them durable too.
    /// </summary>
    public async Task<DbConnection> OpenForLightWritesAsync(CancellationToken cancellationToken = default)
    {
        var connection = new QueuedSqliteConnection(connectionString, writes) { LightWrites = true };
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public bool IsUniqueViolation(Exception exception) => exception is SqliteException { SqliteErrorCode: 19 };

    /// <summary>Gives the writer connection back to the pool (the host disposes the database when it stops).</summary>
    public void Dispose() => writes.Dispose();

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
