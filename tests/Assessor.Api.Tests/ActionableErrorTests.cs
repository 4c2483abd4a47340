using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assessor.Api.Tests;

/// <summary>Errors a user can act on: every problem at its own path, in the contract's words, never .NET's.</summary>
public abstract class ActionableErrorTests(AssessorFactory factory)
{
    [SkippableFact]
    public async Task Every_missing_or_mistyped_member_is_reported_at_its_own_path()
    {
        using var applicant = await factory.ApplicantAsync();
        var plan = TestPlans.Example();
        plan.Remove("title");
        plan["applicant"]!.AsObject().Remove("isSme");
        plan["assets"]![0]!["cost"] = "one million";
        plan["assets"]![0]!["acquiredOn"] = "2019/04/01";
        plan["labourInput"] = "people";

        var response = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(plan));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(
            ["$.applicant.isSme", "$.assets[0].acquiredOn", "$.assets[0].cost", "$.labourInput", "$.title"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Required.", errors.GetProperty("$.title")[0].GetString());
        Assert.Contains("YYYY-MM-DD", errors.GetProperty("$.assets[0].acquiredOn")[0].GetString());
        Assert.Contains("headcount", errors.GetProperty("$.labourInput")[0].GetString());
        AssertNoDotNetNames(problem);
    }

    [SkippableFact]
    public async Task Every_problem_is_also_given_in_japanese_at_the_same_path()
    {
        using var applicant = await factory.ApplicantAsync();
        var plan = TestPlans.Example();
        plan.Remove("title");
        plan["assets"]![0]!["acquiredOn"] = "2019/04/01";
        plan["labourInput"] = "people";

        var problem = await (await applicant.PostAsync("/api/v1/plans", TestPlans.Json(plan))).ReadProblemAsync(HttpStatusCode.BadRequest);
        var english = problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString()!).ToList());
        var japanese = problem.GetProperty("errorsJa").EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString()!).ToList());

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), japanese.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, messages) in japanese)
        {
            Assert.Equal(english[path].Count, messages.Count);
            Assert.All(messages, m => Assert.Matches(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]", m));
        }

        Assert.Equal("必須です。", japanese["$.title"][0]);
        Assert.Contains("YYYY-MM-DD", japanese["$.assets[0].acquiredOn"][0]);
    }

    [SkippableFact]
    public async Task Semantic_problems_of_a_plan_are_given_in_japanese_too()
    {
        using var applicant = await factory.ApplicantAsync();
        var plan = TestPlans.Example();
        plan["applicant"]!["corporateNumber"] = "1234567890123";
        plan["assets"]![0]!["cost"] = 0;

        var problem = await (await applicant.PostAsync("/api/v1/plans", TestPlans.Json(plan))).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Must be greater than zero (whole yen).", problem.GetProperty("errors").GetProperty("$.assets[0].cost")[0].GetString());
        Assert.Equal("0 より大きい金額（円単位の整数）を指定してください。", problem.GetProperty("errorsJa").GetProperty("$.assets[0].cost")[0].GetString());
        Assert.Contains("法人番号", problem.GetProperty("errorsJa").GetProperty("$.applicant.corporateNumber")[0].GetString());
    }

    [SkippableFact]
    public async Task A_json_syntax_error_gives_its_line_and_column()
    {
        using var applicant = await factory.ApplicantAsync();

        var response = await applicant.PostAsync("/api/v1/plans", TestPlans.Json("{\n  \"regime\": \"connected-industries-2018\",\n  \"title\": oops\n}"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("line 3, column", problem.GetProperty("errors").GetProperty("$")[0].GetString());
        AssertNoDotNetNames(problem);
    }

    [SkippableFact]
    public async Task An_unquoted_entity_tag_is_a_bad_request_not_a_changed_plan()
    {
        using var applicant = await factory.ApplicantAsync();
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        var location = created.Headers.Location!.ToString();
        var unquoted = created.Headers.ETag!.Tag.Trim('"');

        using var put = new HttpRequestMessage(HttpMethod.Put, location) { Content = TestPlans.Json(TestPlans.ExampleBytes()) };
        put.Headers.TryAddWithoutValidation("If-Match", unquoted);
        using var submit = new HttpRequestMessage(HttpMethod.Post, $"{location}/submit");
        submit.Headers.TryAddWithoutValidation("If-Match", unquoted);

        Assert.Equal("invalid-if-match", await (await applicant.SendAsync(put)).ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Equal("invalid-if-match", await (await applicant.SendAsync(submit)).ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Equal("draft", (await applicant.GetFromJsonAsync<JsonElement>(location)).GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task A_returned_plan_shows_why_and_says_to_upload_a_revision_before_submitting()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision",
            new { decision = "return", reason = "データ連携先を明記してください" })).StatusCode);

        var plan = await scenario.Applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{scenario.PlanId}");
        Assert.Equal("returned", plan.GetProperty("status").GetString());
        Assert.Equal("return", plan.GetProperty("decision").GetProperty("decision").GetString());
        Assert.Equal("データ連携先を明記してください", plan.GetProperty("decision").GetProperty("reason").GetString());

        var resubmit = await scenario.Applicant.PostAsync($"/api/v1/plans/{scenario.PlanId}/submit", null);
        var problem = await resubmit.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("illegal-transition", problem.GetProperty("code").GetString());
        Assert.Contains("revision", problem.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Unknown_query_parameters_are_refused_naming_them()
    {
        using var applicant = await factory.ApplicantAsync();

        var problem = await (await applicant.GetAsync("/api/v1/plans?stauts=draft")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("status", problem.GetProperty("errors").GetProperty("stauts")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync("/api/v1/plans?status=draft&limit=5")).StatusCode);
    }

    [SkippableFact]
    public async Task The_root_points_to_the_api_description_instead_of_refusing()
    {
        using var anonymous = factory.ClientWithKey(null);

        var index = await anonymous.GetFromJsonAsync<JsonElement>("/");

        Assert.Equal("/openapi/v1.json", index.GetProperty("openApi").GetString());
    }

    private static void AssertNoDotNetNames(JsonElement problem)
    {
        var text = problem.ToString();
        Assert.DoesNotContain("Assessor.", text);
        Assert.DoesNotContain("System.", text);
    }
}

public sealed class ActionableErrorTestsOnSqlite(SqliteFactory factory) : ActionableErrorTests(factory), IClassFixture<SqliteFactory>;

public sealed class ActionableErrorTestsOnPostgres(PostgresFactory factory) : ActionableErrorTests(factory), IClassFixture<PostgresFactory>;
