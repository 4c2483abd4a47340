using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Assessor.Api.Tests.WebConsole;

/// <summary>The queue's own query (counts, filters, sorts, numbered pages) on each database provider.</summary>
public abstract partial class ConsoleQueueTests(AssessorFactory factory)
{
    [SkippableFact]
    public async Task The_queue_counts_filters_sorts_and_pages_on_the_provider()
    {
        var corporateNumber = TestPlans.OtherCorporateNumber("271828182845");
        using var applicant = await factory.ApplicantAsync(corporateNumber);
        var company = $"キュー100%_株式会社{Guid.NewGuid():N}";
        var plan = TestPlans.ExampleFor(corporateNumber);
        plan["applicant"]!["name"] = company;
        for (var i = 0; i < 28; i++)
        {
            plan["title"] = $"計画 {i:D2}";
            var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(plan));
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            if (i % 14 != 0)
            {
                Assert.Equal(HttpStatusCode.OK, (await applicant.PostAsync($"/api/v1/plans/{id}/submit", null)).StatusCode);
            }
        }

        var (_, reviewer) = await factory.NewPrincipalAsync("reviewer");
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var signInPage = await (await browser.GetAsync("/console/sign-in")).Content.ReadAsStringAsync();
        await browser.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = reviewer.Key,
            ["__csrf"] = TokenPattern().Match(signInPage).Groups[1].Value,
        }));

        // "%" and "_" in the company filter are matched literally.
        var query = $"/console/queue?company={Uri.EscapeDataString(company)}&sort=title-asc";
        var first = await (await browser.GetAsync(query + "&status=any")).Content.ReadAsStringAsync();
        Assert.Contains("26 plans — Page 1 of 2", first);
        Assert.Matches("status=draft[^>]*>[^<]*<span class=\"count\">0</span>", first);
        Assert.Matches("status=submitted[^>]*>[^<]*<span class=\"count\">26</span>", first);
        Assert.DoesNotContain("計画 00", first);
        Assert.True(first.IndexOf("計画 01", StringComparison.Ordinal) < first.IndexOf("計画 02", StringComparison.Ordinal));

        var wider = await (await browser.GetAsync($"/console/queue?company={Uri.EscapeDataString("キュー100%_")}&status=submitted&sort=title-asc&page=1")).Content.ReadAsStringAsync();
        Assert.Contains("26 plans", wider);
        var noMatch = await (await browser.GetAsync($"/console/queue?company={Uri.EscapeDataString("キュー100x")}")).Content.ReadAsStringAsync();
        Assert.Contains("0 plans", noMatch);

        // The console's days are Japan's.
        var today = Assessor.Domain.Reports.JapanTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var dated = await (await browser.GetAsync(query + $"&from={today}&until={today}")).Content.ReadAsStringAsync();
        Assert.Contains("26 plans", dated);
        var past = await (await browser.GetAsync(query + "&until=2020-01-01")).Content.ReadAsStringAsync();
        Assert.Contains("0 plans", past);

        // 25 per page in a stable order: page 2 holds the 26th plan, the last by title.
        var pageTwo = await (await browser.GetAsync(query + "&status=any&page=2")).Content.ReadAsStringAsync();
        Assert.Contains("26 plans — Page 2 of 2", pageTwo);
        Assert.Single(Regex.Matches(pageTwo, "<tr>\\s*<td><a href=\"/console/plans/"));
        Assert.Contains("計画 27", pageTwo);
        Assert.DoesNotContain("計画 27", first);
    }

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class ConsoleQueueTestsOnSqlite(SqliteFactory factory) : ConsoleQueueTests(factory), IClassFixture<SqliteFactory>;

public sealed class ConsoleQueueTestsOnPostgres(PostgresFactory factory) : ConsoleQueueTests(factory), IClassFixture<PostgresFactory>;
