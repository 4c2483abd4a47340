using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Assessor.Api.Tests;

/// <summary>The headers on every answer, the report's Content Security Policy, no-store for keys, HSTS, the Swagger UI's switch.</summary>
public sealed class SecurityHeaderTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string DataPolicy = "default-src 'none'; frame-ancestors 'none'";

    [SkippableFact]
    public async Task Every_answer_is_nosniff_without_referrer_and_never_framed()
    {
        using var anonymous = factory.ClientWithKey(null);
        using var admin = factory.Admin();
        var answers = new[]
        {
            await anonymous.GetAsync("/health/live"),
            await anonymous.GetAsync("/api/v1/plans"),
            await admin.GetAsync("/api/v1/principals"),
            await admin.GetAsync("/api/v1/nothing-here"),
            await anonymous.GetAsync("/openapi/v1.json"),
        };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK],
            answers.Select(a => a.StatusCode));
        Assert.All(answers, answer =>
        {
            Assert.Equal("nosniff", Header(answer, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(answer, "Referrer-Policy"));
            Assert.Equal(DataPolicy, Header(answer, "Content-Security-Policy"));
        });
    }

    [SkippableFact]
    public async Task Html_reports_may_not_run_scripts_or_load_anything_and_need_nothing_more()
    {
        using var applicant = await factory.ApplicantAsync();
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        var report = $"/api/v1/plans/{(await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()}/report";

        var html = await applicant.GetAsync($"{report}?format=html");

        var policy = Header(html, "Content-Security-Policy")!.Split(';', StringSplitOptions.TrimEntries);
        Assert.Equal(
            ["default-src 'none'", "style-src 'unsafe-inline'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"], policy);
        Assert.Equal("nosniff", Header(html, "X-Content-Type-Options"));
        // What the policy allows is all the report uses: its own <style>, and the QR code as inline SVG.
        var body = await html.Content.ReadAsStringAsync();
        Assert.Contains("<style>", body);
        Assert.Contains("<svg", body);
        foreach (var forbidden in new[] { "<script", "<link", "<img", "<iframe", "<object", " src=", "url(", "@import", " style=" })
        {
            Assert.DoesNotContain(forbidden, body, StringComparison.OrdinalIgnoreCase);
        }

        var markdown = await applicant.GetAsync($"{report}?format=md");
        Assert.Equal(DataPolicy, Header(markdown, "Content-Security-Policy"));
    }

    [SkippableFact]
    public async Task Answers_that_show_a_new_key_are_never_stored()
    {
        using var admin = factory.Admin();

        var created = await admin.PostAsJsonAsync("/api/v1/principals", new { name = "鍵の受取人", role = "reviewer" });
        var principal = await created.Content.ReadFromJsonAsync<CreatedPrincipal>();
        var issued = await admin.PostAsync($"/api/v1/principals/{principal!.Id}/keys", null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore, $"Cache-Control: {created.Headers.CacheControl}");
        Assert.True(issued.Headers.CacheControl?.NoStore, $"Cache-Control: {issued.Headers.CacheControl}");
    }

    [SkippableTheory]
    [InlineData("Development", null, HttpStatusCode.OK)]
    [InlineData("Development", "false", HttpStatusCode.NotFound)]
    [InlineData("Production", null, HttpStatusCode.NotFound)]
    [InlineData("Production", "true", HttpStatusCode.OK)]
    public async Task The_swagger_ui_is_on_in_development_and_off_in_production_unless_enabled(
        string environment, string? enabled, HttpStatusCode expected)
    {
        await using var host = new EnvironmentFactory(environment);
        if (enabled is not null)
        {
            host.Settings["Assessor:SwaggerUi:Enabled"] = enabled;
        }

        // An admin's key, because a path the service does not serve asks an anonymous caller to authenticate first.
        using var client = host.Admin();

        Assert.Equal(expected, (await client.GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("Production", "https", true)]
    [InlineData("Production", "http", false)]
    [InlineData("Development", "https", false)]
    public async Task Hsts_is_sent_over_https_outside_development(string environment, string scheme, bool sent)
    {
        await using var host = new EnvironmentFactory(environment);
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"{scheme}://assessor.example/") });

        var answer = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(sent ? "max-age=31536000" : null, Header(answer, "Strict-Transport-Security"));
    }

    [SkippableFact]
    public async Task The_real_server_names_no_server_and_hides_the_swagger_ui_in_production()
    {
        using var database = TestDatabase.Sqlite();
        await using var service = ServiceProcess.Start(database);
        await service.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var client = service.ClientWithKey(null);

        var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Empty(live.Headers.Server);
        Assert.Equal("nosniff", Header(live, "X-Content-Type-Options"));
        using var admin = service.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/swagger/index.html")).StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    /// <summary>The service in a given hosting environment (the test host's default is Development).</summary>
    private sealed class EnvironmentFactory(string environment) : AssessorFactory(TestDatabase.Sqlite(), ownsDatabase: true)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            // Configured as a production deployment would be: the public URL is not taken from requests.
            builder.UseSetting("Assessor:Reports:PublicBaseUrl", "https://assessor.example");
        }
    }
}
