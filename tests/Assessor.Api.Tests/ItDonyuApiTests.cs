using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assessor.Cli;

namespace Assessor.Api.Tests;

/// <summary>Plans, helpers and the self-check steps of the IT introduction subsidy (<c>it-donyu-2018</c>) over HTTP.</summary>
public static class ItDonyuPlans
{
    public static byte[] ExampleBytes() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "it-donyu-2018.json"));

    public static JsonObject Example() => JsonNode.Parse(ExampleBytes())!.AsObject();

    /// <summary>Uploads the example (changed by <paramref name="change"/>) and returns the plan's id.</summary>
    public static async Task<string> UploadAsync(HttpClient applicant, Action<JsonObject>? change = null)
    {
        var plan = Example();
        change?.Invoke(plan);
        var response = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(plan));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> StartSelfCheckAsync(HttpClient applicant, string planId)
    {
        var response = await applicant.PostAsync($"/api/v1/plans/{planId}/self-check-runs", null);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/v1/self-check-runs/{run.GetProperty("id").GetString()}", response.Headers.Location!.OriginalString);
        return run;
    }

    /// <summary>Answers the first <paramref name="count"/> items of the run with <paramref name="answer"/>.</summary>
    public static async Task<JsonElement> AnswerAsync(HttpClient applicant, JsonElement run, int count = 25, string answer = "done")
    {
        var runId = run.GetProperty("id").GetString();
        JsonElement last = run;
        foreach (var item in run.GetProperty("items").EnumerateArray().Take(count))
        {
            var response = await applicant.PutAsJsonAsync($"/api/v1/self-check-runs/{runId}/answers/{item.GetProperty("id").GetString()}", new { answer, notes = "社内で確認" });
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            last = await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        return last;
    }

    public static JsonElement Requirement(JsonElement assessment, string id) =>
        assessment.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);

    public static string Status(JsonElement assessment, string id) => Requirement(assessment, id).GetProperty("status").GetString()!;
}

public abstract class ItDonyuApiTests(AssessorFactory factory)
{
    [SkippableFact]
    public async Task A_subsidy_plan_is_uploaded_and_assessed_with_its_grant()
    {
        using var applicant = await factory.ApplicantAsync();
        var planId = await ItDonyuPlans.UploadAsync(applicant);

        var plan = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}");
        var assessment = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/assessment");

        Assert.Equal("it-donyu-2018", plan.GetProperty("regime").GetString());
        Assert.Equal("有限会社サンプル商店", plan.GetProperty("applicantName").GetString());
        Assert.Equal(planId, assessment.GetProperty("planId").GetString());
        Assert.Equal(plan.GetProperty("digest").GetString(), assessment.GetProperty("digest").GetString());
        Assert.False(assessment.TryGetProperty("taxBenefit", out _));
        Assert.False(assessment.GetProperty("eligible").GetBoolean());
        Assert.Equal("pending", ItDonyuPlans.Status(assessment, "security-action"));
        Assert.Equal(
            """{"eligibleCost":820000,"excluded":[{"id":"T4","code":"hardware-not-eligible"}],"rate":"1/2","floor":150000,"cap":500000,"amount":410000}""",
            assessment.GetProperty("grant").GetRawText());
        Assert.Equal("""["omotenashi-certified"]""", assessment.GetProperty("bonus").GetRawText());
    }

    [SkippableFact]
    public async Task An_unsaved_subsidy_document_is_assessed_with_its_declaration_pending()
    {
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;

        var response = await reviewer.PostAsync("/api/v1/assessments", TestPlans.Json(ItDonyuPlans.ExampleBytes()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var assessment = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", ItDonyuPlans.Status(assessment, "security-action"));
        Assert.Equal(410_000, assessment.GetProperty("grant").GetProperty("amount").GetInt64());
        Assert.False(assessment.TryGetProperty("planId", out _));
    }

    [SkippableFact]
    public async Task A_subsidy_document_is_validated_against_its_own_schema()
    {
        using var applicant = await factory.ApplicantAsync();
        var broken = ItDonyuPlans.Example();
        broken["tools"]![0]!["cost"] = 0;
        broken["applicant"]!.AsObject().Remove("capital");
        var taxShaped = TestPlans.Example();
        taxShaped["regime"] = "it-donyu-2018";

        var errors = (await (await applicant.PostAsync("/api/v1/plans", TestPlans.Json(broken))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var tax = await applicant.PostAsync("/api/v1/assessments", TestPlans.Json(taxShaped));

        Assert.Equal(["$.applicant.capital", "$.tools[0].cost"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(HttpStatusCode.BadRequest, tax.StatusCode);
        Assert.Equal("validation", await tax.ProblemCodeAsync(tax.StatusCode));
    }

    [SkippableFact]
    public async Task Only_the_applicants_own_company_may_upload_its_plan()
    {
        using var other = await factory.ApplicantAsync(TestPlans.OtherCorporateNumber("555555555555"));

        var response = await other.PostAsync("/api/v1/plans", TestPlans.Json(ItDonyuPlans.ExampleBytes()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("other-company", await response.ProblemCodeAsync(response.StatusCode));
    }

    [SkippableFact]
    public async Task Upload_self_check_assessment_certification_and_signed_report_end_to_end()
    {
        using var applicant = await factory.ApplicantAsync();
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var planId = await ItDonyuPlans.UploadAsync(applicant);

        var run = await ItDonyuPlans.StartSelfCheckAsync(applicant, planId);
        Assert.Equal(25, run.GetProperty("itemCount").GetInt32());
        Assert.Equal("open", run.GetProperty("status").GetString());
        var done = await ItDonyuPlans.AnswerAsync(applicant, run);
        Assert.True(done.GetProperty("complete").GetBoolean());
        Assert.Equal(100, done.GetProperty("score").GetInt32());
        Assert.Equal(80, done.GetProperty("band").GetProperty("from").GetInt32());

        var assessment = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/assessment");
        Assert.True(assessment.GetProperty("eligible").GetBoolean());
        var selfCheck = ItDonyuPlans.Requirement(assessment, "security-action").GetProperty("figures").GetProperty("selfCheck");
        Assert.Equal(run.GetProperty("id").GetString(), selfCheck.GetProperty("runId").GetString());
        Assert.Equal(100, selfCheck.GetProperty("score").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await applicant.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);
        var certified = await reviewer.PostAsJsonAsync($"/api/v1/plans/{planId}/decision", new { decision = "certify", reason = "全要件を満たす", revision = 1 });
        Assert.True(certified.StatusCode == HttpStatusCode.OK, await certified.Content.ReadAsStringAsync());
        Assert.Equal("certified", (await certified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var folder = Directory.CreateTempSubdirectory("assessor-it-donyu-");
        try
        {
            using var anonymous = factory.ClientWithKey(null);
            var keys = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/keys");
            var keyPath = Path.Combine(folder.FullName, "service.pub.pem");
            File.WriteAllText(keyPath, keys[0].GetProperty("publicKeyPem").GetString());
            foreach (var (format, mediaType) in new[] { ("json", "application/json"), ("html", "text/html"), ("md", "text/markdown") })
            {
                var response = await reviewer.GetAsync($"/api/v1/plans/{planId}/report?format={format}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
                var body = await response.Content.ReadAsByteArrayAsync();
                Assert.Equal(body, await applicant.GetByteArrayAsync($"/api/v1/plans/{planId}/report?format={format}"));
                var text = System.Text.Encoding.UTF8.GetString(body);
                Assert.DoesNotContain("DRAFT", text);
                Assert.Contains(format == "json" ? "410000" : "¥410,000", text);

                // The stored file verifies offline against the service's published key.
                var path = Path.Combine(folder.FullName, $"report.{format}");
                File.WriteAllBytes(path, body);
                var lookup = await anonymous.GetAsync($"/api/v1/reports/{response.Headers.ETag!.Tag.Trim('"')["sha256:".Length..]}");
                Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
                var lookupPath = Path.Combine(folder.FullName, $"lookup-{format}.json");
                File.WriteAllBytes(lookupPath, await lookup.Content.ReadAsByteArrayAsync());
                var output = new StringWriter();
                Assert.True(CliCommands.Ok == CliCommands.Run(["verify-report", "--report", path, "--envelope", lookupPath, "--public-key", keyPath], output, output), output.ToString());
            }

            var json = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/report?format=json");
            Assert.Equal("https://assessor.example/reports/it-donyu-2018/v1", json.GetProperty("schema").GetString());

            // The stored JSON report is public by its digest too, as any certified report's files are.
            var reportDigest = (await anonymous.GetFromJsonAsync<JsonElement>(
                $"/api/v1/reports/{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await applicant.GetByteArrayAsync($"/api/v1/plans/{planId}/report?format=json")))}"))
                .GetProperty("reportDigest").GetString();
            var stored = await anonymous.GetAsync($"/api/v1/reports/{reportDigest}/json");
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
            Assert.Equal(json.GetRawText().Length > 0, (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("certified").GetBoolean());
            Assert.True(json.GetProperty("certified").GetBoolean());
            Assert.Equal(100, json.GetProperty("selfCheck").GetProperty("score").GetInt32());
            Assert.Equal("certify", json.GetProperty("decision").GetProperty("decision").GetString());
            // The grant's notice is numbered in the subsidy's own series and issued by the SME Agency, whatever the industry.
            var certificate = json.GetProperty("certificate");
            Assert.Matches(@"^IT-\d{4}-\d{6}$", certificate.GetProperty("number").GetString());
            Assert.Equal("交付決定通知書", certificate.GetProperty("titleJa").GetString());
            Assert.Equal("中小企業庁長官", certificate.GetProperty("authorityJa").GetString());
            Assert.Equal("regime", certificate.GetProperty("authorityBasis").GetString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public async Task Certification_waits_for_the_self_check_of_a_two_star_declaration()
    {
        using var applicant = await factory.ApplicantAsync();
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var planId = await ItDonyuPlans.UploadAsync(applicant);
        Assert.Equal(HttpStatusCode.OK, (await applicant.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);

        var refused = await reviewer.PostAsJsonAsync($"/api/v1/plans/{planId}/decision", new { decision = "certify" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var failing = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("failing");
        Assert.Equal("security-action:pending", string.Join(",", failing.EnumerateArray().Select(f => $"{f.GetProperty("id").GetString()}:{f.GetProperty("status").GetString()}")));

        // Submitted, the applicant may still complete its self-check; then the reviewer certifies.
        await ItDonyuPlans.AnswerAsync(applicant, await ItDonyuPlans.StartSelfCheckAsync(applicant, planId), answer: "partly");
        var certified = await reviewer.PostAsJsonAsync($"/api/v1/plans/{planId}/decision", new { decision = "certify" });
        Assert.True(certified.StatusCode == HttpStatusCode.OK, await certified.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task A_one_star_plan_needs_no_self_check_and_a_failing_plan_is_not_certifiable()
    {
        using var applicant = await factory.ApplicantAsync();
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var oneStar = await ItDonyuPlans.UploadAsync(applicant, p => p["securityAction"]!["level"] = "one-star");
        var tooSmall = await ItDonyuPlans.UploadAsync(applicant, p =>
        {
            p["securityAction"]!["level"] = "one-star";
            p["tools"] = new JsonArray(JsonNode.Parse("""{ "id": "T1", "category": "software", "vendorId": "V-1", "toolId": "TL-1", "name": "会計", "cost": 299999 }"""));
        });
        foreach (var id in new[] { oneStar, tooSmall })
        {
            Assert.Equal(HttpStatusCode.OK, (await applicant.PostAsync($"/api/v1/plans/{id}/submit", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/api/v1/plans/{oneStar}/decision", new { decision = "certify" })).StatusCode);
        var refused = await reviewer.PostAsJsonAsync($"/api/v1/plans/{tooSmall}/decision", new { decision = "certify" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("grant-amount", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("failing")[0].GetProperty("id").GetString());
        var returned = await reviewer.PostAsJsonAsync($"/api/v1/plans/{tooSmall}/decision", new { decision = "return", reason = "補助額が下限に届きません" });
        Assert.Equal("returned", (await returned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task A_new_revision_supersedes_the_self_check_run()
    {
        using var applicant = await factory.ApplicantAsync();
        var planId = await ItDonyuPlans.UploadAsync(applicant);
        var run = await ItDonyuPlans.StartSelfCheckAsync(applicant, planId);
        await ItDonyuPlans.AnswerAsync(applicant, run);
        Assert.Equal("pass", ItDonyuPlans.Status(await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/assessment"), "security-action"));

        var current = await applicant.GetAsync($"/api/v1/plans/{planId}");
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{planId}") { Content = TestPlans.Json(ItDonyuPlans.ExampleBytes()) };
        put.Headers.IfMatch.Add(current.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await applicant.SendAsync(put)).StatusCode);

        var runId = run.GetProperty("id").GetString();
        Assert.Equal("superseded", (await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/self-check-runs/{runId}")).GetProperty("status").GetString());
        var late = await applicant.PutAsJsonAsync($"/api/v1/self-check-runs/{runId}/answers/IPA-01", new { answer = "done" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("run-superseded", await late.ProblemCodeAsync(late.StatusCode));
        var assessment = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/assessment");
        Assert.Equal("pending", ItDonyuPlans.Status(assessment, "security-action"));
        Assert.False(ItDonyuPlans.Requirement(assessment, "security-action").GetProperty("figures").TryGetProperty("selfCheck", out _));

        var second = await ItDonyuPlans.StartSelfCheckAsync(applicant, planId);
        Assert.Equal(2, second.GetProperty("planRevision").GetInt64());
    }

    [SkippableFact]
    public async Task One_run_per_revision_and_every_answer_moves_the_plans_version()
    {
        using var applicant = await factory.ApplicantAsync();
        var planId = await ItDonyuPlans.UploadAsync(applicant);
        var run = await ItDonyuPlans.StartSelfCheckAsync(applicant, planId);

        var again = await applicant.PostAsync($"/api/v1/plans/{planId}/self-check-runs", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("self-check-exists", await again.ProblemCodeAsync(again.StatusCode));
        Assert.Equal(run.GetProperty("id").GetString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString());

        var before = (await applicant.GetAsync($"/api/v1/plans/{planId}")).Headers.ETag!.Tag;
        var answered = await ItDonyuPlans.AnswerAsync(applicant, run, count: 1, answer: "unknown");
        var after = (await applicant.GetAsync($"/api/v1/plans/{planId}")).Headers.ETag!.Tag;
        Assert.NotEqual(before, after);
        Assert.Equal(1, answered.GetProperty("answered").GetInt32());
        Assert.False(answered.TryGetProperty("score", out _));
        var first = answered.GetProperty("items")[0].GetProperty("answer");
        Assert.Equal("unknown", first.GetProperty("answer").GetString());
        Assert.Equal(-1, first.GetProperty("points").GetInt32());

        // Answering again replaces the answer.
        var replaced = await ItDonyuPlans.AnswerAsync(applicant, run, count: 1, answer: "not-applicable");
        Assert.Equal(1, replaced.GetProperty("answered").GetInt32());
        Assert.Equal(4, replaced.GetProperty("items")[0].GetProperty("answer").GetProperty("points").GetInt32());
    }

    [SkippableFact]
    public async Task Answers_are_validated_and_the_self_check_belongs_to_the_applicant()
    {
        using var applicant = await factory.ApplicantAsync();
        using var other = await factory.ApplicantAsync(TestPlans.OtherCorporateNumber("444444444444"));
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var planId = await ItDonyuPlans.UploadAsync(applicant);
        var runId = (await ItDonyuPlans.StartSelfCheckAsync(applicant, planId)).GetProperty("id").GetString();
        var url = $"/api/v1/self-check-runs/{runId}";

        var invalid = await applicant.PutAsJsonAsync($"{url}/answers/IPA-01", new { answer = "satisfied", notes = new string('x', 4001) });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(["$.answer", "$.notes"], (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.PutAsJsonAsync($"{url}/answers/GOV-01", new { answer = "done" })).StatusCode);

        // Another company, and a reviewer before submission, do not see the run; a reviewer never answers it.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"{url}/answers/IPA-01", new { answer = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/plans/{planId}/self-check-runs", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await applicant.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PutAsJsonAsync($"{url}/answers/IPA-01", new { answer = "done" })).StatusCode);
    }

    [SkippableFact]
    public async Task A_self_check_is_for_regimes_that_need_one_and_closes_with_the_review()
    {
        using var applicant = await factory.ApplicantAsync();
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var taxPlan = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        var taxId = (await taxPlan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var notApplicable = await applicant.PostAsync($"/api/v1/plans/{taxId}/self-check-runs", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notApplicable.StatusCode);
        Assert.Equal("self-check-not-applicable", await notApplicable.ProblemCodeAsync(notApplicable.StatusCode));

        var planId = await ItDonyuPlans.UploadAsync(applicant);
        var run = await ItDonyuPlans.StartSelfCheckAsync(applicant, planId);
        Assert.Equal(HttpStatusCode.OK, (await applicant.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/api/v1/plans/{planId}/decision", new { decision = "return", reason = "自己診断を完了してください" })).StatusCode);

        var closed = await applicant.PutAsJsonAsync($"/api/v1/self-check-runs/{run.GetProperty("id").GetString()}/answers/IPA-01", new { answer = "done" });
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Equal("illegal-transition", await closed.ProblemCodeAsync(closed.StatusCode));
        Assert.Equal("closed", (await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/self-check-runs/{run.GetProperty("id").GetString()}")).GetProperty("status").GetString());
        var start = await applicant.PostAsync($"/api/v1/plans/{planId}/self-check-runs", null);
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        Assert.Equal("illegal-transition", await start.ProblemCodeAsync(start.StatusCode));
    }

    [SkippableFact]
    public async Task No_specialist_ever_sees_a_subsidy_plan()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        var planId = await ItDonyuPlans.UploadAsync(scenario.Applicant);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Applicant.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);

        var plans = await scenario.Specialist.GetFromJsonAsync<JsonElement>("/api/v1/plans");
        var run = await scenario.Specialist.PostAsJsonAsync($"/api/v1/plans/{planId}/checklist-runs", new { checklistId = "ipa-self-check", version = 1 });

        Assert.DoesNotContain(plans.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetString() == planId);
        Assert.Equal(HttpStatusCode.NotFound, run.StatusCode);
    }

    [SkippableFact]
    public async Task A_draft_report_of_a_subsidy_plan_is_rendered_from_its_own_templates()
    {
        using var applicant = await factory.ApplicantAsync();
        var planId = await ItDonyuPlans.UploadAsync(applicant);

        var html = await applicant.GetStringAsync($"/api/v1/plans/{planId}/report?format=html");
        var markdown = await applicant.GetStringAsync($"/api/v1/plans/{planId}/report?format=md");

        foreach (var text in new[] { html, markdown })
        {
            Assert.Contains("下書き — 未認定", text);
            Assert.Contains("交付審査報告書", text);
            Assert.Contains("¥410,000", text);
            Assert.Contains("No self-check on this revision yet.", text);
        }
    }
}

public sealed class ItDonyuApiTestsOnSqlite(SqliteFactory factory) : ItDonyuApiTests(factory), IClassFixture<SqliteFactory>;

public sealed class ItDonyuApiTestsOnPostgres(PostgresFactory factory) : ItDonyuApiTests(factory), IClassFixture<PostgresFactory>;

public sealed class ItDonyuApiTestsOnSqlServer(SqlServerFactory factory) : ItDonyuApiTests(factory), IClassFixture<SqlServerFactory>;
