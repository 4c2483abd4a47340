using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Assessor.Api.Tests;

public abstract class PlanRoundTripTests(AssessorFactory factory)
{
    [SkippableFact]
    public async Task Revision_returns_the_exact_uploaded_bytes_and_their_digest()
    {
        using var applicant = await factory.ApplicantAsync();
        var bytes = TestPlans.ExampleBytes();

        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(bytes));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.ETag);
        var plan = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = plan.GetProperty("id").GetString();
        Assert.Equal($"/api/v1/plans/{id}", created.Headers.Location!.ToString());
        Assert.Equal("draft", plan.GetProperty("status").GetString());
        Assert.Equal(1, plan.GetProperty("currentRevision").GetInt32());
        Assert.Equal($"sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}", plan.GetProperty("digest").GetString());

        var revision = await applicant.GetAsync($"/api/v1/plans/{id}/revisions/1");
        Assert.Equal(HttpStatusCode.OK, revision.StatusCode);
        var stored = await revision.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, stored);
        var digest = revision.Headers.GetValues("Digest").Single();
        Assert.Equal($"sha-256={Convert.ToBase64String(SHA256.HashData(stored))}", digest);
    }

    [SkippableFact]
    public async Task Revise_then_submit_keeps_every_revision_and_moves_to_submitted()
    {
        using var applicant = await factory.ApplicantAsync();
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var revised = TestPlans.Example();
        revised["title"] = "改訂版";
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{id}") { Content = TestPlans.Json(revised) };
        put.Headers.IfMatch.Add(created.Headers.ETag!);
        var putResponse = await applicant.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, putResponse.StatusCode);
        var afterPut = await putResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, afterPut.GetProperty("currentRevision").GetInt32());
        Assert.Equal("改訂版", afterPut.GetProperty("title").GetString());
        Assert.NotEqual(created.Headers.ETag, putResponse.Headers.ETag);

        var submitted = await applicant.PostAsync($"/api/v1/plans/{id}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("submitted", (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        Assert.Equal(TestPlans.ExampleBytes(), await applicant.GetByteArrayAsync($"/api/v1/plans/{id}/revisions/1"));
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/api/v1/plans/{id}/revisions/3")).StatusCode);
    }

    [SkippableFact]
    public async Task Illegal_transitions_are_409_naming_the_current_state()
    {
        using var applicant = await factory.ApplicantAsync();
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var submit = await applicant.PostAsync($"/api/v1/plans/{id}/submit", null);

        var again = await applicant.PostAsync($"/api/v1/plans/{id}/submit", null);
        var problem = await again.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("illegal-transition", problem.GetProperty("code").GetString());
        Assert.Equal("submitted", problem.GetProperty("currentState").GetString());

        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{id}") { Content = TestPlans.Json(TestPlans.ExampleBytes()) };
        put.Headers.IfMatch.Add(submit.Headers.ETag!);
        var revise = await applicant.SendAsync(put);
        Assert.Equal("illegal-transition", await revise.ProblemCodeAsync(HttpStatusCode.Conflict));
    }

    [SkippableFact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_response_and_creates_nothing()
    {
        var company = TestPlans.OtherCorporateNumber("112358132134");
        using var applicant = await factory.ApplicantAsync(company);
        var body = TestPlans.ExampleFor(company).ToJsonString();
        static HttpRequestMessage Post(string key, string content)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans") { Content = TestPlans.Json(content) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await applicant.SendAsync(Post("create-plan-1", body));
        var retry = await applicant.SendAsync(Post("create-plan-1", body));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Single((await applicant.GetFromJsonAsync<JsonElement>("/api/v1/plans")).GetProperty("items").EnumerateArray());

        var other = TestPlans.ExampleFor(company);
        other["title"] = "別の計画";
        var reused = await applicant.SendAsync(Post("create-plan-1", other.ToJsonString()));
        Assert.Equal("idempotency-key-reused", await reused.ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));
        Assert.Equal(HttpStatusCode.Created, (await applicant.SendAsync(Post("create-plan-2", body))).StatusCode);
        Assert.Equal(2, (await applicant.GetFromJsonAsync<JsonElement>("/api/v1/plans")).GetProperty("items").GetArrayLength());
    }

    [SkippableFact]
    public async Task Listing_pages_with_a_cursor_and_filters_by_status()
    {
        var company = TestPlans.OtherCorporateNumber("555555555555");
        using var applicant = await factory.ApplicantAsync(company);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleFor(company)));
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        await applicant.PostAsync($"/api/v1/plans/{ids[1]}/submit", null);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            var items = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items);
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(ids, seen);
        var submitted = await applicant.GetFromJsonAsync<JsonElement>("/api/v1/plans?status=submitted");
        Assert.Equal([ids[1]], submitted.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()));

        Assert.Equal(HttpStatusCode.BadRequest, (await applicant.GetAsync("/api/v1/plans?status=bogus")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await applicant.GetAsync("/api/v1/plans?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await applicant.GetAsync("/api/v1/plans?cursor=not-a-cursor")).StatusCode);
    }
}

public sealed class PlanRoundTripTestsOnSqlite(SqliteFactory factory) : PlanRoundTripTests(factory), IClassFixture<SqliteFactory>;

public sealed class PlanRoundTripTestsOnPostgres(PostgresFactory factory) : PlanRoundTripTests(factory), IClassFixture<PostgresFactory>;

public sealed class PlanRoundTripTestsOnSqlServer(SqlServerFactory factory) : PlanRoundTripTests(factory), IClassFixture<SqlServerFactory>;
