using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assessor.Cli;

namespace Assessor.Api.Tests;

public abstract class DecisionAndReportTests(AssessorFactory factory)
{
    [SkippableFact]
    public async Task Certify_is_refused_while_security_is_pending()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        using var reviewer = await ReviewerAsync();

        var failing = await RefusedCertificationAsync(reviewer, scenario.PlanId);

        Assert.Equal([("security", "pending")], failing);
    }

    [SkippableFact]
    public async Task Certify_is_refused_when_the_signed_checklist_fails()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        var mandatory = scenario.Items().First(i => i.Mandatory).Id;
        await scenario.AnswerAllAsync(skip: id => id == mandatory);
        await scenario.AnswerAsync(mandatory, new { answer = "not-satisfied" });
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
        using var reviewer = await ReviewerAsync();

        Assert.Equal([("security", "fail")], await RefusedCertificationAsync(reviewer, scenario.PlanId));
    }

    [SkippableFact]
    public async Task Certify_is_refused_when_a_plan_condition_fails_even_with_a_passing_signoff()
    {
        // One yen under the minimum: 37,999,999 + 9,000,000 + 3,000,000 = 49,999,999.
        using var scenario = await SignoffScenario.StartAsync(factory, mutatePlan: plan => plan["assets"]![0]!["cost"] = 37_999_999);
        await scenario.AnswerAllAsync();
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
        using var reviewer = await ReviewerAsync();

        Assert.Equal([("minimum-investment", "fail")], await RefusedCertificationAsync(reviewer, scenario.PlanId));
    }

    [SkippableTheory]
    [InlineData("reject")]
    [InlineData("return")]
    public async Task Reject_and_return_need_a_reason(string decision)
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        using var reviewer = await ReviewerAsync();

        var response = await reviewer.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { decision });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var withReason = await reviewer.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { decision, reason = "要件を満たしていません" });
        Assert.Equal(HttpStatusCode.OK, withReason.StatusCode);
        Assert.Equal(decision == "reject" ? "rejected" : "returned", (await withReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task Only_reviewers_decide()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        using var admin = factory.Admin();
        foreach (var client in new[] { scenario.Applicant, scenario.Specialist, admin })
        {
            var response = await client.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { decision = "reject", reason = "x" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [SkippableFact]
    public async Task A_certified_plan_serves_signed_stored_reports_in_every_format()
    {
        using var scenario = await CertifiedAsync();
        var reportUrl = $"/api/v1/plans/{scenario.PlanId}/report";

        foreach (var (format, mediaType) in new[] { ("html", "text/html"), ("md", "text/markdown"), ("json", "application/json") })
        {
            var response = await scenario.Applicant.GetAsync($"{reportUrl}?format={format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal($"plan-{scenario.PlanId}-r1.{format}", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(body, await scenario.Applicant.GetByteArrayAsync($"{reportUrl}?format={format}"));

            // The lookup by the file's digest is anonymous and says what it certifies.
            var path = Path.Combine(scenario.Folder, $"report.{format}");
            File.WriteAllBytes(path, body);
            using var anonymous = factory.ClientWithKey(null);
            var hex = response.Headers.ETag!.Tag.Trim('"')["sha256:".Length..];
            var lookup = await anonymous.GetAsync($"/api/v1/reports/{hex}");
            Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
            var lookupPath = Path.Combine(scenario.Folder, $"lookup-{format}.json");
            File.WriteAllBytes(lookupPath, await lookup.Content.ReadAsByteArrayAsync());
            var lookupJson = JsonDocument.Parse(File.ReadAllBytes(lookupPath)).RootElement;
            Assert.Equal(scenario.PlanId, lookupJson.GetProperty("planId").GetString());
            Assert.Equal("certify", lookupJson.GetProperty("decision").GetString());

            // Offline: the file verifies against the published service key.
            var keys = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/keys");
            var keyPath = Path.Combine(scenario.Folder, "service.pub.pem");
            File.WriteAllText(keyPath, keys[0].GetProperty("publicKeyPem").GetString());
            var output = new StringWriter();
            Assert.True(CliCommands.Ok == CliCommands.Run(["verify-report", "--report", path, "--envelope", lookupPath, "--public-key", keyPath], output, output), output.ToString());

            File.WriteAllBytes(path, [.. body, (byte)'\n']);
            Assert.Equal(CliCommands.Invalid, CliCommands.Run(["verify-report", "--report", path, "--envelope", lookupPath, "--public-key", keyPath], TextWriter.Null, TextWriter.Null));
        }

        var html = await scenario.Applicant.GetStringAsync($"{reportUrl}?format=html");
        Assert.DoesNotContain("DRAFT", html);
        Assert.Contains("株式会社サンプル製作所", html);
        if (File.Exists("/usr/bin/chromium"))
        {
            // Chromium was there at certification, so the stored set includes the PDF.
            var pdf = await scenario.Applicant.GetAsync($"{reportUrl}?format=pdf");
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
        }

        using var accept = new HttpRequestMessage(HttpMethod.Get, reportUrl);
        accept.Headers.Accept.ParseAdd("text/markdown");
        Assert.Equal("text/markdown", (await scenario.Applicant.SendAsync(accept)).Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await scenario.Applicant.GetAsync($"{reportUrl}?format=docx")).StatusCode);
        using var anyone = factory.ClientWithKey(null);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/api/v1/reports/{new string('0', 64)}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_certified_plan_is_immutable()
    {
        using var scenario = await CertifiedAsync();
        var plan = await scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}");
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{scenario.PlanId}") { Content = TestPlans.Json(TestPlans.ExampleBytes()) };
        put.Headers.IfMatch.Add(plan.Headers.ETag!);

        Assert.Equal(HttpStatusCode.Conflict, (await scenario.Applicant.SendAsync(put)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await scenario.Applicant.PostAsync($"/api/v1/plans/{scenario.PlanId}/submit", null)).StatusCode);
        using var reviewer = await ReviewerAsync();
        var again = await reviewer.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { decision = "return", reason = "やり直し" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [SkippableFact]
    public async Task Drafts_are_marked_and_rendered_from_the_stored_data_repeatably()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        var url = $"/api/v1/plans/{scenario.PlanId}/report?format=html";

        var first = await scenario.Applicant.GetAsync(url);
        var html = await first.Content.ReadAsStringAsync();

        Assert.Contains("DRAFT", html);
        Assert.Equal(html, await scenario.Applicant.GetStringAsync(url));
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await scenario.Applicant.SendAsync(conditional)).StatusCode);
    }

    [SkippableFact]
    public async Task A_forged_host_header_never_reaches_a_signed_report()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.AnswerAllAsync();
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
        using var reviewer = await ReviewerAsync();
        using var certify = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/plans/{scenario.PlanId}/decision")
        {
            Content = JsonContent.Create(new { decision = "certify" }),
        };
        certify.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.OK, (await reviewer.SendAsync(certify)).StatusCode);

        // The HTML and Markdown reports print (and the HTML QR-encodes) the verification link.
        foreach (var format in new[] { "html", "md" })
        {
            using var download = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/plans/{scenario.PlanId}/report?format={format}");
            download.Headers.Host = "evil.example";
            var body = await (await scenario.Applicant.SendAsync(download)).Content.ReadAsStringAsync();
            Assert.Contains("/api/v1/reports/", body);
            Assert.DoesNotContain("evil.example", body);
        }
    }

    private async Task<SignoffScenario> CertifiedAsync()
    {
        var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.CertifyAsync();
        return scenario;
    }

    private async Task<HttpClient> ReviewerAsync() => (await factory.NewPrincipalAsync("reviewer")).Client;

    private static async Task<List<(string, string)>> RefusedCertificationAsync(HttpClient reviewer, string planId)
    {
        var response = await reviewer.PostAsJsonAsync($"/api/v1/plans/{planId}/decision", new { decision = "certify" });
        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("not-certifiable", problem.GetProperty("code").GetString());
        return problem.GetProperty("failing").EnumerateArray().Select(f => (f.GetProperty("id").GetString()!, f.GetProperty("status").GetString()!)).ToList();
    }
}

public sealed class CertifiedReportImmutabilityTests
{
    [Fact]
    public async Task Certified_bytes_never_change_after_a_template_edit()
    {
        using var database = TestDatabase.Sqlite();
        var templates = Directory.CreateTempSubdirectory("assessor-templates-").FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "reports")))
        {
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        }

        string certifiedPlan;
        byte[] before;
        await using (var first = new AssessorFactory(database) { Settings = { ["Assessor:Reports:Path"] = templates } })
        {
            using var scenario = await SignoffScenario.StartAsync(first);
            await scenario.CertifyAsync();
            certifiedPlan = scenario.PlanId;
            before = await scenario.Applicant.GetByteArrayAsync($"/api/v1/plans/{certifiedPlan}/report?format=html");
        }

        var main = Path.Combine(templates, "certification.html.sbn");
        File.WriteAllText(main, "<!-- template edited after certification -->\n" + File.ReadAllText(main));
        await using var second = new AssessorFactory(database) { Settings = { ["Assessor:Reports:Path"] = templates } };
        using var admin = second.Admin();

        Assert.Equal(before, await admin.GetByteArrayAsync($"/api/v1/plans/{certifiedPlan}/report?format=html"));
        // The edit is live: a plan not yet certified renders with it.
        using var draft = await SignoffScenario.StartAsync(second);
        Assert.Contains("template edited after certification", await admin.GetStringAsync($"/api/v1/plans/{draft.PlanId}/report?format=html"));
        Directory.Delete(templates, recursive: true);
    }
}

public sealed class DecisionAndReportTestsOnSqlite(SqliteFactory factory) : DecisionAndReportTests(factory), IClassFixture<SqliteFactory>;

public sealed class DecisionAndReportTestsOnPostgres(PostgresFactory factory) : DecisionAndReportTests(factory), IClassFixture<PostgresFactory>;

public sealed class DecisionAndReportTestsOnSqlServer(SqlServerFactory factory) : DecisionAndReportTests(factory), IClassFixture<SqlServerFactory>;
