using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Assessor.Api.Tests;

public abstract class AssessmentApiTests(AssessorFactory factory)
{
    [SkippableFact]
    public async Task The_readme_example_plan_is_assessed_with_its_hand_computed_figures()
    {
        using var applicant = await factory.ApplicantAsync();
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var response = await applicant.GetAsync($"/api/v1/plans/{id}/assessment");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var assessment = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, assessment.GetProperty("planId").GetString());
        Assert.Equal(1, assessment.GetProperty("revision").GetInt32());
        Assert.Equal($"sha256:{Convert.ToHexStringLower(SHA256.HashData(TestPlans.ExampleBytes()))}", assessment.GetProperty("digest").GetString());
        Assert.Equal("connected-industries-2018", assessment.GetProperty("regime").GetString());
        // Security waits for a specialist's sign-off, so the plan is not yet eligible.
        Assert.False(assessment.GetProperty("eligible").GetBoolean());

        var requirements = assessment.GetProperty("requirements").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(
            ["data-linkage", "security", "labour-productivity", "return-on-investment", "minimum-investment", "window"],
            requirements.Keys);
        Assert.Equal("pending", requirements["security"].GetProperty("status").GetString());
        Assert.All(requirements.Values.Where(r => r.GetProperty("id").GetString() != "security"),
            r => Assert.Equal("pass", r.GetProperty("status").GetString()));

        // LP0 = (100M + 400M + 60M) / 120 = 4,666,666.67; LP3 = (125M + 418M + 65M) / 121 = 5,024,793.39;
        // CAGR = (5,024,793.39 / 4,666,666.67)^(1/3) − 1 = 0.0250; simple = (0.07674 / 3) = 0.0256.
        var lp = requirements["labour-productivity"].GetProperty("figures");
        Assert.Equal(0.0250m, lp.GetProperty("cagr").GetDecimal());
        Assert.Equal(0.0256m, lp.GetProperty("simple").GetDecimal());
        Assert.Equal("cagr", lp.GetProperty("method").GetString());
        // ROI: ((170M−160M) + (179M−160M) + (190M−160M)) / 3 / 54M = 19.67M / 54M = 0.3642.
        Assert.Equal(0.3642m, requirements["return-on-investment"].GetProperty("figures").GetProperty("average").GetDecimal());
        // 42M software + 9M sensor with software collecting data + 3M server with software = 54M.
        Assert.Equal(54_000_000, requirements["minimum-investment"].GetProperty("figures").GetProperty("qualifying").GetInt64());

        var benefit = assessment.GetProperty("taxBenefit");
        Assert.Equal(16_200_000, benefit.GetProperty("specialDepreciation").GetProperty("amount").GetInt64());     // 30 % × 54M
        Assert.Equal(4_860_000, benefit.GetProperty("specialDepreciation").GetProperty("firstYearTaxDeferred").GetInt64()); // × 0.30
        Assert.Equal(1_620_000, benefit.GetProperty("taxCredit").GetProperty("amount").GetInt64());               // 3 % × 54M (wages +2 %)
        Assert.Equal(4_500_000, benefit.GetProperty("taxCredit").GetProperty("cap").GetInt64());                  // 15 % × 30M
        Assert.Equal("tax-credit", benefit.GetProperty("recommended").GetString());
    }

    [SkippableFact]
    public async Task An_unsaved_document_is_assessed_without_being_stored()
    {
        var company = TestPlans.OtherCorporateNumber("314159265358");
        using var applicant = await factory.ApplicantAsync(company);
        var plan = TestPlans.ExampleFor(company);
        plan["assets"]![0]!["cost"] = 37_999_999; // 37,999,999 + 9M + 3M = 49,999,999: one yen under the minimum

        var response = await applicant.PostAsync("/api/v1/assessments", TestPlans.Json(plan));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var assessment = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(assessment.TryGetProperty("planId", out _));
        var minimum = assessment.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "minimum-investment");
        Assert.Equal("fail", minimum.GetProperty("status").GetString());
        Assert.Equal(49_999_999, minimum.GetProperty("figures").GetProperty("qualifying").GetInt64());
        Assert.Contains(minimum.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "investment-below-minimum");
        Assert.Empty((await applicant.GetFromJsonAsync<JsonElement>("/api/v1/plans")).GetProperty("items").EnumerateArray());
    }

    [SkippableTheory]
    [InlineData("reviewer")]
    [InlineData("admin")]
    public async Task Any_authenticated_role_may_assess_a_document(string role)
    {
        using var client = role == "admin" ? factory.Admin() : (await factory.NewPrincipalAsync(role)).Client;
        var response = await client.PostAsync("/api/v1/assessments", TestPlans.Json(TestPlans.ExampleBytes()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task A_structurally_valid_plan_that_cannot_be_assessed_is_422()
    {
        using var applicant = await factory.ApplicantAsync();
        var plan = TestPlans.Example();
        plan["regime"] = "dx-investment-2021";

        foreach (var path in new[] { "/api/v1/assessments", "/api/v1/plans" })
        {
            var response = await applicant.PostAsync(path, TestPlans.Json(plan));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("unknown-regime", problem.GetProperty("code").GetString());
            Assert.Equal("$.regime", problem.GetProperty("path").GetString());
        }
    }

    [SkippableFact]
    public async Task Structural_errors_are_400_and_anonymous_callers_401()
    {
        using var applicant = await factory.ApplicantAsync();
        var plan = TestPlans.Example();
        plan["assets"]![0]!["cost"] = -1;
        Assert.Equal(HttpStatusCode.BadRequest, (await applicant.PostAsync("/api/v1/assessments", TestPlans.Json(plan))).StatusCode);

        using var anonymous = factory.ClientWithKey(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/assessments", TestPlans.Json(TestPlans.ExampleBytes()))).StatusCode);
    }

    [SkippableFact]
    public async Task Another_companys_plan_assessment_is_404()
    {
        using var owner = await factory.ApplicantAsync();
        var created = await owner.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var stranger = await factory.ApplicantAsync(TestPlans.OtherCorporateNumber("271828182845"));

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/plans/{id}/assessment")).StatusCode);
    }
}

public sealed class AssessmentApiTestsOnSqlite(SqliteFactory factory) : AssessmentApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class AssessmentApiTestsOnPostgres(PostgresFactory factory) : AssessmentApiTests(factory), IClassFixture<PostgresFactory>;

public sealed class AssessmentApiTestsOnSqlServer(SqlServerFactory factory) : AssessmentApiTests(factory), IClassFixture<SqlServerFactory>;
