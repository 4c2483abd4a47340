using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Assessor.Api.Tests;

/// <summary>Failed authentications are limited per client address; valid keys are never counted.</summary>
public sealed class FailedAuthenticationLimitTests
{
    private const string BadKey = "ak_not-a-key-anyone-was-given";

    [SkippableFact]
    public async Task An_address_that_fails_too_often_gets_429_for_credentials_before_they_are_checked()
    {
        await using var factory = Factory(permitLimit: 3);
        using var attacker = factory.From("203.0.113.7", BadKey);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("unauthorized", await (await attacker.GetAsync("/api/v1/plans")).ProblemCodeAsync(HttpStatusCode.Unauthorized));
        }

        var refused = await attacker.GetAsync("/api/v1/plans");

        Assert.Equal("rate-limited", await refused.ProblemCodeAsync(HttpStatusCode.TooManyRequests));
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        // Refused before authentication, so even a valid key from that address waits out the window...
        using var sameAddress = factory.From("203.0.113.7", AssessorFactory.AdminKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await sameAddress.GetAsync("/api/v1/plans")).StatusCode);
        // ...while requests without credentials, and other addresses, are not affected.
        using var anonymous = factory.From("203.0.113.7", key: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        using var neighbour = factory.From("203.0.113.8", BadKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await neighbour.GetAsync("/api/v1/plans")).StatusCode);
        using var neighbourAdmin = factory.From("203.0.113.8", AssessorFactory.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await neighbourAdmin.GetAsync("/api/v1/plans")).StatusCode);
    }

    [SkippableFact]
    public async Task Valid_keys_are_never_counted()
    {
        await using var factory = Factory(permitLimit: 2);
        using var admin = factory.From("198.51.100.20", AssessorFactory.AdminKey);
        using var mistaken = factory.From("198.51.100.20", BadKey);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => admin.GetAsync("/api/v1/principals")));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.Equal(HttpStatusCode.Unauthorized, (await mistaken.GetAsync("/api/v1/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/principals")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await mistaken.GetAsync("/api/v1/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await mistaken.GetAsync("/api/v1/plans")).StatusCode);
    }

    [SkippableFact]
    public async Task IPv6_clients_are_counted_by_their_64_bit_prefix()
    {
        await using var factory = Factory(permitLimit: 2);
        foreach (var host in new[] { "2001:db8:1:2::1", "2001:db8:1:2::2" })
        {
            using var client = factory.From(host, BadKey);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/plans")).StatusCode);
        }

        using var sameNetwork = factory.From("2001:db8:1:2:ffff::9", BadKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await sameNetwork.GetAsync("/api/v1/plans")).StatusCode);
        using var otherNetwork = factory.From("2001:db8:1:3::1", BadKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherNetwork.GetAsync("/api/v1/plans")).StatusCode);
    }

    [SkippableFact]
    public async Task The_refusal_ends_with_its_window()
    {
        await using var factory = Factory(permitLimit: 1, windowSeconds: 2);
        // The first refusal of the host's life starts it and compiles its path: on a busy machine that alone outlasted a
        // one-second window, so another address takes it.
        using (var warmUp = factory.From("192.0.2.56", BadKey))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await warmUp.GetAsync("/api/v1/plans")).StatusCode);
        }

        using var client = factory.From("192.0.2.55", BadKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/plans")).StatusCode);
        // The next is refused in the same window; a slow moment may end the window between the two, hence a few tries.
        var status = HttpStatusCode.Unauthorized;
        for (var tries = 0; tries < 5 && status != HttpStatusCode.TooManyRequests; tries++)
        {
            status = (await client.GetAsync("/api/v1/plans")).StatusCode;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, status);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await Task.Delay(250);
            status = (await client.GetAsync("/api/v1/plans")).StatusCode;
        }
        while (status == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private static AddressedFactory Factory(int permitLimit, int windowSeconds = 60) => new()
    {
        Settings =
        {
            ["Assessor:RateLimits:FailedAuthentication:PermitLimit"] = $"{permitLimit}",
            ["Assessor:RateLimits:FailedAuthentication:WindowSeconds"] = $"{windowSeconds}",
        },
    };
}

/// <summary>
/// The in-memory test server has no sockets, so no client address: this host takes each request's address from the
/// <see cref="Header"/> header, to stand for callers on different machines.
/// </summary>
public sealed class AddressedFactory() : AssessorFactory(TestDatabase.Sqlite(), ownsDatabase: true)
{
    public const string Header = "X-Test-Client-Address";

    public HttpClient From(string address, string? key)
    {
        var client = ClientWithKey(null);
        client.DefaultRequestHeaders.Add(Header, address);
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
