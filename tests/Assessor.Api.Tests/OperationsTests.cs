using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assessor.Api.Tests;

public abstract class OperationsTests(AssessorFactory factory)
{
    [SkippableTheory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/swagger/index.html")]
    public async Task Operational_endpoints_answer_without_a_key(string path)
    {
        using var client = factory.ClientWithKey(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    [SkippableFact]
    public async Task OpenApi_documents_the_bearer_scheme_and_problem_responses()
    {
        using var client = factory.ClientWithKey(null);
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var post = document.GetProperty("paths").GetProperty("/api/v1/plans").GetProperty("post");
        Assert.Equal("CreatePlan", post.GetProperty("operationId").GetString());
        var responses = post.GetProperty("responses");
        Assert.True(responses.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.True(responses.TryGetProperty("413", out _));
    }

    [SkippableFact]
    public async Task Unknown_routes_are_problem_documents()
    {
        using var admin = factory.Admin();
        var response = await admin.GetAsync("/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Principal_requests_are_validated()
    {
        using var admin = factory.Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/principals", new { name = "", role = "applicant", corporateNumber = "123" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("$.name", out _));
        Assert.True(errors.TryGetProperty("$.corporateNumber", out _));

        var unknownField = await admin.PostAsync("/api/v1/principals", TestPlans.Json("""{"name":"x","role":"reviewer","colour":"red"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        var malformed = await admin.PostAsync("/api/v1/principals", TestPlans.Json("{"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class OperationsTestsOnSqlite(SqliteFactory factory) : OperationsTests(factory), IClassFixture<SqliteFactory>;

public sealed class OperationsTestsOnPostgres(PostgresFactory factory) : OperationsTests(factory), IClassFixture<PostgresFactory>;

public sealed class OperationsTestsOnSqlServer(SqlServerFactory factory) : OperationsTests(factory), IClassFixture<SqlServerFactory>;
