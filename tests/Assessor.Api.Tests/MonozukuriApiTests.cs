using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assessor.Api.Tests;

/// <summary>Plans of the Monozukuri subsidy (<c>monozukuri-2018</c>) over HTTP.</summary>
public static class MonozukuriPlans
{
    public const string Second = "5010001008813";
    public const string Third = "1011101012345";

    public static byte[] ExampleBytes() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "monozukuri-2018.json"));

    public static JsonObject Example() => JsonNode.Parse(ExampleBytes())!.AsObject();

    /// <summary>Uploads the example (changed by <paramref name="change"/>) and returns the plan's id.</summary>
    public static async Task<string> UploadAsync(HttpClient lead, Action<JsonObject>? change = null)
    {
        var plan = Example();
        change?.Invoke(plan);
        var response = await lead.PostAsync("/api/v1/plans", TestPlans.Json(plan));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>The example cut down to its lead alone, as a plan of <paramref name="type"/>.</summary>
    public static void Single(JsonObject plan, string type)
    {
        plan["type"] = type;
        var participants = plan["participants"]!.AsArray();
        participants.RemoveAt(2);
        participants.RemoveAt(1);
        participants[0]!.AsObject().Remove("allocation");
        plan["linkages"] = new JsonArray();
    }

    public static string Status(JsonElement assessment, string id, string? participant = null) =>
        assessment.GetProperty("requirements").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == id && (r.TryGetProperty("participant", out var p) ? p.GetString() : null) == participant)
            .GetProperty("status").GetString()!;
}

public abstract class MonozukuriApiTests(AssessorFactory factory)
{
    [SkippableFact]
    public async Task The_lead_uploads_a_consortium_plan_and_it_is_assessed_per_participant()
    {
        using var lead = await factory.ApplicantAsync();
        var planId = await MonozukuriPlans.UploadAsync(lead);

        var plan = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}");
        var assessment = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/assessment");

        Assert.Equal("monozukuri-2018", plan.GetProperty("regime").GetString());
        Assert.Equal("株式会社サンプル製作所", plan.GetProperty("applicantName").GetString());
        Assert.Equal(planId, assessment.GetProperty("planId").GetString());
        Assert.False(assessment.GetProperty("eligible").GetBoolean());
        Assert.Equal("pending", MonozukuriPlans.Status(assessment, "consortium-consent"));
        Assert.Equal("pending", MonozukuriPlans.Status(assessment, "support-organisation"));
        Assert.Equal("pass", MonozukuriPlans.Status(assessment, "equipment", MonozukuriPlans.Second));
        var grant = assessment.GetProperty("grant");
        Assert.Equal(20_200_000, grant.GetProperty("total").GetInt64());
        Assert.Equal(
            """{"corporateNumber":"7000012050002","eligibleCost":24600000,"excluded":[{"id":"C3","code":"cost-category-not-eligible"}],"rate":"2/3","rateBasis":"data-sharing","beforeCap":16400000,"floor":1000000,"typeCap":10000000,"allocationAdded":2000000,"expertAdded":0,"cap":12000000,"amount":12000000}""",
            grant.GetProperty("participants")[0].GetRawText());
        Assert.Equal("""["advanced-equipment-plan"]""", assessment.GetProperty("bonus").GetRawText());
    }

    [SkippableFact]
    public async Task An_unsaved_document_is_assessed_and_a_member_without_machinery_fails_the_consortium()
    {
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var plan = MonozukuriPlans.Example();
        plan["participants"]![2]!["costs"] = JsonNode.Parse("""[{ "id": "C1", "category": "cloud", "name": "配送計画クラウド", "cost": 3300000 }]""");

        var response = await reviewer.PostAsync("/api/v1/assessments", TestPlans.Json(plan));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var assessment = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("fail", MonozukuriPlans.Status(assessment, "equipment", "1011101012345"));
        Assert.False(assessment.GetProperty("eligible").GetBoolean());
        Assert.False(assessment.TryGetProperty("planId", out _));
    }

    [SkippableFact]
    public async Task A_broken_document_is_refused_by_path_and_an_allocation_outside_data_sharing_too()
    {
        using var lead = await factory.ApplicantAsync();
        var general = MonozukuriPlans.Example();
        MonozukuriPlans.Single(general, "general");
        general["participants"]![0]!["allocation"] = 1;
        var broken = MonozukuriPlans.Example();
        broken["participants"]![1]!["plan"]!["years"] = 2;
        broken["participants"]![1]!["costs"]![0]!["cost"] = -5;

        var allocation = await lead.PostAsync("/api/v1/plans", TestPlans.Json(general));
        var errors = (await (await lead.PostAsync("/api/v1/plans", TestPlans.Json(broken))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, allocation.StatusCode);
        Assert.Equal(["$.participants[0].allocation"], (await allocation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(["$.participants[1].costs[0].cost", "$.participants[1].plan.years"], errors.EnumerateObject().Select(e => e.Name).Order());
    }

    [SkippableFact]
    public async Task Only_the_leads_key_uploads_and_other_companies_see_nothing()
    {
        using var lead = await factory.ApplicantAsync();
        using var member = await factory.ApplicantAsync(MonozukuriPlans.Second);
        using var stranger = await factory.ApplicantAsync(TestPlans.OtherCorporateNumber("161803398874"));
        var planId = await MonozukuriPlans.UploadAsync(lead);

        var byMember = await member.PostAsync("/api/v1/plans", TestPlans.Json(MonozukuriPlans.ExampleBytes()));

        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal("other-company", await byMember.ProblemCodeAsync(byMember.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/plans/{planId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/plans/{planId}/report?format=json")).StatusCode);
    }

    [SkippableFact]
    public async Task A_plan_waiting_on_its_confirmations_is_not_certifiable()
    {
        using var lead = await factory.ApplicantAsync();
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var planId = await MonozukuriPlans.UploadAsync(lead);
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);

        var refused = await reviewer.PostAsJsonAsync($"/api/v1/plans/{planId}/decision", new { decision = "certify" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(["consortium-consent", "support-organisation"],
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("failing").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
    }

    [SkippableFact]
    public async Task A_draft_report_is_rendered_from_the_regimes_own_templates_in_every_format()
    {
        using var lead = await factory.ApplicantAsync();
        var planId = await MonozukuriPlans.UploadAsync(lead, p => p["title"] = "<b>共同</b> & 生産");

        var html = await lead.GetStringAsync($"/api/v1/plans/{planId}/report?format=html");
        var markdown = await lead.GetStringAsync($"/api/v1/plans/{planId}/report?format=md");
        var json = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/report?format=json");

        foreach (var text in new[] { html, markdown })
        {
            Assert.Contains("下書き — 未認定", text);
            Assert.Contains("¥20,200,000", text);
            Assert.Contains("&lt;b&gt;共同&lt;/b&gt;", text);
            Assert.DoesNotContain("<b>共同", text);
        }

        Assert.Equal("https://assessor.example/reports/monozukuri-2018/v1", json.GetProperty("schema").GetString());
        Assert.Equal(3, json.GetProperty("participants").GetArrayLength());
    }
}

public sealed class MonozukuriApiTestsOnSqlite(SqliteFactory factory) : MonozukuriApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class MonozukuriApiTestsOnPostgres(PostgresFactory factory) : MonozukuriApiTests(factory), IClassFixture<PostgresFactory>;

public sealed class MonozukuriApiTestsOnSqlServer(SqlServerFactory factory) : MonozukuriApiTests(factory), IClassFixture<SqlServerFactory>;
