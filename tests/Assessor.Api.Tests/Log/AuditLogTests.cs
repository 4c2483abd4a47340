using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assessor.Cli;

namespace Assessor.Api.Tests.Log;

/// <summary>The audit log through the API: one event per state change, proofs an independent verifier and the CLI accept, histories.</summary>
public abstract class AuditLogTests(AssessorFactory factory) : IDisposable
{
    private static int nextRegistration = 700000;

    private readonly string folder = Directory.CreateTempSubdirectory("assessor-log-").FullName;

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private sealed record Expected(string Action, string Role, Guid? ActorId, string Subject, long? Revision);

    [SkippableFact]
    public async Task Every_state_change_of_a_plans_life_is_one_event_and_nothing_else_is()
    {
        var log = new LogHttp(factory, folder);
        using var admin = factory.Admin();
        var start = (await log.CheckpointAsync()).GetProperty("size").GetInt64();
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/principals")).EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "bootstrap admin").GetProperty("id").GetGuid();
        var expected = new List<Expected>();
        void Expect(string action, string role, Guid? actor, string subject, long? revision = null) => expected.Add(new(action, role, actor, subject, revision));

        // The registry: a specialist, their principal and key; an applicant and a reviewer.
        var registration = Interlocked.Increment(ref nextRegistration).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var specialistId = await factory.RegisterSpecialistAsync(registration, TestPlans.OtherCorporateNumber("864209753186"), "2025-04-01");
        Expect("specialist.created", "admin", adminId, $"specialist/{specialistId}");
        var (specialist, specialistPrincipal) = await factory.NewPrincipalAsync("specialist", specialistId: specialistId);
        Expect("principal.created", "admin", adminId, $"principal/{specialistPrincipal.Id}");
        var keyFile = Path.Combine(folder, "specialist");
        Assert.Equal(CliCommands.Ok, CliCommands.Run(["keygen", "--out", keyFile], TextWriter.Null, TextWriter.Null));
        var key = await admin.PostAsJsonAsync($"/api/v1/specialists/{specialistId}/keys", new { publicKeyPem = File.ReadAllText($"{keyFile}.pub.pem") });
        var keyId = (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keyId").GetString();
        Expect("specialist.key-created", "admin", adminId, $"specialist/{specialistId}");
        var (applicant, applicantPrincipal) = await factory.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
        Expect("principal.created", "admin", adminId, $"principal/{applicantPrincipal.Id}");
        var (reviewer, reviewerPrincipal) = await factory.NewPrincipalAsync("reviewer");
        Expect("principal.created", "admin", adminId, $"principal/{reviewerPrincipal.Id}");
        var applicantId = applicantPrincipal.Id;

        // The plan: uploaded, submitted, a run started, returned, revised, submitted again, answered, signed off, certified.
        var document = TestPlans.Example();
        document["securityExpert"]!["registrationNumber"] = registration;
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(document));
        var planId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var plan = $"plan/{planId}";
        Expect("plan.created", "applicant", applicantId, plan, 1);
        using (var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{planId}") { Content = TestPlans.Json(document) })
        {
            stale.Headers.IfMatch.ParseAdd($"\"{Guid.Parse(planId):N}.99\"");
            Assert.Equal(HttpStatusCode.PreconditionFailed, (await applicant.SendAsync(stale)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await applicant.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);
        Expect("plan.submitted", "applicant", applicantId, plan, 1);
        var firstRun = await StartRunAsync(specialist, planId);
        Expect("checklist-run.created", "specialist", specialistPrincipal.Id, $"checklist-run/{firstRun.Id}", 1);
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.PostAsJsonAsync($"/api/v1/plans/{planId}/decision", new { decision = "certify" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await reviewer.PostAsJsonAsync($"/api/v1/plans/{planId}/decision", new { decision = "return", reason = "数値を見直してください" })).StatusCode);
        Expect("plan.returned", "reviewer", reviewerPrincipal.Id, plan, 1);
        var current = await applicant.GetAsync($"/api/v1/plans/{planId}");
        using (var revise = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{planId}") { Content = TestPlans.Json(document) })
        {
            revise.Headers.IfMatch.Add(current.Headers.ETag!);
            Assert.Equal(HttpStatusCode.OK, (await applicant.SendAsync(revise)).StatusCode);
        }

        Expect("plan.revised", "applicant", applicantId, plan, 2);
        Assert.Equal(HttpStatusCode.OK, (await applicant.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);
        Expect("plan.submitted", "applicant", applicantId, plan, 2);
        var run = await StartRunAsync(specialist, planId);
        Expect("checklist-run.created", "specialist", specialistPrincipal.Id, $"checklist-run/{run.Id}", 2);
        foreach (var item in run.Items.Append(run.Items[0]))
        {
            var answered = await specialist.PutAsJsonAsync($"/api/v1/checklist-runs/{run.Id}/answers/{item}", new { answer = "satisfied" });
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            Expect("checklist-run.answer-changed", "specialist", specialistPrincipal.Id, $"checklist-run/{run.Id}", 2);
        }

        var statement = Path.Combine(folder, "statement.json");
        File.WriteAllBytes(statement, await specialist.GetByteArrayAsync($"/api/v1/checklist-runs/{run.Id}/statement"));
        Assert.Equal(CliCommands.Ok, CliCommands.Run(
            ["sign", "--key", $"{keyFile}.key.pem", "--statement", statement, "--out", Path.Combine(folder, "envelope.json")], TextWriter.Null, TextWriter.Null));
        var signed = await specialist.PostAsync($"/api/v1/checklist-runs/{run.Id}/signoff", TestPlans.Json(File.ReadAllBytes(Path.Combine(folder, "envelope.json"))));
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        Expect("signoff.accepted", "specialist", specialistPrincipal.Id, $"signoff/{(await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()}", 2);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/api/v1/plans/{planId}/decision", new { decision = "certify" })).StatusCode);
        Expect("plan.certified", "reviewer", reviewerPrincipal.Id, plan, 2);

        // A second plan, rejected.
        var other = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.Example()));
        var otherId = (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Expect("plan.created", "applicant", applicantId, $"plan/{otherId}", 1);
        await applicant.PostAsync($"/api/v1/plans/{otherId}/submit", null);
        Expect("plan.submitted", "applicant", applicantId, $"plan/{otherId}", 1);
        await reviewer.PostAsJsonAsync($"/api/v1/plans/{otherId}/decision", new { decision = "reject", reason = "対象外" });
        Expect("plan.rejected", "reviewer", reviewerPrincipal.Id, $"plan/{otherId}", 1);

        // An IT introduction subsidy plan: the applicant's self-check and its answers are events of the plan too.
        var subsidy = await ItDonyuPlans.UploadAsync(applicant);
        Expect("plan.created", "applicant", applicantId, $"plan/{subsidy}", 1);
        var selfCheck = await ItDonyuPlans.StartSelfCheckAsync(applicant, subsidy);
        var selfCheckSubject = $"self-check-run/{selfCheck.GetProperty("id").GetString()}";
        Expect("self-check-run.created", "applicant", applicantId, selfCheckSubject, 1);
        await ItDonyuPlans.AnswerAsync(applicant, selfCheck, count: 2);
        Expect("self-check-run.answer-changed", "applicant", applicantId, selfCheckSubject, 1);
        Expect("self-check-run.answer-changed", "applicant", applicantId, selfCheckSubject, 1);
        Assert.Equal(HttpStatusCode.Conflict, (await applicant.PostAsync($"/api/v1/plans/{subsidy}/self-check-runs", null)).StatusCode);

        // Keys come and go; revoking twice changes nothing, nor does a refused registration.
        var issued = await admin.PostAsync($"/api/v1/principals/{applicantId}/keys", null);
        var issuedId = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keyId").GetString();
        Expect("principal.key-created", "admin", adminId, $"principal/{applicantId}");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/principals/{applicantId}/keys/{issuedId}")).StatusCode);
        Expect("principal.key-revoked", "admin", adminId, $"principal/{applicantId}");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/principals/{applicantId}/keys/{issuedId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/specialists/{specialistId}/keys/{keyId}")).StatusCode);
        Expect("specialist.key-revoked", "admin", adminId, $"specialist/{specialistId}");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/specialists/{specialistId}/revoke", null)).StatusCode);
        Expect("specialist.revoked", "admin", adminId, $"specialist/{specialistId}");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/specialists/{specialistId}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/specialists", new
        {
            registrationNumber = registration,
            kind = "riss",
            name = "重複",
            employerCorporateNumber = TestPlans.OtherCorporateNumber("864209753186"),
            validFrom = "2025-04-01",
        })).StatusCode);

        var entries = await log.EntriesAsync(start);
        var events = entries.Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.Equal(expected, events.Select(e => new Expected(
            e.GetProperty("action").GetString()!,
            e.GetProperty("actor").GetProperty("role").GetString()!,
            e.GetProperty("actor").TryGetProperty("id", out var id) ? id.GetGuid() : null,
            $"{e.GetProperty("subject").GetProperty("type").GetString()}/{e.GetProperty("subject").GetProperty("id").GetString()}",
            e.TryGetProperty("plan", out var p) ? p.GetProperty("revision").GetInt64() : null)));
        Assert.Equal(Enumerable.Range(0, entries.Count).Select(i => start + i), events.Select(e => e.GetProperty("index").GetInt64()));
        Assert.All(entries, e => Assert.DoesNotContain("ak_", Encoding.UTF8.GetString(e), StringComparison.Ordinal));

        // The plan's history is its own events, in order; names for everyone who sees it, ids for reviewers and admins.
        var planEvents = expected.Where(e => e.Subject == plan || e.Subject.StartsWith("checklist-run/", StringComparison.Ordinal) || e.Subject.StartsWith("signoff/", StringComparison.Ordinal)).ToList();
        var history = (await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/history")).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(planEvents.Select(e => (e.Action, e.Role, e.Revision)), history.Select(h =>
            (h.GetProperty("action").GetString()!, h.GetProperty("actor").GetProperty("role").GetString()!, (long?)h.GetProperty("revision").GetInt64())));
        Assert.All(history, h => Assert.False(h.GetProperty("actor").TryGetProperty("id", out _)));
        Assert.Equal(specialistPrincipal.Name, history.First(h => h.GetProperty("action").GetString() == "signoff.accepted").GetProperty("actor").GetProperty("name").GetString());
        var asReviewer = (await reviewer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/history")).GetProperty("events");
        Assert.Equal(applicantId, asReviewer[0].GetProperty("actor").GetProperty("id").GetGuid());

        // The certified report prints its history and its own log index.
        var certifiedAt = start + expected.FindIndex(e => e.Action == "plan.certified");
        var report = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/report?format=json");
        Assert.Equal(certifiedAt, report.GetProperty("logIndex").GetInt64());
        var lines = report.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(("plan.certified", certifiedAt), (lines[^1].GetProperty("action").GetString(), lines[^1].GetProperty("index").GetInt64()));
        Assert.Equal(run.Items.Count + 1, lines.Single(l => l.GetProperty("action").GetString() == "checklist-run.answer-changed").GetProperty("count").GetInt32());
        Assert.Contains($"第 <span class=\"mono\">{certifiedAt}</span> 番", await applicant.GetStringAsync($"/api/v1/plans/{planId}/report?format=html"));
        applicant.Dispose();
        specialist.Dispose();
        reviewer.Dispose();
    }

    [SkippableFact]
    public async Task Proofs_from_the_api_verify_with_an_independent_rfc_9162_verifier_and_with_the_cli()
    {
        var log = new LogHttp(factory, folder);
        using (var scenario = await SignoffScenario.StartAsync(factory))
        {
            await scenario.AnswerAllAsync();
        }

        var checkpoint = await log.CheckpointAsync();
        var size = checkpoint.GetProperty("size").GetInt64();
        var publicKey = await log.PublicKeyPemAsync();
        var signed = Rfc9162.SignedCheckpoint(checkpoint.GetProperty("envelope"), publicKey);
        var leaves = (await log.EntriesAsync()).Select(Rfc9162.Leaf).ToList();
        Assert.NotNull(signed);
        Assert.Equal(size, signed.Value.Size);
        Assert.Equal(size, leaves.Count);
        Assert.Equal(Rfc9162.Root(leaves, 0, size), signed.Value.Root);
        Assert.Equal(checkpoint.GetProperty("body").GetString(), $"assessor.example/log\n{size}\n{Convert.ToBase64String(signed.Value.Root)}\n");

        for (var index = 0; index < size; index++)
        {
            var (_, path) = await log.InclusionAsync(index, size);
            Assert.True(Rfc9162.Includes(index, size, leaves[index], path, signed.Value.Root), $"inclusion of {index} in {size}");
            Assert.False(Rfc9162.Includes(index, size, leaves[(index + 1) % (int)size], path, signed.Value.Root));
        }

        for (var first = 1; first <= size; first++)
        {
            var (_, proof) = await log.ConsistencyAsync(first, size);
            Assert.True(Rfc9162.Extends(first, size, proof, Rfc9162.Root(leaves, 0, first), signed.Value.Root), $"consistency of {first} with {size}");
            if (first < size)
            {
                Assert.False(Rfc9162.Extends(first, size, proof, Rfc9162.Root(leaves, 1, first + 1), signed.Value.Root));
            }
        }

        // The CLI, with files as a ministry keeps them.
        var keyPath = log.Save("service.pub.pem", publicKey);
        var kept = log.Save("checkpoint-old.json", checkpoint);
        var entries = await log.EntriesAsync();
        var entry = log.Save("entry.json", (byte[])[.. entries[3], (byte)'\n']);
        var (inclusion, _) = await log.InclusionAsync(3, size);
        var proofPath = log.Save("inclusion.json", inclusion);
        var valid = LogHttp.Cli("log", "verify-inclusion", "--checkpoint", kept, "--public-key", keyPath, "--entry", entry, "--proof", proofPath);
        Assert.True(valid.Exit == CliCommands.Ok, valid.Output);
        Assert.StartsWith("VALID: event 3 ", valid.Output, StringComparison.Ordinal);
        var altered = log.Save("altered.json", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entries[3]).Replace("\"v\":1", "\"v\":1 ", StringComparison.Ordinal)));
        Assert.Equal(CliCommands.Invalid, LogHttp.Cli("log", "verify-inclusion", "--checkpoint", kept, "--public-key", keyPath, "--entry", altered, "--proof", proofPath).Exit);
        var otherKey = Path.Combine(folder, "other");
        CliCommands.Run(["keygen", "--out", otherKey], TextWriter.Null, TextWriter.Null);
        var foreign = LogHttp.Cli("log", "verify-inclusion", "--checkpoint", kept, "--public-key", $"{otherKey}.pub.pem", "--entry", entry, "--proof", proofPath);
        Assert.Equal(CliCommands.Invalid, foreign.Exit);
        Assert.Contains("not a checkpoint signed by this key", foreign.Output, StringComparison.Ordinal);

        // One more change, a newer checkpoint, and the proof that it extends the kept one; the kept one stays retrievable.
        using (var more = await SignoffScenario.StartAsync(factory))
        {
            var newer = await log.CheckpointAsync();
            var newSize = newer.GetProperty("size").GetInt64();
            var (consistency, _) = await log.ConsistencyAsync(size, newSize);
            var newPath = log.Save("checkpoint-new.json", newer);
            var consistencyPath = log.Save("consistency.json", consistency);
            var extended = LogHttp.Cli("log", "verify-consistency", "--old", kept, "--new", newPath, "--public-key", keyPath, "--proof", consistencyPath);
            Assert.True(extended.Exit == CliCommands.Ok, extended.Output);
            Assert.Equal(CliCommands.Invalid, LogHttp.Cli("log", "verify-consistency", "--old", newPath, "--new", kept, "--public-key", keyPath, "--proof", consistencyPath).Exit);
            Assert.Equal(checkpoint.GetRawText(), (await log.CheckpointAsync(size)).GetRawText());
        }

        using var anonymous = factory.ClientWithKey(null);
        foreach (var refused in new[]
        {
            $"/api/v1/log/proof/inclusion?index={size}&size={size}", $"/api/v1/log/proof/inclusion?index=0&size={size + 1000}", "/api/v1/log/proof/inclusion?index=0",
            $"/api/v1/log/proof/consistency?first=0&second={size}", $"/api/v1/log/proof/consistency?first={size}&second={size - 1}",
        })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync(refused)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/log/checkpoint?size=99999999")).StatusCode);
    }

    [SkippableFact]
    public async Task A_report_lookup_proves_the_certification_is_in_the_log_and_verify_report_checks_it()
    {
        var log = new LogHttp(factory, folder);
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.CertifyAsync();
        var html = await scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}/report?format=html");
        var report = log.Save("report.html", await html.Content.ReadAsByteArrayAsync());
        using var anonymous = factory.ClientWithKey(null);
        var lookup = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{html.Headers.ETag!.Tag.Trim('"')["sha256:".Length..]}");
        var proof = lookup.GetProperty("log");
        var entry = JsonDocument.Parse(Convert.FromBase64String(proof.GetProperty("entry").GetString()!)).RootElement;
        Assert.Equal("plan.certified", entry.GetProperty("action").GetString());
        Assert.Equal(proof.GetProperty("index").GetInt64(), entry.GetProperty("index").GetInt64());
        var keyPath = log.Save("service.pub.pem", await log.PublicKeyPemAsync());
        var lookupPath = log.Save("lookup.json", lookup);

        var (exit, output) = LogHttp.Cli("verify-report", "--report", report, "--envelope", lookupPath, "--public-key", keyPath);

        Assert.True(exit == CliCommands.Ok, output);
        Assert.Contains($"certified in event {proof.GetProperty("index").GetInt64()} of assessor.example/log", output, StringComparison.Ordinal);
        var forged = lookup.GetRawText().Replace(proof.GetProperty("entry").GetString()!,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(entry.GetRawText().Replace("reviewer", "admin", StringComparison.Ordinal))), StringComparison.Ordinal);
        var (forgedExit, forgedOutput) = LogHttp.Cli("verify-report", "--report", report, "--envelope", log.Save("forged.json", forged), "--public-key", keyPath);
        Assert.Equal(CliCommands.Invalid, forgedExit);
        Assert.StartsWith("INVALID:", forgedOutput, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Entries_are_for_reviewers_and_admins_and_a_history_for_whoever_sees_the_plan()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        using var stranger = await factory.ApplicantAsync(TestPlans.OtherCorporateNumber("111122223333"));
        using var anonymous = factory.ClientWithKey(null);
        using var admin = factory.Admin();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/log/entries?start=0")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Applicant.GetAsync("/api/v1/log/entries?start=0")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Specialist.GetAsync("/api/v1/log/entries?start=0")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/api/v1/log/entries?start=0&end=2")).StatusCode);
        Assert.Equal(2, LogHttp.Lines(await admin.GetByteArrayAsync("/api/v1/log/entries?start=0&end=2")).Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/log/entries?start=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync("/api/v1/log/verify")).StatusCode);

        // The fixture's log begins with the service's own key and the bootstrap admin.
        var first = LogHttp.Lines(await admin.GetByteArrayAsync("/api/v1/log/entries?start=0&end=2")).Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.Equal(["signing-key.changed", "principal.created"], first.Select(e => e.GetProperty("action").GetString()));
        Assert.All(first, e => Assert.Equal("system", e.GetProperty("actor").GetProperty("role").GetString()));

        var history = $"/api/v1/plans/{scenario.PlanId}/history";
        Assert.Equal(HttpStatusCode.OK, (await scenario.Specialist.GetAsync(history)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync(history)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(history)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(history)).StatusCode);
        var draft = await scenario.Applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        var draftId = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/api/v1/plans/{draftId}/history")).StatusCode);

        var verified = await new LogHttp(factory, folder).VerifyAsync();
        Assert.True(verified.GetProperty("ok").GetBoolean(), verified.GetRawText());
    }

    private static async Task<(string Id, List<string> Items)> StartRunAsync(HttpClient specialist, string planId)
    {
        var response = await specialist.PostAsJsonAsync($"/api/v1/plans/{planId}/checklist-runs", new { checklistId = "ci-tax-security", version = 1 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (run.GetProperty("id").GetString()!, run.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList());
    }
}

public sealed class AuditLogTestsOnSqlite(SqliteFactory factory) : AuditLogTests(factory), IClassFixture<SqliteFactory>;

public sealed class AuditLogTestsOnPostgres(PostgresFactory factory) : AuditLogTests(factory), IClassFixture<PostgresFactory>;
