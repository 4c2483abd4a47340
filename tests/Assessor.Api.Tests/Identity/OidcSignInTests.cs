using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Assessor.Api.Tests.Identity;

/// <summary>
/// A small OpenID Connect issuer on 127.0.0.1: its discovery document and JWKS served by Kestrel, its RSA key made here.
/// It signs whatever tokens a test asks for, so the service's checks are what is tested.
/// </summary>
public sealed class LocalIssuer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly RSA rsa = RSA.Create(2048);

    private LocalIssuer(WebApplication app) => this.app = app;

    public string Issuer => app.Urls.First();

    public SecurityKey Key => new RsaSecurityKey(rsa) { KeyId = "test-key-1" };

    public static async Task<LocalIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new LocalIssuer(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Issuer,
            ["jwks_uri"] = $"{issuer.Issuer}/jwks",
            ["authorization_endpoint"] = $"{issuer.Issuer}/authorize",
            ["token_endpoint"] = $"{issuer.Issuer}/token",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(issuer.rsa.ExportParameters(false)) { KeyId = "test-key-1" });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/authorize", issuer.Authorize);
        app.MapPost("/token", issuer.RedeemAsync);
        await app.StartAsync();
        return issuer;
    }

    /// <summary>Who the next authorization request signs in as, and how the id token for it is made (a test may spoil it).</summary>
    public SignInAs? NextSignIn { get; set; }

    /// <summary>The redirect URI the console must send; anything else is refused as an issuer refuses an unregistered one.</summary>
    public string? ExpectedRedirectUri { get; set; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IssuedCode> codes = new();

    private sealed record IssuedCode(string ClientId, string RedirectUri, string Challenge, string? Nonce, SignInAs As);

    /// <summary>The authorization endpoint: no login page, the chosen subject is signed in at once, but only for a PKCE (S256) request.</summary>
    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["response_type"] != "code" || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"])
            || query["redirect_uri"] != ExpectedRedirectUri || string.IsNullOrEmpty(query["state"]) || NextSignIn is not { } signIn)
        {
            return Results.BadRequest("invalid_request");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        codes[code] = new IssuedCode(query["client_id"]!, query["redirect_uri"]!, query["code_challenge"]!, query["nonce"], signIn);
        return Results.Redirect($"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"]!)}");
    }

    /// <summary>The token endpoint: a code once, for the redirect URI it was issued to, with the verifier of its challenge.</summary>
    private async Task<IResult> RedeemAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var verifier = form["code_verifier"].ToString();
        if (form["grant_type"] != "authorization_code" || !codes.TryRemove(form["code"].ToString(), out var issued)
            || form["redirect_uri"] != issued.RedirectUri || form["client_id"] != issued.ClientId
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != issued.Challenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var signIn = issued.As;
        var idToken = Token(signIn.Subject, signIn.Audience ?? issued.ClientId, expires: signIn.Expires,
            claims: [new Claim("nonce", signIn.Nonce ?? issued.Nonce ?? ""), .. signIn.Claims ?? []]);
        return Results.Json(new { access_token = "opaque-access-token", token_type = "Bearer", expires_in = 300, id_token = idToken });
    }

    /// <summary>A token for <paramref name="subject"/>, signed with the issuer's key unless <paramref name="signingKey"/> says otherwise.</summary>
    public string Token(
        string subject, string audience, string? issuer = null, DateTime? expires = null, SecurityKey? signingKey = null, IEnumerable<Claim>? claims = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), .. claims ?? []]),
            IssuedAt = (expires ?? DateTime.UtcNow.AddMinutes(5)).AddMinutes(-10),
            NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(5)).AddMinutes(-10),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(signingKey ?? Key, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public string Unsigned(string subject, string audience)
    {
        static string Part(object value) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Part(new { alg = "none", typ = "JWT" })}.{Part(new { iss = Issuer, aud = audience, sub = subject, iat = now, nbf = now, exp = now + 300 })}.";
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        rsa.Dispose();
    }
}

/// <summary>The identity the test issuer signs in next; <paramref name="Audience"/>, <paramref name="Nonce"/> and <paramref name="Expires"/> spoil its id token when set.</summary>
public sealed record SignInAs(string Subject, string? Audience = null, string? Nonce = null, DateTime? Expires = null, IEnumerable<Claim>? Claims = null);

public abstract class OidcSignInTests
{
    private const string Audience = "assessor-api";

    protected abstract TestDatabase CreateDatabase();

    /// <summary>A service on <paramref name="database"/> that trusts <paramref name="issuer"/>'s tokens for <see cref="Audience"/>.</summary>
    internal static AssessorFactory TrustingFactory(TestDatabase database, LocalIssuer issuer) => new(database, ownsDatabase: true)
    {
        Settings =
        {
            ["Assessor:Oidc:Authority"] = issuer.Issuer,
            ["Assessor:Oidc:Audience"] = Audience,
            ["Assessor:Oidc:RequireHttpsMetadata"] = "false",
        },
    };

    [SkippableFact]
    public async Task A_token_from_the_issuer_for_a_linked_identity_acts_as_its_principal_and_every_other_token_is_refused()
    {
        await using var issuer = await LocalIssuer.StartAsync();
        await using var factory = TrustingFactory(CreateDatabase(), issuer);

        // gBizID-style: the company's account is linked to the applicant principal of its corporate number.
        var (applicant, created) = await factory.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
        var plan = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        var planId = (await plan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var admin = factory.Admin();
        var link = await admin.PostAsJsonAsync($"/api/v1/principals/{created.Id}/oidc-identities", new { subject = "gbiz-7000012050002" });
        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        Assert.Equal("identity-linked", await (await admin.PostAsJsonAsync($"/api/v1/principals/{created.Id}/oidc-identities", new { subject = "gbiz-7000012050002" }))
            .ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal("not-found", await (await admin.PostAsJsonAsync($"/api/v1/principals/{Guid.NewGuid()}/oidc-identities", new { subject = "someone" }))
            .ProblemCodeAsync(HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.PostAsJsonAsync($"/api/v1/principals/{created.Id}/oidc-identities", new { subject = "x" })).StatusCode);

        // A valid token acts as the principal: it sees the plan and may submit it; the log names the principal.
        using var signedIn = factory.ClientWithKey(issuer.Token("gbiz-7000012050002", Audience));
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync($"/api/v1/plans/{planId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);
        var history = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/history");
        Assert.Equal(created.Name, history.GetProperty("events").EnumerateArray().Last().GetProperty("actor").GetProperty("name").GetString());

        // Everything else is 401, as an unknown API key is.
        using var otherKey = RSA.Create(2048);
        foreach (var (why, token) in new[]
        {
            ("expired", issuer.Token("gbiz-7000012050002", Audience, expires: DateTime.UtcNow.AddMinutes(-5))),
            ("wrong audience", issuer.Token("gbiz-7000012050002", "another-api")),
            ("wrong issuer", issuer.Token("gbiz-7000012050002", Audience, issuer: "http://127.0.0.1:1")),
            ("unsigned", issuer.Unsigned("gbiz-7000012050002", Audience)),
            ("signed by another key", issuer.Token("gbiz-7000012050002", Audience, signingKey: new RsaSecurityKey(otherKey) { KeyId = "test-key-1" })),
            ("not linked", issuer.Token("gbiz-someone-else", Audience)),
        })
        {
            using var client = factory.ClientWithKey(token);
            var response = await client.GetAsync($"/api/v1/plans/{planId}");
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {(int)response.StatusCode}");
        }

        // API keys work as before beside tokens.
        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync($"/api/v1/plans/{planId}")).StatusCode);
    }

    [SkippableFact]
    public async Task With_a_claim_mapping_an_unlinked_identity_becomes_one_principal_and_linked_ones_keep_theirs()
    {
        await using var issuer = await LocalIssuer.StartAsync();
        await using var factory = TrustingFactory(CreateDatabase(), issuer);
        factory.Settings["Assessor:Oidc:RoleClaim"] = "roles";
        factory.Settings["Assessor:Oidc:RoleMap:gbiz-business"] = "applicant";
        factory.Settings["Assessor:Oidc:RoleMap:meti-reviewer"] = "reviewer";
        factory.Settings["Assessor:Oidc:CorporateNumberClaim"] = "corporate_number";
        static Claim[] Claims(string? corporateNumber, params string[] roles) =>
            [.. roles.Select(r => new Claim("roles", r)), .. corporateNumber is null ? [] : new[] { new Claim("corporate_number", corporateNumber) }];
        using var admin = factory.Admin();
        var principalsBefore = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/principals")).GetArrayLength();

        // gBizID: the company's account, its corporate number in a claim, becomes that company's applicant at its first token.
        var company = issuer.Token("gbiz-new-company", Audience,
            claims: [.. Claims(TestPlans.SampleCorporateNumber, "gbiz-business"), new Claim("name", "株式会社サンプル製作所 <b>")]);
        using var applicant = factory.ClientWithKey(company);
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var planId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync($"/api/v1/plans/{planId}")).StatusCode);
        // Another company's plan stays out of sight: the scope is the corporate number from the claim.
        using var otherCompany = factory.ClientWithKey(issuer.Token("gbiz-other", Audience, claims: Claims(TestPlans.OtherCorporateNumber("246813579024"), "gbiz-business")));
        Assert.Equal(HttpStatusCode.NotFound, (await otherCompany.GetAsync($"/api/v1/plans/{planId}")).StatusCode);

        // A ministry reviewer: reviews, never writes plans.
        using var reviewer = factory.ClientWithKey(issuer.Token("meti-staff-1", Audience, claims: Claims(null, "meti-reviewer")));
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/api/v1/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()))).StatusCode);

        // One principal per identity, however many tokens; each provisioning is one audit event naming it.
        var principals = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/principals")).EnumerateArray().ToList();
        Assert.Equal(principalsBefore + 3, principals.Count);
        var provisioned = principals.Single(p => p.GetProperty("name").GetString() == "株式会社サンプル製作所 <b>");
        Assert.Equal(("applicant", TestPlans.SampleCorporateNumber),
            (provisioned.GetProperty("role").GetString(), provisioned.GetProperty("corporateNumber").GetString()));
        var events = (await new Log.LogHttp(factory, Path.GetTempPath()).EntriesAsync()).Select(e => JsonDocument.Parse(e).RootElement)
            .Where(e => e.GetProperty("action").GetString() == "principal.provisioned").ToList();
        Assert.Equal(3, events.Count);
        Assert.Contains(events, e => e.GetProperty("subject").GetProperty("id").GetString() == provisioned.GetProperty("id").GetString()
            && e.GetProperty("details").GetProperty("subject").GetString() == "gbiz-new-company" && e.GetProperty("details").GetProperty("role").GetString() == "applicant");

        // Claims that describe no principal are refused, and provision nothing.
        foreach (var (why, claims) in new (string, Claim[])[]
        {
            ("no role claim", []),
            ("an unmapped role", Claims(TestPlans.SampleCorporateNumber, "gbiz-individual")),
            ("two mapped roles", Claims(TestPlans.SampleCorporateNumber, "gbiz-business", "meti-reviewer")),
            ("an applicant without a corporate number", Claims(null, "gbiz-business")),
            ("an invalid corporate number", Claims("1234567890123", "gbiz-business")),
        })
        {
            using var client = factory.ClientWithKey(issuer.Token($"refused-{why}", Audience, claims: claims));
            Assert.True((await client.GetAsync("/api/v1/plans")).StatusCode == HttpStatusCode.Unauthorized, why);
        }

        // The usual checks come first: an expired or foreign-audience token with good claims is 401 too.
        using var expired = factory.ClientWithKey(issuer.Token("gbiz-late", Audience, expires: DateTime.UtcNow.AddMinutes(-5), claims: Claims(null, "meti-reviewer")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/v1/plans")).StatusCode);
        using var foreign = factory.ClientWithKey(issuer.Token("gbiz-foreign", "another-api", claims: Claims(null, "meti-reviewer")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await foreign.GetAsync("/api/v1/plans")).StatusCode);
        Assert.Equal(principalsBefore + 3, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/principals")).GetArrayLength());

        // A linked identity acts as the principal an admin chose, whatever its claims say.
        var (_, linkedReviewer) = await factory.NewPrincipalAsync("reviewer");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/principals/{linkedReviewer.Id}/oidc-identities", new { subject = "linked-staff" })).StatusCode);
        using var linked = factory.ClientWithKey(issuer.Token("linked-staff", Audience, claims: Claims(TestPlans.SampleCorporateNumber, "gbiz-business")));
        Assert.Equal(HttpStatusCode.Forbidden, (await linked.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await linked.GetAsync("/api/v1/plans")).StatusCode);
    }

    [SkippableFact]
    public async Task Without_an_issuer_tokens_are_refused_and_identities_cannot_be_linked()
    {
        await using var issuer = await LocalIssuer.StartAsync();
        await using var factory = new AssessorFactory(CreateDatabase(), ownsDatabase: true);
        using var admin = factory.Admin();
        var (_, created) = await factory.NewPrincipalAsync("reviewer");

        Assert.Equal("oidc-not-configured", await (await admin.PostAsJsonAsync($"/api/v1/principals/{created.Id}/oidc-identities", new { subject = "x" }))
            .ProblemCodeAsync(HttpStatusCode.Conflict));
        using var client = factory.ClientWithKey(issuer.Token("x", Audience));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/plans")).StatusCode);
    }
}

public sealed class OidcSignInTestsOnSqlite : OidcSignInTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Sqlite();
}

public sealed class OidcSignInTestsOnPostgres : OidcSignInTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Postgres();
}
