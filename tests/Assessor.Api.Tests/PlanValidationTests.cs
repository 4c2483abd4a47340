using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assessor.Api.Tests;

public abstract class PlanValidationTests(AssessorFactory factory)
{
    public static TheoryData<string, string, string> Mutations => new()
    {
        // name of the rule, JSON mutation applied to the example plan, JSON path the problem must name
        { "check digit", """{"applicant":{"corporateNumber":"8000012050002"}}""", "$.applicant.corporateNumber" },
        { "13 digits", """{"applicant":{"corporateNumber":"700001205000"}}""", "$.applicant.corporateNumber" },
        { "period ordered", """{"period":{"start":"2019-04-01","end":"2019-03-31"}}""", "$.period.end" },
        { "cost positive", """{"assets":[{"cost":0}]}""", "$.assets[0].cost" },
        { "withSoftware names software", """{"assets":[{},{"withSoftware":"A3"}]}""", "$.assets[1].withSoftware" },
        { "withSoftware exists", """{"assets":[{},{},{"withSoftware":"A9"}]}""", "$.assets[2].withSoftware" },
        { "asset ids unique", """{"assets":[{},{"id":"A1"}]}""", "$.assets[1].id" },
        { "financial years unique", """{"financials":[{},{"fiscalYear":2018}]}""", "$.financials[1].fiscalYear" },
        { "hours when labourInput is hours", """{"labourInput":"hours","financials":[{},{"hoursPerPerson":null}]}""", "$.financials[1].hoursPerPerson" },
        { "RISS number six digits", """{"securityExpert":{"registrationNumber":"11172"}}""", "$.securityExpert.registrationNumber" },
        { "headcount positive", """{"financials":[{"headcount":0}]}""", "$.financials[0].headcount" },
    };

    [SkippableTheory]
    [MemberData(nameof(Mutations))]
    public async Task Each_rule_rejects_with_400_naming_the_path(string rule, string mutation, string path)
    {
        var plan = Apply(TestPlans.Example(), JsonNode.Parse(mutation)!.AsObject());
        var problem = await PostExpectingAsync(plan.ToJsonString(), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out _), $"{rule}: expected an error at {path}, got {problem}");
    }

    [SkippableFact]
    public async Task All_problems_are_reported_at_once()
    {
        var plan = Apply(TestPlans.Example(), JsonNode.Parse("""
            {"applicant":{"corporateNumber":"1234567890123"},"assets":[{"cost":-5}],"period":{"end":"2019-01-01"}}
            """)!.AsObject());
        var errors = (await PostExpectingAsync(plan.ToJsonString(), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("$.applicant.corporateNumber", out _));
        Assert.True(errors.TryGetProperty("$.assets[0].cost", out _));
        Assert.True(errors.TryGetProperty("$.period.end", out _));
    }

    [SkippableFact]
    public async Task Missing_financial_year_is_named()
    {
        var plan = TestPlans.Example();
        plan["financials"]!.AsArray().RemoveAt(3);
        var errors = (await PostExpectingAsync(plan.ToJsonString(), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("2021", errors.GetProperty("$.financials")[0].GetString());
    }

    [SkippableTheory]
    [InlineData("""{"assets":[]}""", "$.assets")]
    [InlineData("""{"linkages":[{"kind":"telepathy"}]}""", "$.linkages[0].kind")]
    [InlineData("""{"period":{"start":"2019-02-30"}}""", "$.period.start")]
    [InlineData("""{"assets":[{"cost":"lots"}]}""", "$.assets[0].cost")]
    [InlineData("""{"colour":"blue"}""", "$.colour")]
    [InlineData("""{"applicant":{"nickname":"x"}}""", "$.applicant.nickname")]
    public async Task Shape_errors_are_400_with_their_path(string mutation, string path)
    {
        var plan = Apply(TestPlans.Example(), JsonNode.Parse(mutation)!.AsObject());
        var problem = await PostExpectingAsync(plan.ToJsonString(), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out _), $"expected an error at {path}, got {problem}");
    }

    [SkippableTheory]
    [InlineData("assets", "$.assets[1]")]
    [InlineData("linkages", "$.linkages[1]")]
    [InlineData("financials", "$.financials[1]")]
    public async Task A_null_item_in_a_list_is_400_not_500(string list, string path)
    {
        var plan = TestPlans.Example();
        plan[list]!.AsArray().Insert(1, null);

        var problem = await PostExpectingAsync(plan.ToJsonString(), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out _), problem.ToString());
    }

    [SkippableTheory]
    [InlineData("\"cost\": 42000000, \"cost\": 1")]
    [InlineData("\"cost\": 42000000, \"Cost\": 1")]
    public async Task Duplicate_or_case_variant_members_are_400(string members)
    {
        // The stored bytes are what gets signed: they must mean one thing to every reader.
        var body = Encoding.UTF8.GetString(TestPlans.ExampleBytes()).Replace("\"cost\": 42000000", members, StringComparison.Ordinal);
        Assert.Contains(members, body);

        await PostExpectingAsync(body, HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task A_missing_required_member_is_400()
    {
        var plan = TestPlans.Example();
        plan.Remove("title");
        var problem = await PostExpectingAsync(plan.ToJsonString(), HttpStatusCode.BadRequest);
        Assert.Contains("title", problem.GetProperty("errors").ToString());
    }

    [SkippableTheory]
    [InlineData("{\"regime\": ")]
    [InlineData("not json at all")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task Malformed_json_is_400(string body) => await PostExpectingAsync(body, HttpStatusCode.BadRequest);

    [SkippableFact]
    public async Task A_body_over_one_mebibyte_is_413()
    {
        var plan = TestPlans.Example();
        plan["title"] = new string('x', 1024 * 1024);
        await PostExpectingAsync(plan.ToJsonString(), HttpStatusCode.RequestEntityTooLarge);
    }

    [SkippableFact]
    public async Task A_body_that_is_not_json_is_415()
    {
        using var applicant = await factory.ApplicantAsync();
        var response = await applicant.PostAsync("/api/v1/plans", new StringContent("title=x"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [SkippableFact]
    public async Task Rejected_uploads_store_nothing()
    {
        var company = TestPlans.OtherCorporateNumber("777777777777");
        using var applicant = await factory.ApplicantAsync(company);
        var bad = TestPlans.ExampleFor(company);
        bad["assets"] = new JsonArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await applicant.PostAsync("/api/v1/plans", TestPlans.Json(bad))).StatusCode);
        var page = await applicant.GetFromJsonAsync<JsonElement>("/api/v1/plans");
        Assert.Empty(page.GetProperty("items").EnumerateArray());
    }

    private async Task<JsonElement> PostExpectingAsync(string body, HttpStatusCode expected)
    {
        using var applicant = await factory.ApplicantAsync();
        var response = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/>; array items merge by index.</summary>
    private static JsonObject Apply(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is JsonObject objectPatch && target[name] is JsonObject existing)
            {
                Apply(existing, objectPatch);
            }
            else if (value is JsonArray arrayPatch && arrayPatch.Count > 0 && target[name] is JsonArray existingArray)
            {
                for (var i = 0; i < arrayPatch.Count; i++)
                {
                    if (arrayPatch[i] is JsonObject itemPatch && i < existingArray.Count && existingArray[i] is JsonObject item)
                    {
                        Apply(item, itemPatch);
                    }
                    else
                    {
                        existingArray.Add(arrayPatch[i]?.DeepClone());
                    }
                }
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }

        return target;
    }
}

public sealed class PlanValidationTestsOnSqlite(SqliteFactory factory) : PlanValidationTests(factory), IClassFixture<SqliteFactory>;

public sealed class PlanValidationTestsOnPostgres(PostgresFactory factory) : PlanValidationTests(factory), IClassFixture<PostgresFactory>;

public sealed class PlanValidationTestsOnSqlServer(SqlServerFactory factory) : PlanValidationTests(factory), IClassFixture<SqlServerFactory>;
