using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assessor.Api.Tests.Reports;

/// <summary>
/// Through HTTP: a plan with thousands of assets and linkages is accepted, reported as a draft, certified and
/// downloaded in every format; before, every report and the certify decision answered 500.
/// </summary>
public abstract class LargePlanApiTests(AssessorFactory factory, AssessorFactory withoutPdf)
{
    private static readonly string[] TemplateFormats = ["html", "md", "json"];

    /// <summary>Just past the old limits (981 assets, 491 linkages): certified, then every format including the PDF.</summary>
    [SkippableFact]
    public async Task A_plan_past_the_old_loop_limit_is_certified_and_downloads_in_every_format_including_pdf()
    {
        using var scenario = await SignoffScenario.StartAsync(factory, mutatePlan: plan => LargePlans.Grow(plan, assets: 1_000, linkages: 500));

        await scenario.CertifyAsync();

        var reportUrl = $"/api/v1/plans/{scenario.PlanId}/report";
        foreach (var format in TemplateFormats)
        {
            await AssertReportAsync(scenario.Applicant, $"{reportUrl}?format={format}", "X999", "Y499");
        }

        if (new Assessor.Service.Reports.PdfPrinter().IsAvailable)
        {
            var pdf = await scenario.Applicant.GetAsync($"{reportUrl}?format=pdf");
            Assert.True(pdf.StatusCode == HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
            Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
        }
    }

    /// <summary>
    /// Thousands of rows: draft and certified reports in the template formats. The host has no Chromium: printing
    /// a PDF this long takes Chromium longer than the printer's deadline on a small machine, which is the PDF
    /// printer's own limit, not the templates'.
    /// </summary>
    [SkippableFact]
    public async Task A_plan_with_6000_assets_and_3000_linkages_is_certified_and_downloads_in_the_template_formats()
    {
        using var scenario = await SignoffScenario.StartAsync(withoutPdf, mutatePlan: plan => LargePlans.Grow(plan, assets: 6_000, linkages: 3_000));
        var reportUrl = $"/api/v1/plans/{scenario.PlanId}/report";
        foreach (var format in TemplateFormats)
        {
            await AssertReportAsync(scenario.Applicant, $"{reportUrl}?format={format}", "X5999", "Y2999");
        }

        await scenario.CertifyAsync();

        foreach (var format in TemplateFormats)
        {
            await AssertReportAsync(scenario.Applicant, $"{reportUrl}?format={format}", "X5999", "Y2999");
        }
    }

    [SkippableTheory]
    [InlineData("assets")]
    [InlineData("linkages")]
    public async Task The_largest_plan_the_service_accepts_gets_a_draft_report_in_every_format(string list)
    {
        var bytes = LargePlans.FilledToLimit(list, list == "assets" ? LargePlans.SmallestAsset : LargePlans.SmallestLinkage);
        using var applicant = await withoutPdf.ApplicantAsync();
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(bytes));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var planId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var last = JsonDocument.Parse(bytes).RootElement.GetProperty(list).EnumerateArray().Last().GetProperty("id").GetString()!;

        foreach (var format in TemplateFormats)
        {
            await AssertReportAsync(applicant, $"/api/v1/plans/{planId}/report?format={format}", last);
        }
    }

    private static async Task AssertReportAsync(HttpClient client, string url, params string[] expected)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 2_000)]}");
        foreach (var text in expected)
        {
            Assert.Contains(text, body, StringComparison.Ordinal);
        }
    }
}

/// <summary>A host whose PDF printer has no Chromium.</summary>
public abstract class WithoutChromiumFactory : AssessorFactory
{
    protected WithoutChromiumFactory(TestDatabase database)
        : base(database, ownsDatabase: true) =>
        Settings["Assessor:Reports:ChromiumPath"] = "/nonexistent/chromium";
}

public sealed class SqliteFactoryWithoutChromium() : WithoutChromiumFactory(TestDatabase.Sqlite());

public sealed class PostgresFactoryWithoutChromium() : WithoutChromiumFactory(TestDatabase.Postgres());

public sealed class LargePlanApiTestsOnSqlite(SqliteFactory factory, SqliteFactoryWithoutChromium withoutPdf)
    : LargePlanApiTests(factory, withoutPdf), IClassFixture<SqliteFactory>, IClassFixture<SqliteFactoryWithoutChromium>;

public sealed class LargePlanApiTestsOnPostgres(PostgresFactory factory, PostgresFactoryWithoutChromium withoutPdf)
    : LargePlanApiTests(factory, withoutPdf), IClassFixture<PostgresFactory>, IClassFixture<PostgresFactoryWithoutChromium>;
