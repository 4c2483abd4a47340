namespace Assessor.Service.Idempotency;

public static class IdempotencyExtensions
{
    public static IServiceCollection AddIdempotency(this IServiceCollection services) => services.AddSingleton<IdempotencyStore>();

    /// <summary>After authentication: keys are claimed per principal.</summary>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}
