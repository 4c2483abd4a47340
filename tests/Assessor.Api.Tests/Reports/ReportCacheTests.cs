using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assessor.Service.Attestations;
using Assessor.Service.Plans;
using Microsoft.Extensions.DependencyInjection;

namespace Assessor.Api.Tests.Reports;

/// <summary>
/// Certified report files by digest are public, immutable and served from memory; drafts are served from memory only while
/// nothing they show has changed (revision, sign-off, decision), through HTTP, on each database.
/// </summary>
public abstract class ReportCacheTests
{
    private const string Immutable = "public, max-age=31536000, immutable";

    [SkippableFact]
    public async Task A_certified_file_is_served_by_the_report_digest_public_and_immutable_with_its_etag()
    {
        using var chromium = FakeChromium.Create();
        await using var factory = Factory(chromium);
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.CertifyAsync();
        using var anonymous = factory.ClientWithKey(null);
        var json = await scenario.Applicant.GetByteArrayAsync($"/api/v1/plans/{scenario.PlanId}/report?format=json");
        var digest = Convert.ToHexStringLower(SHA256.HashData(json));
        var html = await scenario.Applicant.GetByteArrayAsync($"/api/v1/plans/{scenario.PlanId}/report?format=html");

        foreach (var (format, expected) in new[] { ("html", html), ("json", json) })
        {
            for (var i = 0; i < 2; i++)
            {
                var response = await anonymous.GetAsync($"/api/v1/reports/sha256:{digest}/{format}");

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
                Assert.Equal(Immutable, response.Headers.CacheControl!.ToString());
                Assert.Equal($"\"sha256:{Convert.ToHexStringLower(SHA256.HashData(expected))}\"", response.Headers.ETag!.Tag);
                Assert.Equal($"plan-{scenario.PlanId}-r1.{format}", response.Content.Headers.ContentDisposition!.FileName);
                Assert.Equal($"plan-{scenario.PlanId}-r1.{format}", response.Content.Headers.ContentDisposition.FileNameStar);
                Assert.Equal("attachment", response.Content.Headers.ContentDisposition.DispositionType);
                Assert.True(response.Content.Headers.NonValidated.TryGetValues("Content-Length", out var sent));
                Assert.Equal(expected.Length.ToString(CultureInfo.InvariantCulture), sent.Single());
            }
        }

        var pdf = await anonymous.GetAsync($"/api/v1/reports/{digest}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync()));
        Assert.Equal("frame-ancestors 'none'", pdf.Headers.GetValues("Content-Security-Policy").Single());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/reports/{digest}/html");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"sha256:{Convert.ToHexStringLower(SHA256.HashData(html))}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(conditional)).StatusCode);

        // What a digest certifies never changes either, but its log proof leads to the latest checkpoint: kept, and revalidated.
        var lookup = await anonymous.GetAsync($"/api/v1/reports/{digest}");
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.Equal("public, no-cache", lookup.Headers.CacheControl!.ToString());
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/reports/{digest}");
        revalidate.Headers.IfNoneMatch.Add(lookup.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(revalidate)).StatusCode);
    }

    [SkippableFact]
    public async Task Unknown_digests_and_formats_are_refused_and_never_marked_immutable()
    {
        await using var factory = new AssessorFactory(CreateDatabase(), ownsDatabase: true);
        using var anonymous = factory.ClientWithKey(null);

        var unknown = await anonymous.GetAsync($"/api/v1/reports/{new string('a', 64)}/html");
        var malformed = await anonymous.GetAsync("/api/v1/reports/not-a-digest/html");
        var format = await anonymous.GetAsync($"/api/v1/reports/{new string('a', 64)}/exe");

        Assert.Equal("not-found", await unknown.ProblemCodeAsync(HttpStatusCode.NotFound));
        Assert.Equal("not-found", await malformed.ProblemCodeAsync(HttpStatusCode.NotFound));
        Assert.Equal("validation", await format.ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.All(new[] { unknown, malformed, format }, response => Assert.Null(response.Headers.CacheControl));
    }

    [SkippableFact]
    public async Task A_draft_is_printed_once_and_rendered_anew_after_a_revision()
    {
        using var chromium = FakeChromium.Create();
        await using var factory = Factory(chromium);
        using var applicant = await factory.ApplicantAsync();
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        var planId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var report = $"/api/v1/plans/{planId}/report";

        var first = await applicant.GetAsync($"{report}?format=pdf");
        var second = await applicant.GetAsync($"{report}?format=pdf");
        var html = await applicant.GetAsync($"{report}?format=html");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(1, chromium.Started);
        Assert.Contains("工場間センサーデータ連携による予知保全", await html.Content.ReadAsStringAsync());

        var revised = TestPlans.Example();
        revised["title"] = "改訂後の計画名";
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{planId}") { Content = TestPlans.Json(revised) };
        put.Headers.IfMatch.Add(created.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await applicant.SendAsync(put)).StatusCode);

        var after = await applicant.GetAsync($"{report}?format=html");
        var afterText = await after.Content.ReadAsStringAsync();
        Assert.Contains("改訂後の計画名", afterText);
        Assert.DoesNotContain("工場間センサーデータ連携による予知保全", afterText);
        Assert.NotEqual(html.Headers.ETag, after.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync($"{report}?format=pdf")).StatusCode);
        Assert.Equal(2, chromium.Started);
    }

    [SkippableFact]
    public async Task A_draft_shows_a_new_signoff_and_a_reviewers_return_at_once()
    {
        using var chromium = FakeChromium.Create();
        await using var factory = Factory(chromium);
        using var scenario = await SignoffScenario.StartAsync(factory);
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var report = $"/api/v1/plans/{scenario.PlanId}/report?format=md";
        var pending = await reviewer.GetStringAsync(report);
        Assert.Equal(pending, await reviewer.GetStringAsync(report));
        Assert.DoesNotContain("登録番号 / Registration number", pending);

        await scenario.AnswerAllAsync();
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
        var signed = await reviewer.GetStringAsync(report);
        Assert.Contains($"| 登録番号 / Registration number | {scenario.RegistrationNumber} |", signed);

        var returned = await reviewer.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { decision = "return", reason = "売上見込みの根拠を追記してください" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Contains("売上見込みの根拠を追記してください", await scenario.Applicant.GetStringAsync(report));
    }

    [SkippableFact]
    public async Task A_signoff_moves_the_plans_version_which_keys_its_drafts()
    {
        using var chromium = FakeChromium.Create();
        await using var factory = Factory(chromium);
        using var scenario = await SignoffScenario.StartAsync(factory);
        var plans = factory.Services.GetRequiredService<PlanStore>();
        var signoffs = factory.Services.GetRequiredService<SignoffStore>();
        var id = Guid.Parse(scenario.PlanId);

        var unsigned = (await plans.GetAsync(id, PlanScope.Everything, CancellationToken.None))!;
        Assert.Null(await signoffs.CurrentAsync(unsigned, CancellationToken.None));

        await scenario.AnswerAllAsync();
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
        var signed = (await plans.GetAsync(id, PlanScope.Everything, CancellationToken.None))!;
        Assert.NotNull(await signoffs.CurrentAsync(signed, CancellationToken.None));
        Assert.Equal(unsigned.CurrentRevision, signed.CurrentRevision);
        Assert.True(signed.Version > unsigned.Version, "the sign-off did not move the plan's version: drafts would not see it");
    }

    protected abstract TestDatabase CreateDatabase();

    private AssessorFactory Factory(FakeChromium chromium) =>
        new(CreateDatabase(), ownsDatabase: true) { Settings = { ["Assessor:Reports:ChromiumPath"] = chromium.Path } };
}

public sealed class ReportCacheTestsOnSqlite : ReportCacheTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Sqlite();
}

public sealed class ReportCacheTestsOnPostgres : ReportCacheTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Postgres();
}

public sealed class ReportCacheTestsOnSqlServer : ReportCacheTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.SqlServer();
}
