using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Api.Tests;

/// <summary>The session settings the service gives its PostgreSQL connections, unless the operator's connection string sets them.</summary>
public sealed class PostgresSessionTests
{
    [SkippableFact]
    public async Task Sessions_start_no_parallel_workers_unless_the_connection_string_says_otherwise()
    {
        using var database = TestDatabase.Postgres();
        Skip.If(database.SkipReason is not null, database.SkipReason);

        Assert.Equal("0", await SettingAsync(database.ConnectionString));
        Assert.Equal("1", await SettingAsync($"{database.ConnectionString};Options=-c max_parallel_workers_per_gather=1"));
    }

    private static async Task<string> SettingAsync(string connectionString)
    {
        using var postgres = new PostgresDatabase(connectionString);
        await using var connection = await postgres.OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SHOW max_parallel_workers_per_gather") ?? "";
    }
}
