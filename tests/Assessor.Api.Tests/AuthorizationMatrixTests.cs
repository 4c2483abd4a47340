using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assessor.Api.Tests;

/// <summary>Every endpoint × every kind of caller, on a fresh plan of the owner's company.</summary>
public abstract class AuthorizationMatrixTests(AssessorFactory factory)
{
    private static readonly string OtherCompany = TestPlans.OtherCorporateNumber("246813579024");

    public static TheoryData<string, string, string, int> Cases()
    {
        var data = new TheoryData<string, string, string, int>();
        void Add(string endpoint, string planState, params (string Caller, int Status)[] expectations)
        {
            foreach (var (caller, status) in expectations)
            {
                data.Add(endpoint, planState, caller, status);
            }
        }

        (string, int)[] Unauthenticated() => [("anonymous", 401), ("revoked", 401), ("garbage", 401)];

        Add("create-plan", "none", [.. Unauthenticated(), ("owner", 201), ("owner-for-other-company", 403), ("specialist", 403), ("reviewer", 403), ("admin", 403)]);
        Add("list-plans", "draft", [.. Unauthenticated(), ("owner", 200), ("other-applicant", 200), ("specialist", 200), ("reviewer", 200), ("admin", 200)]);
        Add("get-plan", "draft", [.. Unauthenticated(), ("owner", 200), ("other-applicant", 404), ("specialist", 404), ("reviewer", 404), ("admin", 200)]);
        Add("get-plan", "submitted", [("owner", 200), ("other-applicant", 404), ("specialist", 404), ("reviewer", 200), ("admin", 200)]);
        Add("get-revision", "draft", [.. Unauthenticated(), ("owner", 200), ("other-applicant", 404), ("specialist", 404), ("reviewer", 404), ("admin", 200)]);
        Add("get-revision", "submitted", [("owner", 200), ("other-applicant", 404), ("reviewer", 200), ("admin", 200)]);
        Add("revise-plan", "draft", [.. Unauthenticated(), ("owner", 200), ("other-applicant", 404), ("specialist", 403), ("reviewer", 403), ("admin", 403)]);
        Add("submit-plan", "draft", [.. Unauthenticated(), ("owner", 200), ("other-applicant", 404), ("specialist", 403), ("reviewer", 403), ("admin", 403)]);
        Add("create-principal", "none", [.. Unauthenticated(), ("owner", 403), ("specialist", 403), ("reviewer", 403), ("admin", 201)]);
        Add("list-principals", "none", [.. Unauthenticated(), ("owner", 403), ("reviewer", 403), ("admin", 200)]);
        Add("issue-key", "none", [.. Unauthenticated(), ("owner", 403), ("reviewer", 403), ("admin", 201)]);
        Add("revoke-key", "none", [.. Unauthenticated(), ("owner", 403), ("reviewer", 403), ("admin", 204)]);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Endpoint_answers_each_caller_as_specified(string endpoint, string planState, string caller, int expected)
    {
        var (owner, ownerPrincipal) = await factory.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
        using var ownerClient = owner;
        string? planId = null;
        EntityTagHeaderValue? etag = null;
        if (planState != "none")
        {
            var created = await owner.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
            planId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            etag = created.Headers.ETag!;
            if (planState == "submitted")
            {
                etag = (await owner.PostAsync($"/api/v1/plans/{planId}/submit", null)).Headers.ETag!;
            }
        }

        using var client = await ClientForAsync(caller);
        using var request = Request(endpoint, caller, planId, etag, ownerPrincipal);
        var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == (int)response.StatusCode, $"{endpoint} as {caller}: expected {expected}, got {(int)response.StatusCode} {body}");
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>Every endpoint on a consortium's plan (monozukuri-2018, draft) for its lead, another participant and a company outside it.</summary>
    public static TheoryData<string, string, int> ConsortiumCases()
    {
        var data = new TheoryData<string, string, int>();
        void Add(string endpoint, int lead, int participant, int stranger)
        {
            data.Add(endpoint, "lead", lead);
            data.Add(endpoint, "participant", participant);
            data.Add(endpoint, "stranger", stranger);
        }

        // Every participant reads everything about the plan; a company outside it finds nothing, as for a plan that does not exist.
        Add("get-plan", 200, 200, 404);
        Add("get-revision", 200, 200, 404);
        Add("get-assessment", 200, 200, 404);
        Add("get-history", 200, 200, 404);
        Add("get-report-json", 200, 200, 404);
        Add("get-report-html", 200, 200, 404);
        Add("get-report-md", 200, 200, 404);
        Add("get-oscal", 200, 200, 404);
        Add("list-consents", 200, 200, 404);
        // Only the lead changes it; the others confirm it.
        Add("revise-plan", 200, 403, 404);
        Add("submit-plan", 200, 403, 404);
        Add("start-self-check", 422, 403, 404);
        Add("give-consent", 403, 201, 404);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(ConsortiumCases))]
    public async Task Consortium_plan_endpoint_answers_its_lead_its_participant_and_a_stranger_as_specified(string endpoint, string caller, int expected)
    {
        using var lead = await factory.ApplicantAsync();
        var planId = await MonozukuriPlans.UploadAsync(lead);
        var plan = await lead.GetAsync($"/api/v1/plans/{planId}");
        var digest = (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("digest").GetString();
        using var client = await factory.ApplicantAsync(caller switch
        {
            "lead" => TestPlans.SampleCorporateNumber,
            "participant" => MonozukuriPlans.Second,
            _ => TestPlans.OtherCorporateNumber("161803398874"),
        });
        using var request = endpoint switch
        {
            "get-plan" => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/plans/{planId}"),
            "get-revision" => new(HttpMethod.Get, $"/api/v1/plans/{planId}/revisions/1"),
            "get-assessment" => new(HttpMethod.Get, $"/api/v1/plans/{planId}/assessment"),
            "get-history" => new(HttpMethod.Get, $"/api/v1/plans/{planId}/history"),
            "get-report-json" => new(HttpMethod.Get, $"/api/v1/plans/{planId}/report?format=json"),
            "get-report-html" => new(HttpMethod.Get, $"/api/v1/plans/{planId}/report?format=html"),
            "get-report-md" => new(HttpMethod.Get, $"/api/v1/plans/{planId}/report?format=md"),
            "get-oscal" => new(HttpMethod.Get, $"/api/v1/plans/{planId}/oscal"),
            "list-consents" => new(HttpMethod.Get, $"/api/v1/plans/{planId}/consortium-consents"),
            "revise-plan" => new(HttpMethod.Put, $"/api/v1/plans/{planId}") { Content = TestPlans.Json(MonozukuriPlans.ExampleBytes()) },
            "submit-plan" => new(HttpMethod.Post, $"/api/v1/plans/{planId}/submit"),
            "start-self-check" => new(HttpMethod.Post, $"/api/v1/plans/{planId}/self-check-runs"),
            "give-consent" => new(HttpMethod.Post, $"/api/v1/plans/{planId}/consortium-consent") { Content = JsonContent.Create(new { digest }) },
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
        };
        if (endpoint == "revise-plan")
        {
            request.Headers.IfMatch.Add(plan.Headers.ETag!);
        }

        var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == (int)response.StatusCode, $"{endpoint} as {caller}: expected {expected}, got {(int)response.StatusCode} {body}");
        if (expected == 403)
        {
            Assert.Equal(endpoint == "give-consent" ? "lead-does-not-consent" : "not-lead", await response.ProblemCodeAsync(HttpStatusCode.Forbidden));
        }
    }

    [SkippableFact]
    public async Task Listing_shows_only_what_each_role_may_see()
    {
        var company = TestPlans.OtherCorporateNumber("135791357913");
        using var owner = await factory.ApplicantAsync(company);
        var draft = await IdOf(await owner.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleFor(company))));
        var submitted = await IdOf(await owner.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleFor(company))));
        await owner.PostAsync($"/api/v1/plans/{submitted}/submit", null);

        using var stranger = await factory.ApplicantAsync(TestPlans.OtherCorporateNumber("999999999999"));
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        using var admin = factory.Admin();

        Assert.Equal([draft, submitted], await ListIdsAsync(owner));
        Assert.Empty(await ListIdsAsync(stranger));
        var reviewerSees = await ListIdsAsync(reviewer);
        Assert.Contains(submitted, reviewerSees);
        Assert.DoesNotContain(draft, reviewerSees);
        var adminSees = await ListIdsAsync(admin);
        Assert.Contains(draft, adminSees);
        Assert.Contains(submitted, adminSees);
    }

    private static async Task<List<string>> ListIdsAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/plans?limit=200");
        return page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
    }

    private static async Task<string> IdOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

    private async Task<HttpClient> ClientForAsync(string caller)
    {
        switch (caller)
        {
            case "anonymous":
                return factory.ClientWithKey(null);
            case "garbage":
                return factory.ClientWithKey("ak_not-a-key-anyone-was-given");
            case "revoked":
                var (client, principal) = await factory.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
                using (var admin = factory.Admin())
                {
                    var revoke = await admin.DeleteAsync($"/api/v1/principals/{principal.Id}/keys/{principal.KeyId}");
                    Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
                }

                return client;
            case "owner":
            case "owner-for-other-company":
                return await factory.ApplicantAsync(TestPlans.SampleCorporateNumber);
            case "other-applicant":
                return await factory.ApplicantAsync(OtherCompany);
            case "specialist":
                // Registered under a number no test plan names, so it sees nothing.
                var specialistId = await factory.RegisterSpecialistAsync($"{Random.Shared.Next(200000, 999999)}", OtherCompany);
                return (await factory.NewPrincipalAsync("specialist", specialistId: specialistId)).Client;
            case "reviewer":
                return (await factory.NewPrincipalAsync("reviewer")).Client;
            case "admin":
                return factory.Admin();
            default:
                throw new ArgumentOutOfRangeException(nameof(caller), caller, null);
        }
    }

    private static HttpRequestMessage Request(string endpoint, string caller, string? planId, EntityTagHeaderValue? etag, CreatedPrincipal owner)
    {
        HttpRequestMessage request = endpoint switch
        {
            "create-plan" => new(HttpMethod.Post, "/api/v1/plans")
            {
                Content = caller == "owner-for-other-company" ? TestPlans.Json(TestPlans.ExampleFor(OtherCompany)) : TestPlans.Json(TestPlans.ExampleBytes()),
            },
            "list-plans" => new(HttpMethod.Get, "/api/v1/plans"),
            "get-plan" => new(HttpMethod.Get, $"/api/v1/plans/{planId}"),
            "get-revision" => new(HttpMethod.Get, $"/api/v1/plans/{planId}/revisions/1"),
            "revise-plan" => new(HttpMethod.Put, $"/api/v1/plans/{planId}") { Content = TestPlans.Json(TestPlans.ExampleBytes()) },
            "submit-plan" => new(HttpMethod.Post, $"/api/v1/plans/{planId}/submit"),
            "create-principal" => new(HttpMethod.Post, "/api/v1/principals") { Content = JsonContent.Create(new { name = "r", role = "reviewer" }) },
            "list-principals" => new(HttpMethod.Get, "/api/v1/principals"),
            "issue-key" => new(HttpMethod.Post, $"/api/v1/principals/{owner.Id}/keys"),
            "revoke-key" => new(HttpMethod.Delete, $"/api/v1/principals/{owner.Id}/keys/{owner.KeyId}"),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
        };
        if (etag is not null && endpoint == "revise-plan")
        {
            request.Headers.IfMatch.Add(etag);
        }

        return request;
    }
}

public sealed class AuthorizationMatrixTestsOnSqlite(SqliteFactory factory) : AuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class AuthorizationMatrixTestsOnPostgres(PostgresFactory factory) : AuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;

public sealed class AuthorizationMatrixTestsOnSqlServer(SqlServerFactory factory) : AuthorizationMatrixTests(factory), IClassFixture<SqlServerFactory>;
