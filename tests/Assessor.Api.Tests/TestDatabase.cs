using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Assessor.Api.Tests;

/// <summary>
/// A fresh, empty database for one fixture: a temporary SQLite file, or a new database on the PostgreSQL
/// or SQL Server named by <c>ASSESSOR_TEST_POSTGRES</c> / <c>ASSESSOR_TEST_SQLSERVER</c>. Without that
/// variable the provider's tests are skipped, saying why; under CI (<c>CI=true</c>) a missing PostgreSQL fails
/// them instead (see <see cref="TestDependencies"/>). SQL Server cannot run on these machines and stays skipped.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "ASSESSOR_TEST_POSTGRES";
    public const string SqlServerVariable = "ASSESSOR_TEST_SQLSERVER";

    private readonly Action cleanUp;

    private TestDatabase(string provider, string connectionString, string? skipReason, Action cleanUp)
    {
        Provider = provider;
        ConnectionString = connectionString;
        SkipReason = skipReason;
        this.cleanUp = cleanUp;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Why this provider's tests cannot run here; null when they can.</summary>
    public string? SkipReason { get; }

    public static TestDatabase Sqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"assessor-test-{Guid.NewGuid():N}.db");
        return new TestDatabase("sqlite", $"Data Source={path}", null, () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        });
    }

    public static TestDatabase Postgres() => Postgres(Environment.GetEnvironmentVariable(PostgresVariable), TestDependencies.InCi);

    /// <exception cref="MissingDependencyException">No server is named and <paramref name="inCi"/>.</exception>
    public static TestDatabase Postgres(string? server, bool inCi)
    {
        if (string.IsNullOrWhiteSpace(server))
        {
            return Unavailable("postgres", $"{PostgresVariable} is not set (.ci/run starts a PostgreSQL and sets it)", requiredInCi: true, inCi);
        }

        var name = $"assessor_test_{Guid.NewGuid():N}";
        Execute(() => new NpgsqlConnection(server), $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase("postgres", connectionString, null, () =>
        {
            NpgsqlConnection.ClearAllPools();
            Execute(() => new NpgsqlConnection(server), $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }

    public static TestDatabase SqlServer() => SqlServer(Environment.GetEnvironmentVariable(SqlServerVariable), TestDependencies.InCi);

    public static TestDatabase SqlServer(string? server, bool inCi)
    {
        if (string.IsNullOrWhiteSpace(server))
        {
            return Unavailable("sqlserver", $"{SqlServerVariable} is not set: no SQL Server can run on these machines; point it at one to run these tests",
                requiredInCi: false, inCi);
        }

        var name = $"assessor_test_{Guid.NewGuid():N}";
        Execute(() => new SqlConnection(server), $"CREATE DATABASE [{name}]");
        var connectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = name }.ConnectionString;
        return new TestDatabase("sqlserver", connectionString, null, () =>
        {
            SqlConnection.ClearAllPools();
            Execute(() => new SqlConnection(server), $"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]");
        });
    }

    public void Dispose() => cleanUp();

    private static TestDatabase Unavailable(string provider, string reason, bool requiredInCi, bool inCi) =>
        new(provider, "", TestDependencies.SkipReasonOrFail(reason, requiredInCi, inCi), () => { });

    private static void Execute(Func<System.Data.Common.DbConnection> connect, string sql)
    {
        using var connection = connect();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
