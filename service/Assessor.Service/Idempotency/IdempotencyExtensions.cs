using Microsoft.Extensions.Options;

namespace Assessor.Service.Idempotency;

public static class IdempotencyExtensions
{
    public static IServiceCollection AddIdempotency(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IdempotencyStore>();
        services.AddHostedService<ExpiredKeyCleanup>();
        return services;
    }

    /// <summary>After authentication: keys are claimed per principal.</summary>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}

/// <summary>Deletes keys past their retention now and then, so the table holds only what a retry could still need.</summary>
internal sealed class ExpiredKeyCleanup(IdempotencyStore store, IOptions<IdempotencyOptions> options, TimeProvider clock, ILogger<ExpiredKeyCleanup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, clock);
        do
        {
            try
            {
                var deleted = await store.DeleteExpiredAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} expired idempotency keys", deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database hiccup must not stop the service; the next round tries again.
                logger.LogWarning(ex, "Could not delete expired idempotency keys");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
