using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Api.Tests;

/// <summary>The session settings the service gives its PostgreSQL connections, unless the operator's connection string sets them.</summary>
public sealed class PostgresSessionTests
{
    [SkippableFact]
    public async Task Sessions_start_without_parallel_workers_and_keep_generic_plans_unless_the_connection_string_says_otherwise()
    {
        using var database = TestDatabase.Postgres();
        Skip.If(database.SkipReason is not null, database.SkipReason);

        Assert.Equal("0", await SettingAsync(database.ConnectionString, "max_parallel_workers_per_gather"));
        Assert.Equal("force_generic_plan", await SettingAsync(database.ConnectionString, "plan_cache_mode"));

        var operatorsOwn = $"{database.ConnectionString};Options=-c max_parallel_workers_per_gather=1";
        Assert.Equal("1", await SettingAsync(operatorsOwn, "max_parallel_workers_per_gather"));
        Assert.Equal("auto", await SettingAsync(operatorsOwn, "plan_cache_mode"));
    }

    private static async Task<string> SettingAsync(string connectionString, string setting)
    {
        using var postgres = new PostgresDatabase(connectionString);
        await using var connection = await postgres.OpenAsync();
        return await connection.ExecuteScalarAsync<string>($"SHOW {setting}") ?? "";
    }
}
