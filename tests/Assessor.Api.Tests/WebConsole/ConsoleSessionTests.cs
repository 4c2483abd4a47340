using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Assessor.Service.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Assessor.Api.Tests.WebConsole;

/// <summary>The console's session, headers and forms over HTTP (no browser): what a browser is told to do with them.</summary>
public sealed partial class ConsoleSessionTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task Signing_in_opens_an_http_only_strict_secure_session_that_signing_out_ends()
    {
        var (_, applicant) = await factory.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
        using var browser = Browser(https: true);
        var signIn = await PostFormAsync(browser, "/console/sign-in", new() { ["key"] = applicant.Key });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/console/my-plans", signIn.Headers.Location!.OriginalString);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("assessor-console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(applicant.Key, cookie);
        // A session cookie (no Expires): it ends with the browser, and the ticket inside expires after 8 hours anyway.
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);

        var page = await browser.GetAsync("/console/my-plans");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(applicant.Key, await page.Content.ReadAsStringAsync());

        var signOut = await PostFormAsync(browser, "/console/sign-out", []);
        Assert.Equal("/console/sign-in", signOut.Headers.Location!.OriginalString);
        var after = await browser.GetAsync("/console/my-plans");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/console/sign-in", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_language_a_user_chose_follows_them_to_another_browser()
    {
        var (_, reviewer) = await factory.NewPrincipalAsync("reviewer");
        using (var first = Browser(https: true))
        {
            await PostFormAsync(first, "/console/sign-in", new() { ["key"] = reviewer.Key });
            var chosen = await PostFormAsync(first, "/console/language", new() { ["lang"] = "en", ["returnUrl"] = "/console/queue" }, from: "/console/queue");
            Assert.Equal("/console/queue", chosen.Headers.Location!.OriginalString);
            Assert.Contains("<html lang=\"en\"", await first.GetStringAsync("/console/queue"));
        }

        // A browser that never chose (and asks for Japanese first) gets the user's choice once they sign in.
        using var second = Browser(https: true);
        second.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        Assert.Contains("<html lang=\"ja\"", await second.GetStringAsync("/console/sign-in"));
        var signIn = await PostFormAsync(second, "/console/sign-in", new() { ["key"] = reviewer.Key });
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("assessor-console-lang=en", StringComparison.Ordinal));
        Assert.Contains("<html lang=\"en\"", await second.GetStringAsync("/console/queue"));
    }

    [Fact]
    public async Task Over_plain_http_the_session_cookie_is_not_marked_secure()
    {
        var (_, reviewer) = await factory.NewPrincipalAsync("reviewer");
        using var browser = Browser(https: false);
        var signIn = await PostFormAsync(browser, "/console/sign-in", new() { ["key"] = reviewer.Key });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("assessor-console=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("/console/queue", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Pages_carry_a_csp_without_any_script_and_contain_none()
    {
        using var browser = Browser(https: false);
        var page = await browser.GetAsync("/console/sign-in");
        Assert.Equal(SecurityHeaders.ConsolePolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("script", SecurityHeaders.ConsolePolicy);
        Assert.DoesNotContain("<script", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var css = await browser.GetAsync("/console/console.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var (_, applicant) = await factory.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
        using var browser = Browser(https: false);
        var response = await browser.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = applicant.Key }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("assessor-console=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_wrong_key_is_refused_without_echoing_it_and_counts_as_a_failed_authentication()
    {
        using var browser = Browser(https: false);
        var response = await PostFormAsync(browser, "/console/sign-in", new() { ["key"] = "ak_wrong-key-never-shown" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("ak_wrong-key-never-shown", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_does_not_accept_the_console_session_and_console_downloads_need_it()
    {
        using var applicant = await factory.ApplicantAsync();
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.Example()));
        var planId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var (_, principal) = await factory.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);

        using var browser = Browser(https: false);
        // A download is an API-style endpoint: without a session it answers 401 (the framework redirects only pages to sign in).
        var anonymous = await browser.GetAsync($"/console/plans/{planId}/report?format=json");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await PostFormAsync(browser, "/console/sign-in", new() { ["key"] = principal.Key });

        // The cookie alone opens nothing in the API: a cross-site form could never use it there.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync($"/api/v1/plans/{planId}")).StatusCode);
        var report = await browser.GetAsync($"/console/plans/{planId}/report?format=json");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var revision = await browser.GetAsync($"/console/plans/{planId}/revisions/1");
        Assert.Equal(TestPlans.Example().ToJsonString(), JsonNode(await revision.Content.ReadAsStringAsync()));
        // Another company's applicant does not see it, in the console as in the API.
        var (_, other) = await factory.NewPrincipalAsync("applicant", TestPlans.OtherCorporateNumber());
        using var stranger = Browser(https: false);
        await PostFormAsync(stranger, "/console/sign-in", new() { ["key"] = other.Key });
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/console/plans/{planId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/console/plans/{planId}/report?format=json")).StatusCode);
    }

    private static string JsonNode(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString();

    private HttpClient Browser(bool https) => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
    });

    /// <summary>Posts a form the way a browser does: with the antiforgery token of the page it came from.</summary>
    /// <param name="from">The page the form is on, when it is not <paramref name="path"/> itself.</param>
    internal static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, Dictionary<string, string> fields, string? from = null)
    {
        var page = await browser.GetAsync(from ?? (path == "/console/sign-out" ? "/console/sign-in" : path));
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        fields["__csrf"] = token;
        return await browser.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
