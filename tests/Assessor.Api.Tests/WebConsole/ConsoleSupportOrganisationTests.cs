using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Assessor.Api.Tests.WebConsole;

/// <summary>The console's registry and specialist pages serve support organisations too (HTTP level, as a browser posts its forms).</summary>
public sealed class ConsoleSupportOrganisationTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task The_admin_page_registers_and_lists_a_support_organisation()
    {
        var (_, admin) = await factory.NewPrincipalAsync("admin");
        using var browser = Browser();
        await ConsoleSessionTests.PostFormAsync(browser, "/console/sign-in", new() { ["key"] = admin.Key });
        var number = $"1062{Random.Shared.Next(10_000_000, 99_999_999)}";

        var registered = await ConsoleSessionTests.PostFormAsync(browser, "/console/admin?handler=RegisterSpecialist", new()
        {
            ["registrationNumber"] = number,
            ["kind"] = "support-organisation",
            ["name"] = "<i>サンプル</i>経営支援",
            ["employerCorporateNumber"] = TestPlans.OtherCorporateNumber("864209753186"),
            ["validFrom"] = "2018-07-09",
            ["validUntil"] = "2023-07-08",
        }, from: "/console/admin");

        Assert.True(registered.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, await registered.Content.ReadAsStringAsync());
        var page = await browser.GetStringAsync("/console/admin");
        Assert.Contains("<option value=\"support-organisation\">", page, StringComparison.Ordinal);
        Assert.Contains(number, page, StringComparison.Ordinal);
        Assert.Contains("&lt;i&gt;サンプル&lt;/i&gt;経営支援", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_support_organisation_starts_its_confirmation_run_from_the_plan_page()
    {
        using var scenario = await SignoffScenario.StartMonozukuriAsync(factory, startRun: false);
        using var browser = Browser();
        await ConsoleSessionTests.PostFormAsync(browser, "/console/sign-in", new() { ["key"] = scenario.SpecialistKey });

        var plan = await browser.GetStringAsync($"/console/plans/{scenario.PlanId}");
        Assert.Contains("value=\"monozukuri-confirmation@1\"", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"ci-tax-security@1\"", plan, StringComparison.Ordinal);

        var started = await ConsoleSessionTests.PostFormAsync(browser, $"/console/plans/{scenario.PlanId}?handler=StartRun",
            new() { ["checklist"] = "monozukuri-confirmation@1" }, from: $"/console/plans/{scenario.PlanId}");

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var run = await browser.GetStringAsync(started.Headers.Location!.OriginalString);
        Assert.Contains("FEA-01", run, StringComparison.Ordinal);
        Assert.Contains("CON-02", run, StringComparison.Ordinal);
    }

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("http://localhost"),
    });
}
