using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Assessor.Api.Tests.Identity;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Assessor.Api.Tests.WebConsole;

/// <summary>
/// The console's sign-in through the OpenID Connect issuer over HTTP: the test issuer's authorization endpoint signs the chosen
/// subject in at once and its token endpoint redeems a code only with the PKCE verifier, so each step of the flow is real.
/// </summary>
public abstract class ConsoleOidcSignInTests
{
    private const string ClientId = "assessor-console";
    private const string Callback = "http://localhost/console/sign-in/oidc";
    private const string SignedIn = "/console/signed-in?returnUrl=%2Fconsole";
    private static readonly Uri Localhost = new("http://localhost");

    protected abstract TestDatabase CreateDatabase();

    private AssessorFactory ConsoleFactory(LocalIssuer issuer)
    {
        issuer.ExpectedRedirectUri = Callback;
        var factory = OidcSignInTests.TrustingFactory(CreateDatabase(), issuer);
        factory.Settings["Assessor:Oidc:ConsoleClientId"] = ClientId;
        factory.Settings["Assessor:Oidc:DisplayName"] = "gBizID <test>";
        return factory;
    }

    /// <summary>A reviewer principal with the identity <c>meti-staff-1</c> linked to it by the admin.</summary>
    private static async Task LinkReviewerAsync(AssessorFactory factory, HttpClient admin)
    {
        var (_, reviewer) = await factory.NewPrincipalAsync("reviewer");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/principals/{reviewer.Id}/oidc-identities", new { subject = "meti-staff-1" })).StatusCode);
    }

    [SkippableFact]
    public async Task A_linked_identity_signs_in_to_its_roles_page_in_the_key_sessions_cookie_until_its_link_is_gone()
    {
        await using var issuer = await LocalIssuer.StartAsync();
        await using var factory = ConsoleFactory(issuer);
        using var admin = factory.Admin();
        await LinkReviewerAsync(factory, admin);
        using var browser = Browser(factory);

        var page = await browser.GetStringAsync("/console/sign-in");
        Assert.Contains("gBizID &lt;test&gt; でサインイン", page);

        var signedIn = await browser.GetAsync(await AuthorizeAsync(browser, issuer, new SignInAs("meti-staff-1")));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(SignedIn, signedIn.Headers.Location!.OriginalString);
        // The redirect chain began at the issuer, so a browser withholds the SameSite=Strict cookie from it; the landing page
        // moves on with a request of this site's own, without script.
        var landing = await browser.GetAsync(SignedIn);
        Assert.Equal("0; url=/console", landing.Headers.GetValues("Refresh").Single());
        Assert.Contains("<a href=\"/console\">", await landing.Content.ReadAsStringAsync());
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("assessor-console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("/console/queue", (await browser.GetAsync("/console")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/console/queue")).StatusCode);
        // The session is the reviewer's: an applicant's page is forbidden to it, as with the reviewer's key.
        Assert.Equal("/console/forbidden", (await browser.GetAsync("/console/my-plans")).Headers.Location!.AbsolutePath);

        // No API removes a link yet; an operator deleting the row takes the identity's access away, and the session with it.
        await ExecuteAsync(factory.Database, $"DELETE FROM oidc_identities WHERE subject = 'meti-staff-1'");
        var after = await browser.GetAsync("/console/queue");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/console/sign-in", after.Headers.Location!.AbsolutePath);
    }

    [SkippableFact]
    public async Task With_a_claim_mapping_a_new_company_account_is_provisioned_and_lands_on_its_plans()
    {
        await using var issuer = await LocalIssuer.StartAsync();
        await using var factory = ConsoleFactory(issuer);
        factory.Settings["Assessor:Oidc:RoleClaim"] = "roles";
        factory.Settings["Assessor:Oidc:RoleMap:gbiz-business"] = "applicant";
        factory.Settings["Assessor:Oidc:CorporateNumberClaim"] = "corporate_number";
        using var admin = factory.Admin();
        using var browser = Browser(factory);

        var signedIn = await browser.GetAsync(await AuthorizeAsync(browser, issuer, new SignInAs("gbiz-company",
            Claims: [new Claim("roles", "gbiz-business"), new Claim("corporate_number", TestPlans.SampleCorporateNumber), new Claim("name", "株式会社サンプル")])));
        Assert.Equal(SignedIn, signedIn.Headers.Location!.OriginalString);
        Assert.Equal("/console/my-plans", (await browser.GetAsync("/console")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/console/my-plans")).StatusCode);
        var principals = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/principals");
        Assert.Single(principals.EnumerateArray(), p => p.GetProperty("name").GetString() == "株式会社サンプル"
            && p.GetProperty("corporateNumber").GetString() == TestPlans.SampleCorporateNumber);
    }

    [SkippableFact]
    public async Task A_wrong_state_a_replayed_code_and_a_spoilt_id_token_open_no_session()
    {
        await using var issuer = await LocalIssuer.StartAsync();
        await using var factory = ConsoleFactory(issuer);
        using var admin = factory.Admin();
        await LinkReviewerAsync(factory, admin);

        // A callback whose state this browser did not start.
        using (var browser = Browser(factory))
        {
            var callback = await AuthorizeAsync(browser, issuer, new SignInAs("meti-staff-1"));
            var query = System.Web.HttpUtility.ParseQueryString(new Uri(Localhost, callback).Query);
            await AssertRefusedAsync(browser, $"/console/sign-in/oidc?code={query["code"]}&state={query["state"]}x", "oidc");
        }

        // A code used once, brought back in a flow of its own.
        string used;
        using (var browser = Browser(factory))
        {
            used = await AuthorizeAsync(browser, issuer, new SignInAs("meti-staff-1"));
            Assert.Equal(SignedIn, (await browser.GetAsync(used)).Headers.Location!.OriginalString);
            // The same callback again: its state was spent with its correlation cookie.
            Assert.Equal("/console/sign-in?failed=oidc", (await browser.GetAsync(used)).Headers.Location!.OriginalString);
        }

        using (var browser = Browser(factory))
        {
            var fresh = System.Web.HttpUtility.ParseQueryString(new Uri(Localhost, await AuthorizeAsync(browser, issuer, new SignInAs("meti-staff-1"))).Query);
            var oldCode = System.Web.HttpUtility.ParseQueryString(new Uri(Localhost, used).Query)["code"];
            await AssertRefusedAsync(browser, $"/console/sign-in/oidc?code={oldCode}&state={Uri.EscapeDataString(fresh["state"]!)}", "oidc");
        }

        foreach (var (why, spoilt) in new[]
        {
            ("another audience", new SignInAs("meti-staff-1", Audience: "another-client")),
            ("expired", new SignInAs("meti-staff-1", Expires: DateTime.UtcNow.AddMinutes(-5))),
            ("a wrong nonce", new SignInAs("meti-staff-1", Nonce: "not-the-nonce")),
        })
        {
            using var browser = Browser(factory);
            var response = await browser.GetAsync(await AuthorizeAsync(browser, issuer, spoilt));
            Assert.True(response.Headers.Location?.OriginalString == "/console/sign-in?failed=oidc", why);
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("assessor-console=", StringComparison.Ordinal)), why);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/console/queue")).StatusCode);
        }
    }

    [SkippableFact]
    public async Task An_identity_linked_to_nobody_is_told_so_and_gets_no_session()
    {
        await using var issuer = await LocalIssuer.StartAsync();
        await using var factory = ConsoleFactory(issuer);
        using var admin = factory.Admin();
        using var browser = Browser(factory);

        await AssertRefusedAsync(browser, await AuthorizeAsync(browser, issuer, new SignInAs("nobody-linked")), "oidc-unmapped");
        Assert.Contains("その ID に対応する利用者が登録されていません", await browser.GetStringAsync("/console/sign-in?failed=oidc-unmapped"));
        using var english = Browser(factory);
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        Assert.Contains("No principal of this service is linked to that identity.", await english.GetStringAsync("/console/sign-in?failed=oidc-unmapped"));
    }

    [SkippableFact]
    public async Task Without_a_console_client_there_is_no_button_and_no_flow()
    {
        await using var issuer = await LocalIssuer.StartAsync();
        await using var factory = ConsoleFactory(issuer);
        factory.Settings.Remove("Assessor:Oidc:ConsoleClientId");
        using var admin = factory.Admin();
        using var browser = Browser(factory);

        var page = await browser.GetStringAsync("/console/sign-in");
        Assert.DoesNotContain("でサインイン", page);
        Assert.DoesNotContain("handler=Oidc", page);
        Assert.Equal(HttpStatusCode.NotFound, (await ConsoleSessionTests.PostFormAsync(browser, "/console/sign-in?handler=Oidc", [], from: "/console/sign-in")).StatusCode);
        // No handler takes the callback: it is an unknown console path, sent to sign-in like any other without a session.
        var callback = await browser.GetAsync("/console/sign-in/oidc?code=x&state=y");
        Assert.Equal("/console/sign-in", callback.Headers.Location!.AbsolutePath);
        Assert.False(callback.Headers.Contains("Set-Cookie"));
    }

    /// <summary>
    /// Presses the issuer's button and lets the issuer answer the authorization request; returns the callback the issuer sends the
    /// browser back to (path and query).
    /// </summary>
    private static async Task<string> AuthorizeAsync(HttpClient browser, LocalIssuer issuer, SignInAs who)
    {
        issuer.NextSignIn = who;
        var challenge = await ConsoleSessionTests.PostFormAsync(browser, "/console/sign-in?handler=Oidc", [], from: "/console/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith($"{issuer.Issuer}/authorize?", authorize.AbsoluteUri);
        using var toIssuer = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var back = await toIssuer.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.StartsWith(Callback, back.Headers.Location!.AbsoluteUri);
        return back.Headers.Location.PathAndQuery;
    }

    private static async Task AssertRefusedAsync(HttpClient browser, string callback, string failed)
    {
        var response = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/console/sign-in?failed={failed}", response.Headers.Location!.OriginalString);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("assessor-console=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/console/queue")).StatusCode);
    }

    private static HttpClient Browser(AssessorFactory factory) => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = Localhost,
    });

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using DbConnection connection = database.Provider == "postgres"
            ? new Npgsql.NpgsqlConnection(database.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class ConsoleOidcSignInTestsOnSqlite : ConsoleOidcSignInTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Sqlite();
}

public sealed class ConsoleOidcSignInTestsOnPostgres : ConsoleOidcSignInTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Postgres();
}
