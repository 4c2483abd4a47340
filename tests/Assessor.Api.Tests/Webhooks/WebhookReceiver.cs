using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace Assessor.Api.Tests.Webhooks;

/// <summary>One request the receiver got: the raw body and every header, as they arrived.</summary>
public sealed record ReceivedWebhook(string Body, IHeaderDictionary Headers)
{
    public string Id => Headers["webhook-id"].ToString();

    /// <summary>
    /// Verifies the request with the Standard Webhooks library (not the service's signer): throws when none of its
    /// signatures verifies. The library (1.1.2) checks only the first of several space-separated signatures, so each is
    /// given to it on its own, as the specification means them: any one that verifies is enough.
    /// </summary>
    public void Verify(string secret)
    {
        var signatures = Headers["webhook-signature"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; ; i++)
        {
            try
            {
                new StandardWebhook(secret).Verify(Body, new HeaderDictionary(Headers.ToDictionary(h => h.Key, h => h.Value)) { ["webhook-signature"] = signatures[i] });
                return;
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException) when (i < signatures.Length - 1)
            {
                // Not this one; the next may be.
            }
        }
    }
}

/// <summary>A real HTTP receiver (Kestrel on 127.0.0.1, a free port) that records every webhook and answers as told.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int count;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public string Url => $"{app.Urls.First()}/hook";

    /// <param name="respond">The status to answer the n-th request (from 1) with, after recording it; 204 when null.</param>
    public static async Task<WebhookReceiver> StartAsync(Func<int, Task<int>>? respond = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedWebhook(body, new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value))));
            var n = Interlocked.Increment(ref receiver.count);
            return Results.StatusCode(respond is null ? StatusCodes.Status204NoContent : await respond(n));
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until <paramref name="done"/> holds for what was received, or fails after <paramref name="seconds"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyCollection<ReceivedWebhook>, bool> done, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!done(Received))
        {
            Assert.True(DateTime.UtcNow < until, $"The receiver got {Received.Count} requests: {string.Join("\n", Received.Select(r => r.Body))}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
