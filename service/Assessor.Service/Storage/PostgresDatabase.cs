using System.Data.Common;
using Dapper;
using DbUp;
using Npgsql;

namespace Assessor.Service.Storage;

/// <summary>PostgreSQL through Npgsql: the server we scale out on.</summary>
public sealed class PostgresDatabase : IDatabase, IDisposable
{
    /// <summary>Any fixed number: the advisory lock that makes instances starting together migrate one at a time.</summary>
    private const long MigrationLockKey = 0x41535345_53534f52;

    private readonly NpgsqlDataSource dataSource;
    private readonly string connectionString;

    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Fail fast at start when the server is unreachable, unless the operator chose a timeout.
        if (!ConnectionStrings.Names(connectionString, "Timeout"))
        {
            builder.Timeout = 5;
        }

        // Issue 19, measured: every pooled connection sent DISCARD ALL before its next statement and every statement was parsed
        // and planned anew. The service sets no session state (no SET, no temporary tables, advisory locks released where
        // taken), so there is nothing to reset; and its statements are a few dozen fixed texts, which auto-preparation turns
        // into server-side prepared statements after their fifth use on a connection. Either can be overridden.
        if (!ConnectionStrings.Names(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!ConnectionStrings.Names(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        // Issue 11, measured: at 100,000 plans the prepared listing's generic plan (its LIMIT a parameter, so the planner does
        // not know the page is small) gathered from two parallel workers, 8.9 ms a page instead of 0.9. The service reads
        // pages and single rows, never enough for parallel workers to pay for starting. And because that generic plan is
        // costed for a tenth of the table, PostgreSQL's "auto" mode judged it dearer than planning each call with the values,
        // and planned every listing page again (about 0.13 ms each): the slowdown at 100,000 plans. Every statement of the
        // service is an index look-up or an ordered index walk whatever its values, so its generic plans are kept (they are
        // made again when ANALYZE changes a table's statistics). The operator's own Options win.
        if (!ConnectionStrings.Names(connectionString, "Options"))
        {
            builder.Options = "-c max_parallel_workers_per_gather=0 -c plan_cache_mode=force_generic_plan";
        }

        this.connectionString = builder.ConnectionString;
        dataSource = NpgsqlDataSource.Create(this.connectionString);
        DapperTypeHandlers.Register();
    }

    public string Provider => DatabaseProviders.Postgres;

    public SqlDialect Dialect => SqlDialect.Standard;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public bool IsUniqueViolation(Exception exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public void Migrate(ILogger logger)
    {
        using var connection = dataSource.OpenConnection();
        connection.Execute("SELECT pg_advisory_lock(@MigrationLockKey)", new { MigrationLockKey });
        try
        {
            Migrations.Run(DeployChanges.To.PostgresqlDatabase(connectionString), Provider, logger);
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@MigrationLockKey)", new { MigrationLockKey });
        }
    }

    public void Dispose() => dataSource.Dispose();
}
