using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Webhooks;

/// <summary>
/// Sends the outbox's due deliveries, signed the Standard Webhooks way, and records each outcome: delivered on a 2xx,
/// otherwise retried with exponential backoff and jitter until <see cref="WebhookOptions.MaxAttempts"/>. Delivery is at
/// least once: a delivery whose attempt was cut short (the process stopped) is taken again when its claim runs out, with
/// the same <c>webhook-id</c>, so receivers can drop repeats.
/// </summary>
public sealed class WebhookSender : BackgroundService
{
    private readonly WebhookStore store;
    private readonly WebhookOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<WebhookSender> logger;
    private readonly HttpClient publicOnly;
    private readonly HttpClient anyAddress;

    public WebhookSender(WebhookStore store, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookSender> logger)
    {
        this.store = store;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
        publicOnly = Client(privateAllowed: false, TimeSpan.FromSeconds(this.options.TimeoutSeconds));
        anyAddress = Client(privateAllowed: true, TimeSpan.FromSeconds(this.options.TimeoutSeconds));
    }

    public override void Dispose()
    {
        publicOnly.Dispose();
        anyAddress.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Longer than an attempt may take (its timeout), so a live sender never has its claim taken from it.
        var lease = TimeSpan.FromSeconds(options.TimeoutSeconds + 5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await store.ClaimDueAsync(20, lease, stoppingToken);
                foreach (var delivery in batch)
                {
                    await SendAsync(delivery, stoppingToken);
                }

                if (batch.Count == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(options.PollMilliseconds), clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be briefly unreachable; the outbox keeps every delivery until it is sent.
                logger.LogWarning(ex, "Webhook deliveries could not be processed; retrying");
                await Task.Delay(TimeSpan.FromMilliseconds(options.PollMilliseconds), clock, stoppingToken);
            }
        }
    }

    private async Task SendAsync(WebhookDeliveryRow delivery, CancellationToken cancellationToken)
    {
        // The endpoint as it is now, not when the batch was claimed: since then an earlier delivery of the batch may have
        // disabled it, or its owner deleted it or rotated its secret.
        var endpoint = await store.GetAsync(delivery.EndpointId, cancellationToken);
        if (endpoint is null || endpoint.DisabledAt is not null)
        {
            await store.AbandonAsync(delivery, "The endpoint is disabled.", cancellationToken);
            return;
        }

        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var id = delivery.Id.ToString("D");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignatures.Header(endpoint, now, id, timestamp, delivery.Payload));
        int? status = null;
        string error;
        try
        {
            using var response = await (endpoint.PrivateAllowedBy is null ? publicOnly : anyAddress).SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await store.DeliveredAsync(delivery, status.Value, cancellationToken);
                return;
            }

            error = $"The endpoint answered {status}.";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = ex is TaskCanceledException ? $"No answer within {options.TimeoutSeconds} s." : ex.Message;
        }

        await store.FailedAsync(delivery, status, error, RetryAt(delivery.Attempts + 1), options.DisableAfterFailedDeliveries, cancellationToken);
    }

    /// <summary>When to try again after <paramref name="attempts"/> failed attempts; null once they are used up.</summary>
    private DateTimeOffset? RetryAt(long attempts)
    {
        if (attempts >= options.MaxAttempts)
        {
            return null;
        }

        var backoff = Math.Min(options.BaseDelaySeconds * Math.Pow(2, attempts - 1), options.MaxDelaySeconds);
        // Jitter spreads the retries of many deliveries that failed together (an endpoint's outage) over time.
        return clock.GetUtcNow() + TimeSpan.FromSeconds(backoff * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    /// <summary>A client that connects only to addresses the endpoint's allowance permits, checked on every connection (no redirects).</summary>
    private static HttpClient Client(bool privateAllowed, TimeSpan timeout) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var (addresses, problem) = await WebhookAddresses.ResolveAsync(context.DnsEndPoint.Host, privateAllowed, cancellationToken);
            if (problem is not null)
            {
                throw new HttpRequestException(problem);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        Timeout = timeout,
    };
}
