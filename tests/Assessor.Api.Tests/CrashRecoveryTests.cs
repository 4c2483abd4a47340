using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assessor.Api.Tests;

/// <summary>
/// The service killed with SIGKILL in the middle of idempotent writes, again and again: no acknowledged plan is lost
/// or changed, and retrying every request with its key after the claim lease creates nothing twice.
/// </summary>
public abstract class CrashRecoveryTests
{
    private const int Rounds = 4;
    private const int Writers = 6;

    protected abstract TestDatabase CreateDatabase();

    [SkippableFact]
    public async Task Killed_mid_write_the_service_loses_no_acknowledged_plan_and_a_retry_never_creates_a_second()
    {
        using var database = CreateDatabase();
        Skip.If(database.SkipReason is not null, database.SkipReason);
        string[] settings = ["--Assessor:Idempotency:ClaimLease", "00:00:01"];
        string applicantKey;
        await using (var first = ServiceProcess.Start(database, settings))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(60));
            var (client, _) = await first.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
            applicantKey = client.DefaultRequestHeaders.Authorization!.Parameter!;
            client.Dispose();
        }

        var acknowledged = new ConcurrentDictionary<string, string>();
        var sent = new ConcurrentDictionary<string, byte>();
        var random = new Random(20261129);
        for (var round = 0; round < Rounds; round++)
        {
            await using var service = ServiceProcess.Start(database, settings);
            await service.WaitReadyAsync(TimeSpan.FromSeconds(60));
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                using var client = service.ClientWithKey(applicantKey);
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var key = $"r{round}-w{writer}-n{n}";
                    sent[key] = 0;
                    try
                    {
                        var response = await client.SendAsync(Create(key), stop.Token);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged[key] = response.Headers.Location!.ToString();
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();

            // Kill while writes are flowing: after the round's first acknowledgements (a loaded machine may be slow to
            // start them), at a random moment.
            var before = acknowledged.Count;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < before + 3 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            await Task.Delay(random.Next(50, 500));
            await service.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using var last = ServiceProcess.Start(database, settings);
        await last.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var applicant = last.ClientWithKey(applicantKey);
        // Past the lease, claims left open by the kills may be taken over; each retry must answer with one plan.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        foreach (var key in sent.Keys)
        {
            var retry = await applicant.SendAsync(Create(key));
            Assert.True(retry.StatusCode == HttpStatusCode.Created, $"retry of {key}: {retry.StatusCode} {await retry.Content.ReadAsStringAsync()}");
            if (acknowledged.TryGetValue(key, out var location))
            {
                Assert.Equal(location, retry.Headers.Location!.ToString());
            }
        }

        var titles = new List<string>();
        for (string? cursor = null; ;)
        {
            var page = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans?limit=200{(cursor is null ? "" : $"&cursor={cursor}")}");
            titles.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("title").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            if (cursor is null)
            {
                break;
            }
        }

        Assert.True(acknowledged.Count > Rounds, $"only {acknowledged.Count} creates were acknowledged: the test did not load the service");
        var duplicates = titles.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} requests created more than one plan: {string.Join(", ", duplicates.Take(10))}");
        Assert.Equal(sent.Keys.Order(), titles.Order());
        foreach (var (key, location) in acknowledged)
        {
            var plan = await applicant.GetFromJsonAsync<JsonElement>(location);
            Assert.Equal(key, plan.GetProperty("title").GetString());
        }
    }

    private static HttpRequestMessage Create(string key)
    {
        var plan = TestPlans.Example();
        plan["title"] = key;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans") { Content = TestPlans.Json(plan) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}

public sealed class CrashRecoveryTestsOnSqlite : CrashRecoveryTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Sqlite();
}

public sealed class CrashRecoveryTestsOnPostgres : CrashRecoveryTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Postgres();
}
