using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assessor.Service.Webhooks;

namespace Assessor.Api.Tests.Webhooks;

public abstract class WebhookDeliveryTests
{
    /// <summary>
    /// Fast retries, so a test sees several attempts in a second. The receiver answers at once, but a loaded machine can
    /// hold an answer back for seconds, and a timeout would send the delivery again and upset the counts: the attempt
    /// timeout is the service's default, 10 s (no longer: the sender waits that long on an address that never answers).
    /// </summary>
    private static readonly Dictionary<string, string> Fast = new(StringComparer.Ordinal)
    {
        ["Assessor:Webhooks:PollMilliseconds"] = "50",
        ["Assessor:Webhooks:BaseDelaySeconds"] = "0.05",
        ["Assessor:Webhooks:MaxDelaySeconds"] = "0.2",
        ["Assessor:Webhooks:TimeoutSeconds"] = "10",
    };

    protected abstract TestDatabase CreateDatabase();

    private AssessorFactory FastFactory()
    {
        var factory = new AssessorFactory(CreateDatabase(), ownsDatabase: true);
        foreach (var (key, value) in Fast)
        {
            factory.Settings[key] = value;
        }

        return factory;
    }

    [SkippableFact]
    public async Task Every_plan_event_reaches_the_receiver_as_signed_and_each_owner_hears_only_of_plans_it_may_see()
    {
        await using var factory = FastFactory();
        // The receiver refuses its first request: that delivery must come again, under the same id.
        await using var receiver = await WebhookReceiver.StartAsync(n => Task.FromResult(n == 1 ? 500 : 204));
        using var admin = factory.Admin();
        var (applicant, _) = await factory.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);

        // SSRF: loopback needs an admin's allowance, only http(s) is sent to.
        Assert.Equal("endpoint-not-allowed", await (await applicant.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url }))
            .ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));
        Assert.Equal("endpoint-not-allowed", await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://169.254.169.254/latest" }))
            .ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));
        Assert.Equal("forbidden", await (await applicant.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, allowPrivateNetwork = true }))
            .ProblemCodeAsync(HttpStatusCode.Forbidden));
        Assert.Equal("validation", await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "ftp://example.invalid/hook" }))
            .ProblemCodeAsync(HttpStatusCode.BadRequest));

        var created = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, allowPrivateNetwork = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("no-store", created.Headers.CacheControl!.ToString());
        var adminHook = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = adminHook.GetProperty("secret").GetString()!;
        // A public address (a documentation range, which nothing answers): the applicant's own endpoint.
        var applicantHook = await (await applicant.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://203.0.113.10/hook" })).Content.ReadFromJsonAsync<JsonElement>();

        // One company's plan through its whole life, and another company's plan submitted.
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.CertifyAsync();
        using var other = await factory.ApplicantAsync(TestPlans.OtherCorporateNumber("531975318642"));
        var otherPlan = (await (await other.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleFor(TestPlans.OtherCorporateNumber("531975318642")))))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync($"/api/v1/plans/{otherPlan}/submit", null)).StatusCode);

        await receiver.WaitForAsync(r => r.Select(w => w.Id).Distinct().Count() == 4 && r.Count == 5);
        foreach (var webhook in receiver.Received)
        {
            webhook.Verify(secret);
        }

        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => receiver.Received.First().Verify(applicantHook.GetProperty("secret").GetString()!));
        var events = receiver.Received.DistinctBy(w => w.Id).Select(w => JsonDocument.Parse(w.Body).RootElement)
            .Select(e => (Type: e.GetProperty("type").GetString(), Plan: e.GetProperty("data").GetProperty("planId").GetString(),
                Index: e.GetProperty("data").GetProperty("logIndex").GetInt64()))
            .OrderBy(e => e.Index).ToList();
        Assert.Equal(
            [("plan.submitted", scenario.PlanId), ("plan.signed-off", scenario.PlanId), ("plan.certified", scenario.PlanId), ("plan.submitted", otherPlan)],
            events.Select(e => (e.Type, e.Plan)));

        // Each event's log index is the plan's own history's.
        var history = await scenario.Applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{scenario.PlanId}/history");
        Assert.Equal(
            history.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("action").GetString() is "plan.submitted" or "signoff.accepted" or "plan.certified")
                .Select(e => e.GetProperty("index").GetInt64()),
            events.Where(e => e.Plan == scenario.PlanId).Select(e => e.Index));

        // The refused first request was retried with the same id; the delivery log shows both attempts.
        var first = receiver.Received.First();
        Assert.Equal(2, receiver.Received.Count(w => w.Id == first.Id));
        var log = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{adminHook.GetProperty("endpoint").GetProperty("id").GetString()}/deliveries");
        var retried = log.EnumerateArray().Single(d => d.GetProperty("id").GetString() == first.Id);
        Assert.Equal(("delivered", 2), (retried.GetProperty("status").GetString(), retried.GetProperty("attempts").GetInt32()));

        // The applicant's endpoint was given its own company's three events and nothing of the other plan.
        var applicantLog = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{applicantHook.GetProperty("endpoint").GetProperty("id").GetString()}/deliveries");
        Assert.Equal(3, applicantLog.GetArrayLength());
        Assert.All(applicantLog.EnumerateArray(), d => Assert.Equal(scenario.PlanId, d.GetProperty("planId").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/api/v1/webhooks/{adminHook.GetProperty("endpoint").GetProperty("id").GetString()}/deliveries")).StatusCode);
        Assert.Single((await applicant.GetFromJsonAsync<JsonElement>("/api/v1/webhooks")).EnumerateArray());
    }

    [SkippableFact]
    public async Task A_rotated_secret_signs_beside_the_new_one_and_a_deleted_endpoint_hears_nothing_more()
    {
        await using var factory = FastFactory();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var admin = factory.Admin();
        using var applicant = await factory.ApplicantAsync();
        var created = await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, allowPrivateNetwork = true })).Content.ReadFromJsonAsync<JsonElement>();
        var first = created.GetProperty("secret").GetString()!;
        var hook = $"/api/v1/webhooks/{created.GetProperty("endpoint").GetProperty("id").GetString()}";

        // Only the owner rotates or deletes; anyone else is told there is no such endpoint.
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.PostAsync($"{hook}/secret", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.DeleteAsync(hook)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/webhooks/{Guid.NewGuid()}/secret", null)).StatusCode);

        // Rotated: a new secret, shown once; for the grace period each delivery is signed with both.
        var rotated = await admin.PostAsync($"{hook}/secret", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal("no-store", rotated.Headers.CacheControl!.ToString());
        var answer = await rotated.Content.ReadFromJsonAsync<JsonElement>();
        var second = answer.GetProperty("secret").GetString()!;
        Assert.NotEqual(first, second);
        Assert.InRange(answer.GetProperty("previousSecretUntil").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));
        using var scenario = await SignoffScenario.StartAsync(factory);
        await receiver.WaitForAsync(r => r.Count == 1);
        var submitted = receiver.Received.Single();
        Assert.Equal(2, submitted.Headers["webhook-signature"].ToString().Split(' ').Count(v => v.StartsWith("v1,", StringComparison.Ordinal)));
        submitted.Verify(first);
        submitted.Verify(second);

        // Rotated again within the grace period: the oldest secret is dropped at once.
        var third = (await (await admin.PostAsync($"{hook}/secret", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        await scenario.AnswerAllAsync();
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
        await receiver.WaitForAsync(r => r.Count == 2);
        var signedOff = receiver.Received.Last();
        signedOff.Verify(second);
        signedOff.Verify(third);
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => signedOff.Verify(first));

        // Deleted: listed as disabled, nothing more is queued or sent, and there is no secret left to rotate.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(hook)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(hook)).StatusCode);
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/webhooks")).EnumerateArray().Single();
        Assert.False(listed.GetProperty("enabled").GetBoolean());
        Assert.Equal("webhook-disabled", await (await admin.PostAsync($"{hook}/secret", null)).ProblemCodeAsync(HttpStatusCode.Conflict));
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { decision = "certify" })).StatusCode);
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>($"{hook}/deliveries")).GetArrayLength());

        // Each change is one event in the audit log, naming the owner.
        var events = (await new Log.LogHttp(factory, Path.GetTempPath()).EntriesAsync()).Select(e => JsonDocument.Parse(e).RootElement)
            .Where(e => e.GetProperty("action").GetString()!.StartsWith("webhook.", StringComparison.Ordinal))
            .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetProperty("role").GetString())).ToList();
        Assert.Equal([("webhook.created", "admin"), ("webhook.secret-rotated", "admin"), ("webhook.secret-rotated", "admin"), ("webhook.deleted", "admin")], events);
        await Task.Delay(300);
        Assert.Equal(2, receiver.Received.Count);
    }

    [SkippableFact]
    public async Task A_delivery_claimed_beside_others_is_not_sent_once_its_endpoint_was_deleted_meanwhile()
    {
        await using var factory = FastFactory();
        using var admin = factory.Admin();
        // Two endpoints: one event makes a delivery for each in one transaction, so the sender claims them together. The
        // first one sent has its receiver delete the other endpoint before it answers.
        var hooks = new string[2];
        var deletions = 0;
        Func<int, Task<int>> DeletingTheOther(int self) => async _ =>
        {
            if (Interlocked.Exchange(ref deletions, 1) == 0)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(hooks[1 - self])).StatusCode);
            }

            return 204;
        };
        await using var first = await WebhookReceiver.StartAsync(DeletingTheOther(0));
        await using var second = await WebhookReceiver.StartAsync(DeletingTheOther(1));
        WebhookReceiver[] receivers = [first, second];
        for (var i = 0; i < 2; i++)
        {
            var created = await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = receivers[i].Url, allowPrivateNetwork = true })).Content.ReadFromJsonAsync<JsonElement>();
            hooks[i] = $"/api/v1/webhooks/{created.GetProperty("endpoint").GetProperty("id").GetString()}";
        }

        using var applicant = await factory.ApplicantAsync();
        async Task SubmitAPlanAsync()
        {
            var planId = (await (await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()))).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("id").GetString();
            Assert.Equal(HttpStatusCode.OK, (await applicant.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);
        }

        await SubmitAPlanAsync();
        await first.WaitForAsync(_ => first.Received.Count + second.Received.Count > 0);
        var kept = first.Received.IsEmpty ? 1 : 0;
        // A later event reaches the endpoint kept only once the sender is done with the batch before.
        await SubmitAPlanAsync();
        await receivers[kept].WaitForAsync(r => r.Count == 2);

        Assert.Empty(receivers[1 - kept].Received);
        var abandoned = Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"{hooks[1 - kept]}/deliveries")).EnumerateArray());
        Assert.Equal(("failed", 0, "The endpoint was deleted."),
            (abandoned.GetProperty("status").GetString(), abandoned.GetProperty("attempts").GetInt32(), abandoned.GetProperty("lastError").GetString()));
    }

    [SkippableFact]
    public async Task An_endpoint_that_keeps_failing_is_disabled_and_the_log_says_so()
    {
        await using var factory = FastFactory();
        factory.Settings["Assessor:Webhooks:MaxAttempts"] = "2";
        factory.Settings["Assessor:Webhooks:DisableAfterFailedDeliveries"] = "2";
        await using var receiver = await WebhookReceiver.StartAsync(_ => Task.FromResult(503));
        using var admin = factory.Admin();
        var hook = await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, allowPrivateNetwork = true })).Content.ReadFromJsonAsync<JsonElement>();
        var id = hook.GetProperty("endpoint").GetProperty("id").GetString();

        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.CertifyAsync();

        // Two deliveries given up after two attempts each disable the endpoint; nothing is sent to it after that.
        await receiver.WaitForAsync(r => r.Count >= 4);
        var until = DateTime.UtcNow.AddSeconds(30);
        JsonElement endpoint;
        do
        {
            await Task.Delay(50);
            endpoint = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/webhooks")).EnumerateArray().Single();
        }
        while (endpoint.GetProperty("enabled").GetBoolean() && DateTime.UtcNow < until);

        Assert.False(endpoint.GetProperty("enabled").GetBoolean());
        var sent = receiver.Received.Count;
        await Task.Delay(500);
        Assert.Equal(sent, receiver.Received.Count);
        var deliveries = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}/deliveries");
        Assert.All(deliveries.EnumerateArray(), d => Assert.Equal("failed", d.GetProperty("status").GetString()));
        Assert.Contains(deliveries.EnumerateArray(), d => d.GetProperty("lastStatus").ValueKind == JsonValueKind.Number && d.GetProperty("lastStatus").GetInt32() == 503);
        var entries = await admin.GetStringAsync("/api/v1/log/entries?start=0&end=1000");
        Assert.Contains($"\"action\":\"webhook.disabled\"", entries);
    }

    [SkippableFact]
    public async Task A_delivery_cut_short_by_a_killed_service_is_sent_again_after_the_restart()
    {
        using var database = CreateDatabase();
        Skip.If(database.SkipReason is not null, database.SkipReason);
        // A short timeout here: the killed attempt's claim is taken over only after it (and 5 s more).
        string[] settings = [.. Fast.SelectMany(s => new[] { $"--{s.Key}", s.Value }), "--Assessor:Webhooks:TimeoutSeconds", "2"];
        var held = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var receiver = await WebhookReceiver.StartAsync(async n =>
        {
            if (n == 1)
            {
                // The first request arrives and hangs: the service is killed while it waits for the answer.
                held.SetResult();
                await release.Task;
            }

            return 204;
        });

        string secret;
        string planId;
        await using (var service = ServiceProcess.Start(database, settings))
        {
            await service.WaitReadyAsync(TimeSpan.FromSeconds(60));
            using var admin = service.Admin();
            secret = (await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, allowPrivateNetwork = true }))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
            var (applicant, _) = await service.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
            planId = (await (await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()))).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("id").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await applicant.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);
            await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await service.KillAsync();
        }

        release.SetResult();
        await using (var restarted = ServiceProcess.Start(database, settings))
        {
            await restarted.WaitReadyAsync(TimeSpan.FromSeconds(60));
            // The killed attempt's claim runs out (timeout + 5 s), then the delivery is sent again, under the same id.
            await receiver.WaitForAsync(r => r.Count >= 2, seconds: 60);
        }

        var received = receiver.Received.ToList();
        Assert.Equal(received[0].Id, received[1].Id);
        Assert.Equal(received[0].Body, received[1].Body);
        Assert.All(received, w => w.Verify(secret));
        Assert.Equal(planId, JsonDocument.Parse(received[1].Body).RootElement.GetProperty("data").GetProperty("planId").GetString());
    }
}

public sealed class WebhookDeliveryTestsOnSqlite : WebhookDeliveryTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Sqlite();
}

public sealed class WebhookDeliveryTestsOnPostgres : WebhookDeliveryTests
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Postgres();
}

/// <summary>The signature header around a rotation, at chosen times.</summary>
public sealed class WebhookSignatureHeaderTests
{
    [Fact]
    public void The_previous_secret_signs_only_until_its_grace_period_ends()
    {
        var now = DateTimeOffset.UtcNow;
        var (current, previous) = (WebhookSignatures.NewSecret(), WebhookSignatures.NewSecret());
        var endpoint = new WebhookEndpointRow(Guid.NewGuid(), Guid.NewGuid(), "https://receiver.example/hook", current, null, 0, now, null,
            previous, now.AddMinutes(1));

        var during = WebhookSignatures.Header(endpoint, now, "msg_1", now.ToUnixTimeSeconds(), "{}");
        var after = WebhookSignatures.Header(endpoint, now.AddMinutes(1), "msg_1", now.ToUnixTimeSeconds(), "{}");

        Assert.Equal(
            $"{WebhookSignatures.Sign(current, "msg_1", now.ToUnixTimeSeconds(), "{}")} {WebhookSignatures.Sign(previous, "msg_1", now.ToUnixTimeSeconds(), "{}")}",
            during);
        Assert.Equal(WebhookSignatures.Sign(current, "msg_1", now.ToUnixTimeSeconds(), "{}"), after);
    }
}
