using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assessor.Api.Tests.Log;
using Dapper;
using Npgsql;

namespace Assessor.Api.Tests;

/// <summary>
/// Two instances of the service, each its own process on its own loopback port, started together on one
/// PostgreSQL database: nothing correct may depend on in-process state.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private ServiceProcess first = null!;
    private ServiceProcess second = null!;

    public async Task InitializeAsync()
    {
        database = TestDatabase.Postgres();
        if (database.SkipReason is not null)
        {
            return;
        }

        // Started at the same moment: both migrate on start, and the migration lock must make that safe.
        first = ServiceProcess.Start(database);
        second = ServiceProcess.Start(database);
        await Task.WhenAll(first.WaitReadyAsync(TimeSpan.FromSeconds(90)), second.WaitReadyAsync(TimeSpan.FromSeconds(90)));
    }

    public async Task DisposeAsync()
    {
        if (database.SkipReason is null)
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }

        database.Dispose();
    }

    [SkippableFact]
    public async Task Two_instances_store_every_write_once_and_refuse_conflicting_ones()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        await MigrationsRanOnce();
        await ConcurrentCreatesThroughBothAreAllKept();
        await ConcurrentRevisionsThroughBothKeepExactlyOne();
        await AnIdempotencyKeyHoldsAcrossInstances();
        await ConcurrentSignoffsAndDecisionsThroughBothApplyOnce();
        await TheLogIsOneGaplessSequenceWhoseCheckpointsEitherSignsVerifyTheOthersProofs();
    }

    private async Task MigrationsRanOnce()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        var scripts = (await connection.QueryAsync<(string Name, long Runs)>(
            "SELECT scriptname, COUNT(*) FROM schemaversions GROUP BY scriptname")).ToList();
        var shipped = typeof(Program).Assembly.GetManifestResourceNames().Count(n => n.Contains(".Migrations.postgres.", StringComparison.Ordinal));
        Assert.Equal(shipped, scripts.Count);
        Assert.All(scripts, s => Assert.Equal(1, s.Runs));
    }

    private async Task ConcurrentCreatesThroughBothAreAllKept()
    {
        var company = TestPlans.OtherCorporateNumber("192837465019");
        var (one, principal) = await first.NewPrincipalAsync("applicant", company);
        using var two = second.ClientWithKey(principal.Key);
        var creates = Enumerable.Range(0, 20).Select(i =>
        {
            var plan = TestPlans.ExampleFor(company);
            plan["title"] = $"計画 {i}";
            return (i % 2 == 0 ? one : two).PostAsync("/api/v1/plans", TestPlans.Json(plan));
        });

        var responses = await Task.WhenAll(creates);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var listed = await two.GetFromJsonAsync<JsonElement>("/api/v1/plans?limit=200");
        Assert.Equal(20, listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("title").GetString()).Distinct().Count());
        one.Dispose();
    }

    private async Task ConcurrentRevisionsThroughBothKeepExactlyOne()
    {
        var (one, principal) = await first.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
        using var two = second.ClientWithKey(principal.Key);
        var created = await one.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var puts = Enumerable.Range(0, 10).Select(i =>
        {
            var plan = TestPlans.Example();
            plan["title"] = $"改訂 {i}";
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{id}") { Content = TestPlans.Json(plan) };
            request.Headers.IfMatch.Add(created.Headers.ETag!);
            return (i % 2 == 0 ? one : two).SendAsync(request);
        });

        var statuses = (await Task.WhenAll(puts)).Select(r => r.StatusCode).ToList();

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));
        Assert.Equal(2, (await two.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}")).GetProperty("currentRevision").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await one.GetAsync($"/api/v1/plans/{id}/revisions/3")).StatusCode);
        one.Dispose();
    }

    private async Task AnIdempotencyKeyHoldsAcrossInstances()
    {
        var company = TestPlans.OtherCorporateNumber("564738291056");
        var (one, principal) = await first.NewPrincipalAsync("applicant", company);
        using var two = second.ClientWithKey(principal.Key);
        var body = TestPlans.ExampleFor(company).ToJsonString();
        Task<HttpResponseMessage> Post(HttpClient client)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans") { Content = TestPlans.Json(body) };
            request.Headers.Add("Idempotency-Key", "same-request");
            return client.SendAsync(request);
        }

        // At the same moment through both: one creates, the other replays or is told to retry — never a second plan.
        var racing = await Task.WhenAll(Post(one), Post(two));
        Assert.Contains(racing, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(racing, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var retried = await Post(two);
        var original = racing.First(r => r.StatusCode == HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(original.Headers.Location, retried.Headers.Location);
        Assert.Single((await one.GetFromJsonAsync<JsonElement>("/api/v1/plans")).GetProperty("items").EnumerateArray());
        one.Dispose();
    }

    private async Task ConcurrentSignoffsAndDecisionsThroughBothApplyOnce()
    {
        using var scenario = await SignoffScenario.StartAsync(first);
        await scenario.AnswerAllAsync();
        var envelope = File.ReadAllBytes(scenario.SignWithCli(await scenario.StatementAsync()));
        using var specialistTwo = second.ClientWithKey(scenario.SpecialistKey);
        var signoffs = Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? scenario.Specialist : specialistTwo).PostAsync($"/api/v1/checklist-runs/{scenario.RunId}/signoff", TestPlans.Json(envelope)));

        var signed = (await Task.WhenAll(signoffs)).Select(r => r.StatusCode).ToList();

        Assert.Equal(1, signed.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(5, signed.Count(s => s == HttpStatusCode.Conflict));

        var (reviewerOne, reviewer) = await first.NewPrincipalAsync("reviewer");
        using var reviewerTwo = second.ClientWithKey(reviewer.Key);
        var decisions = await Task.WhenAll(
            reviewerOne.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { decision = "certify" }),
            reviewerTwo.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { decision = "reject", reason = "不備あり" }));

        Assert.Single(decisions, d => d.StatusCode == HttpStatusCode.OK);
        Assert.Single(decisions, d => d.StatusCode == HttpStatusCode.Conflict);
        var winner = await decisions.Single(d => d.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>();
        var status = (await scenario.Applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{scenario.PlanId}")).GetProperty("status").GetString();
        Assert.Equal(winner.GetProperty("status").GetString(), status);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM signoffs WHERE run_id = @run", new { run = Guid.Parse(scenario.RunId) }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM decisions WHERE plan_id = @plan", new { plan = Guid.Parse(scenario.PlanId) }));
        reviewerOne.Dispose();
    }

    private async Task TheLogIsOneGaplessSequenceWhoseCheckpointsEitherSignsVerifyTheOthersProofs()
    {
        // Both instances append at once, on top of everything the steps before wrote through both.
        using var one = first.Admin();
        using var two = second.Admin();
        var writes = Enumerable.Range(0, 24).Select(i =>
            (i % 2 == 0 ? one : two).PostAsJsonAsync("/api/v1/principals", new { name = $"reviewer {i}", role = "reviewer" }));
        Assert.All(await Task.WhenAll(writes), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            var (count, lowest, highest, size) = await connection.QuerySingleAsync<(long, long, long, long)>(
                "SELECT COUNT(*), MIN(idx), MAX(idx), (SELECT size FROM log_state) FROM log_events");
            Assert.Equal((0L, count - 1, count), (lowest, highest, size));
        }

        var folder = Directory.CreateTempSubdirectory("assessor-scale-log-").FullName;
        var viaFirst = new LogHttp(first, folder);
        var viaSecond = new LogHttp(second, folder);
        var entries = await viaSecond.EntriesAsync();
        Assert.Equal(Enumerable.Range(0, entries.Count).Select(i => (long)i),
            entries.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("index").GetInt64()));
        Assert.Equal(await viaFirst.PublicKeyPemAsync(), await viaSecond.PublicKeyPemAsync());

        // A checkpoint signed by the first instance, proofs from the second; then the other way round.
        var publicKey = await viaSecond.PublicKeyPemAsync();
        var older = Rfc9162.SignedCheckpoint((await viaFirst.CheckpointAsync()).GetProperty("envelope"), publicKey)!.Value;
        await two.PostAsJsonAsync("/api/v1/principals", new { name = "one more", role = "reviewer" });
        var newer = Rfc9162.SignedCheckpoint((await viaSecond.CheckpointAsync()).GetProperty("envelope"), publicKey)!.Value;
        var leaves = (await viaFirst.EntriesAsync()).Select(Rfc9162.Leaf).ToList();
        Assert.Equal(older.Size + 1, newer.Size);
        foreach (var index in new[] { 0, older.Size / 2, older.Size - 1 })
        {
            Assert.True(Rfc9162.Includes(index, older.Size, leaves[(int)index], (await viaSecond.InclusionAsync(index, older.Size)).Hashes, older.Root));
            Assert.True(Rfc9162.Includes(index, newer.Size, leaves[(int)index], (await viaFirst.InclusionAsync(index, newer.Size)).Hashes, newer.Root));
        }

        Assert.True(Rfc9162.Extends(older.Size, newer.Size, (await viaSecond.ConsistencyAsync(older.Size, newer.Size)).Hashes, older.Root, newer.Root));
        Assert.True((await viaSecond.VerifyAsync()).GetProperty("ok").GetBoolean());
        Directory.Delete(folder, recursive: true);
    }
}
