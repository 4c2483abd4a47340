using System.Data.Common;
using Dapper;
using DbUp;
using Microsoft.Data.SqlClient;

namespace Assessor.Service.Storage;

/// <summary>SQL Server / Azure SQL through Microsoft.Data.SqlClient: the production target.</summary>
public sealed class SqlServerDatabase : IDatabase
{
    private readonly string connectionString;

    public SqlServerDatabase(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        // SqlClient otherwise retries a closed port for its whole connect timeout: fail within seconds instead.
        if (!ConnectionStrings.Names(connectionString, "Connect Timeout", "Connection Timeout", "Timeout"))
        {
            builder.ConnectTimeout = 5;
            builder.ConnectRetryCount = 0;
        }

        this.connectionString = builder.ConnectionString;
        DapperTypeHandlers.Register();
    }

    public string Provider => DatabaseProviders.SqlServer;

    public SqlDialect Dialect => SqlDialect.SqlServer;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>2627: primary key or unique constraint; 2601: unique index.</summary>
    public bool IsUniqueViolation(Exception exception) => exception is SqlException { Number: 2627 or 2601 };

    public void Migrate(ILogger logger)
    {
        using var connection = new SqlConnection(connectionString);
        connection.Open();
        // A session-owned application lock: instances starting together migrate one at a time.
        var locked = connection.QuerySingle<int>(
            """
            DECLARE @result int;
            EXEC @result = sp_getapplock @Resource = 'assessor-migrations', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 120000;
            SELECT @result;
            """);
        if (locked < 0)
        {
            throw new InvalidOperationException($"Could not take the migration lock (sp_getapplock returned {locked}).");
        }

        try
        {
            Migrations.Run(DeployChanges.To.SqlDatabase(connectionString), Provider, logger);
        }
        finally
        {
            connection.Execute("EXEC sp_releaseapplock @Resource = 'assessor-migrations', @LockOwner = 'Session'");
        }
    }
}
