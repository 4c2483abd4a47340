using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assessor.Api.Tests;

public abstract class ConcurrencyTests(AssessorFactory factory)
{
    [SkippableFact]
    public async Task Two_puts_with_the_same_etag_store_one_revision_and_refuse_the_other()
    {
        using var applicant = await factory.ApplicantAsync();
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        Task<HttpResponseMessage> Put(string title)
        {
            var plan = TestPlans.Example();
            plan["title"] = title;
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{id}") { Content = TestPlans.Json(plan) };
            request.Headers.IfMatch.Add(created.Headers.ETag!);
            return applicant.SendAsync(request);
        }

        var responses = await Task.WhenAll(Put("first"), Put("second"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var winnerTitle = (await winner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
        var current = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");
        Assert.Equal(2, current.GetProperty("currentRevision").GetInt32());
        Assert.Equal(winnerTitle, current.GetProperty("title").GetString());
        Assert.Equal(TestPlans.ExampleBytes(), await applicant.GetByteArrayAsync($"/api/v1/plans/{id}/revisions/1"));
        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync($"/api/v1/plans/{id}/revisions/2")).StatusCode);
    }

    [SkippableFact]
    public async Task A_put_without_if_match_is_428_and_a_stale_one_412()
    {
        using var applicant = await factory.ApplicantAsync();
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var missing = await applicant.PutAsync($"/api/v1/plans/{id}", TestPlans.Json(TestPlans.ExampleBytes()));
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{id}") { Content = TestPlans.Json(TestPlans.ExampleBytes()) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"something-else\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await applicant.SendAsync(stale)).StatusCode);

        var unchanged = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");
        Assert.Equal(1, unchanged.GetProperty("currentRevision").GetInt32());
    }
}

public abstract class RestartTests
{
    protected abstract TestDatabase CreateDatabase();

    [SkippableFact]
    public async Task Everything_is_still_there_after_a_restart_on_the_same_database()
    {
        using var database = CreateDatabase();
        string id;
        CreatedPrincipal principal;
        await using (var first = new AssessorFactory(database))
        {
            HttpClient applicant;
            (applicant, principal) = await first.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
            var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
            id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            await applicant.PostAsync($"/api/v1/plans/{id}/submit", null);
            applicant.Dispose();
        }

        await using var second = new AssessorFactory(database);
        using var again = second.ClientWithKey(principal.Key);

        var plan = await again.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");
        Assert.Equal("submitted", plan.GetProperty("status").GetString());
        Assert.Equal(TestPlans.ExampleBytes(), await again.GetByteArrayAsync($"/api/v1/plans/{id}/revisions/1"));
    }
}

public sealed class RestartTestsOnSqlite : RestartTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Sqlite();
}

public sealed class RestartTestsOnPostgres : RestartTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Postgres();
}

public sealed class ConcurrencyTestsOnSqlite(SqliteFactory factory) : ConcurrencyTests(factory), IClassFixture<SqliteFactory>;

public sealed class ConcurrencyTestsOnPostgres(PostgresFactory factory) : ConcurrencyTests(factory), IClassFixture<PostgresFactory>;

public sealed class ConcurrencyTestsOnSqlServer(SqlServerFactory factory) : ConcurrencyTests(factory), IClassFixture<SqlServerFactory>;
