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
        // A download opened without a session (a bookmarked link) goes to sign-in, and back to the download after it.
        var download = $"/console/plans/{planId}/report?format=json";
        var anonymous = await browser.GetAsync(download);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/console/sign-in", anonymous.Headers.Location!.AbsolutePath);
        Assert.Equal(download, System.Web.HttpUtility.ParseQueryString(anonymous.Headers.Location.Query)["returnUrl"]);
        var signIn = await PostFormAsync(browser, $"/console/sign-in?returnUrl={Uri.EscapeDataString(download)}", new() { ["key"] = principal.Key });
        Assert.Equal(download, signIn.Headers.Location!.OriginalString);

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

    [Fact]
    public async Task In_japanese_a_refused_upload_shows_japanese_titles_and_messages_at_their_fields()
    {
        var (_, applicant) = await factory.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
        var plan = TestPlans.Example();
        plan["assets"]![0]!["cost"] = 0;

        using var japanese = Browser(https: false);
        japanese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        await PostFormAsync(japanese, "/console/sign-in", new() { ["key"] = applicant.Key });
        var refused = await PostFormAsync(japanese, "/console/my-plans", new() { ["document"] = plan.ToJsonString() });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("入力内容に誤りがあります", page);
        Assert.Contains("0 より大きい金額（円単位の整数）を指定してください。", page);
        Assert.DoesNotContain("Must be greater than zero", page);
        Assert.DoesNotContain("The request is not valid", page);

        using var english = Browser(https: false);
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        await PostFormAsync(english, "/console/sign-in", new() { ["key"] = applicant.Key });
        var englishPage = await (await PostFormAsync(english, "/console/my-plans", new() { ["document"] = plan.ToJsonString() })).Content.ReadAsStringAsync();
        Assert.Contains("The request is not valid", englishPage);
        Assert.Contains("Must be greater than zero (whole yen).", englishPage);
    }

    [Fact]
    public void Every_documented_problem_code_has_a_japanese_title()
    {
        var api = File.ReadAllText(Path.Combine(ConsoleBrowser.RepositoryRoot(), "docs", "api.md"));
        var table = api[api.IndexOf("| status | code | when |", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var documented = table.Split('\n').Skip(2).Select(row => row.Split('|')[2])
            .SelectMany(cell => CodePattern().Matches(cell).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(documented);
        Assert.Equal([], documented.Where(code => Assessor.Service.WebConsole.ProblemTitles.Japanese(code) is null).Order(StringComparer.Ordinal));
        // And nothing is translated that the API does not document.
        Assert.Equal([], Assessor.Service.WebConsole.ProblemTitles.Codes.Where(code => !documented.Contains(code)).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("`([a-z][a-z-]+)`")]
    private static partial Regex CodePattern();

    [Fact]
    public async Task A_participant_reads_the_consortium_plan_and_confirms_it_but_only_the_lead_may_change_it()
    {
        using var leadApi = await factory.ApplicantAsync();
        var planId = await MonozukuriPlans.UploadAsync(leadApi);
        var (_, member) = await factory.NewPrincipalAsync("applicant", MonozukuriPlans.Second);
        var (_, leadPrincipal) = await factory.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
        using var browser = Browser(https: false);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        await PostFormAsync(browser, "/console/sign-in", new() { ["key"] = member.Key });

        Assert.Contains($"/console/plans/{planId}", await browser.GetStringAsync("/console/my-plans"));
        var page = await browser.GetStringAsync($"/console/plans/{planId}");
        Assert.Contains("id=\"read-only\"", page);
        // The consortium's own requirements are shown like any regime's.
        Assert.Contains("<th scope=\"row\">consortium-consent</th>", page);
        Assert.Contains("handler=Consent", page);
        Assert.DoesNotContain("handler=Revise", page);
        Assert.DoesNotContain("handler=Submit", page);

        // The form carries the digest of the revision on the page; without the antiforgery token nothing is recorded.
        var digest = (await leadApi.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}")).GetProperty("digest").GetString()!;
        var forged = await browser.PostAsync($"/console/plans/{planId}?handler=Consent", new FormUrlEncodedContent(new Dictionary<string, string> { ["digest"] = digest }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var confirmed = await PostFormAsync(browser, $"/console/plans/{planId}?handler=Consent", new() { ["digest"] = digest }, from: $"/console/plans/{planId}");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"/console/plans/{planId}?notice=Confirmed.", confirmed.Headers.Location!.OriginalString);
        var after = await browser.GetStringAsync($"/console/plans/{planId}");
        Assert.DoesNotContain("handler=Consent", after);
        Assert.Contains("Confirmed", after);
        var consents = await leadApi.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/consortium-consents");
        Assert.Equal([MonozukuriPlans.Second], consents.GetProperty("consents").EnumerateArray().Select(c => c.GetProperty("corporateNumber").GetString()));

        // A revision posted by hand is refused as the API refuses it.
        var revise = await PostFormAsync(browser, $"/console/plans/{planId}?handler=Revise", new() { ["etag"] = "*", ["document"] = "{}" }, from: $"/console/plans/{planId}");
        Assert.Equal(HttpStatusCode.Forbidden, revise.StatusCode);
        Assert.Contains("lead changes this plan", await revise.Content.ReadAsStringAsync());

        // The lead sees the forms that change the plan, and no confirmation form.
        using var leadBrowser = Browser(https: false);
        await PostFormAsync(leadBrowser, "/console/sign-in", new() { ["key"] = leadPrincipal.Key });
        var leadPage = await leadBrowser.GetStringAsync($"/console/plans/{planId}");
        Assert.Contains("handler=Revise", leadPage);
        Assert.DoesNotContain("handler=Consent", leadPage);
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
