using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Storage;

public static class StorageExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IDatabase>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return options.Provider.ToLowerInvariant() switch
            {
                DatabaseProviders.Sqlite => new SqliteDatabase(options.ConnectionString, provider.GetRequiredService<IHostEnvironment>().ContentRootPath),
                DatabaseProviders.Postgres => new PostgresDatabase(options.ConnectionString),
                DatabaseProviders.SqlServer => new SqlServerDatabase(options.ConnectionString),
                _ => throw new InvalidOperationException(
                    $"Unknown database provider '{options.Provider}' in {DatabaseOptions.Section}:Provider; " +
                    $"use '{DatabaseProviders.Sqlite}', '{DatabaseProviders.Postgres}' or '{DatabaseProviders.SqlServer}'."),
            };
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>Migrates at start; an unreachable database stops the service with a message that says so.</summary>
    public static void MigrateDatabase(this IServiceProvider services, ILogger logger)
    {
        var database = services.GetRequiredService<IDatabase>();
        try
        {
            database.Migrate(logger);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"Cannot reach or migrate the {database.Provider} database named by {DatabaseOptions.Section}:ConnectionString: {ex.Message}", ex);
        }
    }
}

/// <summary>Ready means the database answers a query.</summary>
internal sealed class DatabaseHealthCheck(IDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{database.Provider} answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} does not answer", ex);
        }
    }
}
