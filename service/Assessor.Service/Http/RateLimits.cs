using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Assessor.Service.Reports;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Assessor.Service.Http;

/// <summary>
/// The service's throttles, built on the framework's rate limiters (System.Threading.RateLimiting): failed authentications
/// per client address, draft PDFs per principal, and PDF printers at once (<see cref="PdfRenderLimiter"/>). The
/// rate-limiting middleware takes a permit for every request before its endpoint runs; these count only what costs or
/// threatens something, a failed authentication or a draft that is really printed, so they are taken where that is known.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FailedAuthenticationLimiter>();
        services.AddSingleton<PdfRenderLimiter>();
        services.AddExceptionHandler<ThrottledExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Authentication with the failed-authentication limit around it. Before it, a request carrying credentials from an
    /// address that has failed too often gets 429 without being authenticated. After it, a request that carried credentials
    /// and is still anonymous asks for the (cached) result, and a failure is counted against its address. An authenticated
    /// request is never counted and costs nothing more; requests without credentials pass.
    /// </summary>
    public static WebApplication UseAuthenticationWithFailureLimit(this WebApplication app)
    {
        var limiter = app.Services.GetRequiredService<FailedAuthenticationLimiter>();
        app.Use(async (context, next) =>
        {
            if (CredentialedClient(context) is { } client && limiter.Refusal(client) is { } refusal)
            {
                await refusal.WriteAsync(context);
                return;
            }

            await next(context);
        });
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true && CredentialedClient(context) is { } client
                && (await context.AuthenticateAsync()).Failure is not null)
            {
                limiter.CountFailure(client);
            }

            await next(context);
        });
        return app;
    }

    private static string? CredentialedClient(HttpContext context) => context.Request.Headers.ContainsKey(HeaderNames.Authorization)
        ? FailedAuthenticationLimiter.ClientOf(context.Connection.RemoteIpAddress)
        : null;
}

/// <summary>Failed authentications per client address, in fixed windows (<see cref="RateLimitOptions.FailedAuthentication"/>).</summary>
public sealed class FailedAuthenticationLimiter : IDisposable
{
    private readonly WindowLimit limit;
    private readonly PartitionedRateLimiter<string> failures;

    public FailedAuthenticationLimiter(IOptions<RateLimitOptions> options)
    {
        limit = options.Value.FailedAuthentication;
        failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 }));
    }

    /// <summary>
    /// The partition of a client address: IPv4 as is, IPv6 by its /64 (one host usually holds a whole /64); null when the
    /// transport has no address (a Unix socket, the in-memory test server), which is not limited.
    /// </summary>
    public static string? ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    /// <summary>429 when <paramref name="client"/> has used up its failures for this window (asks for no permit: a probe).</summary>
    public ThrottledException? Refusal(string client)
    {
        using var lease = failures.AttemptAcquire(client, permitCount: 0);
        return lease.IsAcquired ? null : ThrottledException.TooMany(
            $"Too many failed authentications from this address; requests with credentials are refused until the window of "
            + $"{limit.WindowSeconds} s ends.",
            lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limit.Window);
    }

    public void CountFailure(string client)
    {
        using var lease = failures.AttemptAcquire(client);
    }

    public void Dispose() => failures.Dispose();
}
