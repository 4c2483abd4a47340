using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assessor.Domain.Reports;
using Assessor.Service.Decisions;

namespace Assessor.Api.Tests.Reports;

/// <summary>The certificate (認定書) a certification issues, through HTTP: its number, its log event, its PDF.</summary>
public abstract partial class CertificateTests(AssessorFactory factory)
{
    [GeneratedRegex(@"^CI-(\d{4})-(\d{6})$")]
    private static partial Regex TaxNumber();

    [SkippableFact]
    public async Task Each_certification_takes_the_next_number_of_the_scheme_and_records_it_in_its_log_event()
    {
        using var first = await SignoffScenario.StartAsync(factory);
        using var second = await SignoffScenario.StartAsync(factory);
        await first.CertifyAsync();
        await second.CertifyAsync();

        var (firstNumber, firstEvent) = await CertificateOfAsync(first);
        var (secondNumber, secondEvent) = await CertificateOfAsync(second);

        var match = TaxNumber().Match(firstNumber);
        Assert.True(match.Success, firstNumber);
        Assert.Equal(CertificateNumber.YearOf(DateTimeOffset.UtcNow).ToString(System.Globalization.CultureInfo.InvariantCulture), match.Groups[1].Value);
        var serial = long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"CI-{match.Groups[1].Value}-{serial + 1:D6}", secondNumber);
        Assert.Equal(firstNumber, firstEvent.GetProperty("details").GetProperty("certificate").GetString());
        Assert.Equal(secondNumber, secondEvent.GetProperty("details").GetProperty("certificate").GetString());

        // The JSON report holds the same number, with the issuing authority chosen by the example's industry (manufacturing).
        var report = await first.Applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{first.PlanId}/report?format=json");
        var certificate = report.GetProperty("certificate");
        Assert.Equal(firstNumber, certificate.GetProperty("number").GetString());
        Assert.Equal("経済産業大臣", certificate.GetProperty("authorityJa").GetString());
        Assert.Equal("industry", certificate.GetProperty("authorityBasis").GetString());
        using var anonymous = factory.ClientWithKey(null);
        var keys = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/keys");
        Assert.Equal(keys[0].GetProperty("keyId").GetString(), certificate.GetProperty("signingKeyId").GetString());
        var html = await first.Applicant.GetStringAsync($"/api/v1/plans/{first.PlanId}/report?format=html");
        Assert.True(html.IndexOf(firstNumber, StringComparison.Ordinal) < html.IndexOf("認定報告書</h1>", StringComparison.Ordinal),
            "The certificate comes before the assessment.");
    }

    [SkippableFact]
    public async Task The_certificate_download_is_one_signed_page_stating_number_authority_era_date_and_decision()
    {
        PdfTools.Require();
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.CertifyAsync();
        var (number, _) = await CertificateOfAsync(scenario);

        var response = await scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}/report?format=certificate");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"plan-{scenario.PlanId}-r1-certificate.pdf",
            response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = await PdfTools.TextAsync(pdf, "-layout");
        var today = JapanTime.DateOf(DateTimeOffset.UtcNow);
        Assert.Equal(1, text.Count(c => c == '\f'));
        Assert.Contains($"第 {number} 号", text);
        Assert.Contains("経済産業大臣", text);
        Assert.Contains(JapanTime.Wareki(today), text);
        Assert.Contains(JapanTime.Gregorian(today), text);
        Assert.Contains("認定 / certified", text);
        Assert.Contains("生産性向上特別措置法（平成30年法律第25号）", text);
        Assert.Contains("本書は電子署名により発行したものであり", text);

        // It is one of the files the service signed: the look-up by its digest finds the certified report.
        using var anonymous = factory.ClientWithKey(null);
        var lookup = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{response.Headers.ETag!.Tag.Trim('"')["sha256:".Length..]}");
        Assert.Contains(lookup.GetProperty("formats").EnumerateArray(), f => f.GetProperty("format").GetString() == "certificate");
        Assert.Equal(number, lookup.GetProperty("certificateNumber").GetString());

        // The report's PDF opens with the same page, and carries the page numbers and running header.
        var report = await PdfTools.TextAsync(await scenario.Applicant.GetByteArrayAsync($"/api/v1/plans/{scenario.PlanId}/report?format=pdf"), "-layout");
        var pages = report.Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();
        Assert.Contains($"第 {number} 号", pages[0]);
        // The page numbers ("1 / 8"), which pdftotext -layout prints without their spaces.
        Assert.Matches($@"\b1\s*/\s*{pages.Count}\s*$", pages[0]);
        Assert.Matches($@"\b{pages.Count}\s*/\s*{pages.Count}\s*$", pages[^1]);
        Assert.All(pages, page => Assert.Contains($"認定書 第 {number} 号", page));
    }

    [SkippableFact]
    public async Task A_draft_certificate_has_no_number_and_says_it_is_a_draft()
    {
        PdfTools.Require();
        using var scenario = await SignoffScenario.StartAsync(factory);

        var json = await scenario.Applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{scenario.PlanId}/report?format=json");
        var pdf = await scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}/report?format=certificate");

        Assert.False(json.GetProperty("certificate").TryGetProperty("number", out _));
        Assert.Equal("経済産業大臣", json.GetProperty("certificate").GetProperty("authorityJa").GetString());
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        // In drawing order: -layout scatters the turned watermark's letters, and the default order drops them.
        var text = await PdfTools.TextAsync(await pdf.Content.ReadAsByteArrayAsync(), "-raw");
        Assert.Contains("（認定時に付与）", text);
        Assert.Contains("（案）", text);
        Assert.Contains("DRAFT —", text);
        Assert.Contains("not certified", text);
    }

    [SkippableFact]
    public async Task A_plan_without_address_or_representative_is_accepted_and_one_with_a_blank_address_is_not()
    {
        using var applicant = await factory.ApplicantAsync();
        var plan = JsonNode(TestPlans.ExampleBytes());
        plan["applicant"]!.AsObject().Remove("address");
        plan["applicant"]!.AsObject().Remove("representative");
        Assert.Equal(HttpStatusCode.Created, (await applicant.PostAsync("/api/v1/plans", TestPlans.Json(Encoding.UTF8.GetBytes(plan.ToJsonString())))).StatusCode);

        plan["applicant"]!["address"] = "  ";
        var refused = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(Encoding.UTF8.GetBytes(plan.ToJsonString())));
        var problem = await refused.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("$.applicant.address", out _), problem.GetRawText());
    }

    private static System.Text.Json.Nodes.JsonNode JsonNode(byte[] bytes) => System.Text.Json.Nodes.JsonNode.Parse(bytes)!;

    /// <summary>The plan's certificate number as the look-up of its report gives it, and the certification's log event.</summary>
    private async Task<(string Number, JsonElement Event)> CertificateOfAsync(SignoffScenario scenario)
    {
        var json = await scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}/report?format=json");
        using var anonymous = factory.ClientWithKey(null);
        var lookup = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{json.Headers.ETag!.Tag.Trim('"')["sha256:".Length..]}");
        var entry = JsonDocument.Parse(Convert.FromBase64String(lookup.GetProperty("log").GetProperty("entry").GetString()!)).RootElement;
        Assert.Equal("plan.certified", entry.GetProperty("action").GetString());
        return (lookup.GetProperty("certificateNumber").GetString()!, entry);
    }
}

public sealed class CertificateTestsOnSqlite(SqliteFactory factory) : CertificateTests(factory), IClassFixture<SqliteFactory>;

public sealed class CertificateTestsOnPostgres(PostgresFactory factory) : CertificateTests(factory), IClassFixture<PostgresFactory>;
