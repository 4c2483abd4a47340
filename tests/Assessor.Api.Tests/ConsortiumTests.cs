using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Assessor.Api.Tests;

/// <summary>A plan owned by a consortium (issue 15 item 2): who reads it, who confirms it, and what a new revision does to the confirmations.</summary>
public abstract class ConsortiumTests(AssessorFactory factory)
{
    private const string Third = MonozukuriPlans.Third;

    [SkippableFact]
    public async Task Each_participant_confirms_the_current_revision_and_a_new_revision_needs_every_confirmation_again()
    {
        using var lead = await factory.ApplicantAsync();
        using var second = await factory.ApplicantAsync(MonozukuriPlans.Second);
        using var third = await factory.ApplicantAsync(Third);
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var planId = await MonozukuriPlans.UploadAsync(lead);
        var (first, firstTag) = await DigestAsync(lead, planId);

        var none = await second.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/consortium-consents");
        Assert.Equal(TestPlans.SampleCorporateNumber, none.GetProperty("lead").GetString());
        Assert.Equal([Third, MonozukuriPlans.Second], Strings(none, "required"));
        Assert.Equal([Third, MonozukuriPlans.Second], Strings(none, "missing"));
        Assert.Equal("pending", await ConsentStatusAsync(lead, planId));

        // The second company confirms: recorded once, and the plan's version moves on (a draft report made before is stale).
        var given = await ConsentAsync(second, planId, first);
        Assert.Equal(HttpStatusCode.Created, given.StatusCode);
        Assert.Equal([Third], Strings(await given.Content.ReadFromJsonAsync<JsonElement>(), "missing"));
        Assert.NotEqual(firstTag, (await DigestAsync(lead, planId)).ETag);
        var again = await ConsentAsync(second, planId, first);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("consents").EnumerateArray());
        Assert.Equal("pending", await ConsentStatusAsync(second, planId));

        // A digest that is not the current revision's, or none at all, confirms nothing.
        Assert.Equal("revision-changed", await (await ConsentAsync(third, planId, "sha256:" + new string('0', 64))).ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.BadRequest, (await ConsentAsync(third, planId, "not-a-digest")).StatusCode);

        // With every other participant's confirmation the requirement passes, and the report's figures name them.
        Assert.Equal(HttpStatusCode.Created, (await ConsentAsync(third, planId, first)).StatusCode);
        Assert.Equal("pass", await ConsentStatusAsync(third, planId));
        var report = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/report?format=json");
        Assert.Contains(MonozukuriPlans.Second, report.GetRawText());
        var history = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/history");
        var consentEvents = history.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "consortium-consent.given").ToList();
        Assert.Equal([MonozukuriPlans.Second, Third], consentEvents.Select(e => e.GetProperty("details").GetProperty("corporateNumber").GetString()));
        Assert.All(consentEvents, e => Assert.Equal(first, e.GetProperty("digest").GetString()));

        // The lead's new revision clears them: both must confirm it again; the earlier confirmations stay on record, not counted.
        var (_, etag) = await DigestAsync(lead, planId);
        var plan = MonozukuriPlans.Example();
        plan["title"] = "共同生産計画（改訂）";
        using var revise = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{planId}") { Content = TestPlans.Json(plan) };
        revise.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await lead.SendAsync(revise)).StatusCode);
        var (current, _) = await DigestAsync(lead, planId);
        Assert.Equal("pending", await ConsentStatusAsync(lead, planId));
        var cleared = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/consortium-consents");
        Assert.Equal([Third, MonozukuriPlans.Second], Strings(cleared, "missing"));
        Assert.All(cleared.GetProperty("consents").EnumerateArray(), c => Assert.False(c.GetProperty("current").GetBoolean()));
        var stale = await (await ConsentAsync(second, planId, first)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("revision-changed", current), (stale.GetProperty("code").GetString(), stale.GetProperty("currentDigest").GetString()));
        Assert.Equal(HttpStatusCode.Created, (await ConsentAsync(second, planId, current)).StatusCode);

        // A submitted plan can still be confirmed; a returned one needs the lead's new revision first.
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);
        var returned = await reviewer.PostAsJsonAsync($"/api/v1/plans/{planId}/decision", new { decision = "return", reason = "配分を見直してください" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal("illegal-transition", await (await ConsentAsync(third, planId, current)).ProblemCodeAsync(HttpStatusCode.Conflict));
    }

    [SkippableFact]
    public async Task A_participant_lists_the_plans_its_company_takes_part_in_until_a_revision_leaves_it_out()
    {
        var company = TestPlans.OtherCorporateNumber("271828182845");
        using var lead = await factory.ApplicantAsync();
        using var member = await factory.ApplicantAsync(company);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await UploadNamingAsync(lead, company));
        }

        // Two pages by cursor, in creation order, and the status filter on top.
        var firstPage = await member.GetFromJsonAsync<JsonElement>("/api/v1/plans?limit=2");
        var secondPage = await member.GetFromJsonAsync<JsonElement>($"/api/v1/plans?limit=2&cursor={firstPage.GetProperty("nextCursor").GetString()}");
        Assert.Equal(ids, Ids(firstPage).Concat(Ids(secondPage)));
        Assert.Equal(JsonValueKind.Null, secondPage.GetProperty("nextCursor").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/v1/plans/{ids[1]}/submit", null)).StatusCode);
        Assert.Equal([ids[1]], Ids(await member.GetFromJsonAsync<JsonElement>("/api/v1/plans?status=submitted")));

        // The lead's revision without the company: from then on the company sees nothing of that plan.
        var plan = await lead.GetAsync($"/api/v1/plans/{ids[0]}");
        using var revise = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{ids[0]}") { Content = TestPlans.Json(MonozukuriPlans.ExampleBytes()) };
        revise.Headers.IfMatch.Add(plan.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await lead.SendAsync(revise)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/v1/plans/{ids[0]}")).StatusCode);
        Assert.Equal(ids.Skip(1), Ids(await member.GetFromJsonAsync<JsonElement>("/api/v1/plans")));
        Assert.Contains(ids[0], Ids(await lead.GetFromJsonAsync<JsonElement>("/api/v1/plans?limit=200")));
    }

    [SkippableFact]
    public async Task A_participants_webhook_hears_of_the_consortium_plan_and_a_strangers_does_not()
    {
        var company = TestPlans.OtherCorporateNumber("314159265358");
        using var member = await factory.ApplicantAsync(company);
        using var stranger = await factory.ApplicantAsync(TestPlans.OtherCorporateNumber("141421356237"));
        using var lead = await factory.ApplicantAsync();
        // Public addresses of a documentation range: nothing answers, the delivery log is what counts here.
        var memberHook = await EndpointIdAsync(member);
        var strangerHook = await EndpointIdAsync(stranger);

        var planId = await UploadNamingAsync(lead, company);
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);

        var heard = await member.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{memberHook}/deliveries");
        Assert.Equal([("plan.submitted", planId)], heard.EnumerateArray().Select(d => (d.GetProperty("eventType").GetString(), d.GetProperty("planId").GetString())));
        Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{strangerHook}/deliveries")).EnumerateArray());
    }

    [SkippableFact]
    public async Task A_participant_number_no_key_can_hold_is_stored_with_the_plan_and_gives_nobody_sight_of_it()
    {
        using var lead = await factory.ApplicantAsync();
        var notANumber = "not-a-corporate-number-but-a-long-free-text";

        var planId = await UploadNamingAsync(lead, notANumber);

        var consents = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/consortium-consents");
        Assert.Equal([Third], Strings(consents, "required"));
        Assert.Equal("fail", MonozukuriPlans.Status(await lead.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/assessment"), "participants"));
    }

    /// <summary>Uploads the example with <paramref name="company"/> as its second participant (everywhere the document names it).</summary>
    internal static async Task<string> UploadNamingAsync(HttpClient lead, string company)
    {
        var text = Encoding.UTF8.GetString(MonozukuriPlans.ExampleBytes()).Replace(MonozukuriPlans.Second, company, StringComparison.Ordinal);
        var created = await lead.PostAsync("/api/v1/plans", TestPlans.Json(text));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    internal static Task<HttpResponseMessage> ConsentAsync(HttpClient participant, string planId, string digest) =>
        participant.PostAsJsonAsync($"/api/v1/plans/{planId}/consortium-consent", new { digest });

    private static async Task<(string Digest, System.Net.Http.Headers.EntityTagHeaderValue ETag)> DigestAsync(HttpClient client, string planId)
    {
        var response = await client.GetAsync($"/api/v1/plans/{planId}");
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("digest").GetString()!, response.Headers.ETag!);
    }

    private static async Task<string> ConsentStatusAsync(HttpClient client, string planId) =>
        MonozukuriPlans.Status(await client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/assessment"), "consortium-consent");

    private static async Task<string> EndpointIdAsync(HttpClient owner)
    {
        var created = await owner.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://203.0.113.10/hook" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endpoint").GetProperty("id").GetString()!;
    }

    private static List<string?> Strings(JsonElement view, string name) => view.GetProperty(name).EnumerateArray().Select(e => e.GetString()).ToList();

    private static List<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
}

public sealed class ConsortiumTestsOnSqlite(SqliteFactory factory) : ConsortiumTests(factory), IClassFixture<SqliteFactory>;

public sealed class ConsortiumTestsOnPostgres(PostgresFactory factory) : ConsortiumTests(factory), IClassFixture<PostgresFactory>;

public sealed class ConsortiumTestsOnSqlServer(SqlServerFactory factory) : ConsortiumTests(factory), IClassFixture<SqlServerFactory>;
