using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assessor.Cli;
using Assessor.Service.Attestations;

namespace Assessor.Api.Tests;

public abstract class SignoffTests(AssessorFactory factory)
{
    [SkippableFact]
    public async Task A_specialist_goes_from_assigned_plan_to_signed_and_the_assessment_passes()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        Assert.Equal("open", scenario.Run.GetProperty("status").GetString());
        Assert.True(scenario.Items().Count() >= 30);

        await scenario.AnswerAllAsync();
        var statement = await scenario.StatementAsync();
        var envelopePath = scenario.SignWithCli(statement);
        var response = await scenario.SubmitSignoffAsync(envelopePath);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var signoff = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pass", signoff.GetProperty("verdict").GetString());

        var assessment = await scenario.Applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{scenario.PlanId}/assessment");
        var security = assessment.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "security");
        Assert.Equal("pass", security.GetProperty("status").GetString());
        Assert.Equal(scenario.RegistrationNumber, security.GetProperty("figures").GetProperty("specialist").GetProperty("registrationNumber").GetString());
        Assert.True(assessment.GetProperty("eligible").GetBoolean());

        // Offline: the envelope verifies with nothing but the public key and the revision's bytes.
        var revisionPath = Path.Combine(scenario.Folder, "revision-1.json");
        File.WriteAllBytes(revisionPath, await scenario.Applicant.GetByteArrayAsync($"/api/v1/plans/{scenario.PlanId}/revisions/1"));
        var output = new StringWriter();
        var exit = CliCommands.Run(["verify", "--envelope", envelopePath, "--public-key", scenario.PublicKeyPath, "--revision", revisionPath], output, output);
        Assert.True(exit == CliCommands.Ok, output.ToString());
        Assert.Contains($"registration {scenario.RegistrationNumber}", output.ToString());

        var run = await scenario.Specialist.GetFromJsonAsync<JsonElement>($"/api/v1/checklist-runs/{scenario.RunId}");
        Assert.Equal("signed", run.GetProperty("status").GetString());
        var late = await scenario.Specialist.PutAsJsonAsync($"/api/v1/checklist-runs/{scenario.RunId}/answers/{scenario.Items().First().Id}", new { answer = "not-satisfied" });
        Assert.Equal("already-signed", await late.ProblemCodeAsync(HttpStatusCode.Conflict));
    }

    [SkippableFact]
    public async Task A_not_satisfied_mandatory_item_signs_as_fail_and_fails_security()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        var mandatory = scenario.Items().First(i => i.Mandatory).Id;
        await scenario.AnswerAllAsync(skip: id => id == mandatory);
        await scenario.AnswerAsync(mandatory, new { answer = "not-satisfied", notes = "VPN 未導入" });

        var response = await scenario.SignAndSubmitAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("fail", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verdict").GetString());
        var assessment = await scenario.Applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{scenario.PlanId}/assessment");
        var security = assessment.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "security");
        Assert.Equal("fail", security.GetProperty("status").GetString());
        Assert.False(assessment.GetProperty("eligible").GetBoolean());
    }

    [SkippableFact]
    public async Task A_signoff_retried_with_its_idempotency_key_is_stored_once()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.AnswerAllAsync();
        var envelope = File.ReadAllBytes(scenario.SignWithCli(await scenario.StatementAsync()));
        async Task<HttpResponseMessage> Submit()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/checklist-runs/{scenario.RunId}/signoff") { Content = TestPlans.Json(envelope) };
            request.Headers.Add("Idempotency-Key", $"signoff-{scenario.RunId}");
            return await scenario.Specialist.SendAsync(request);
        }

        var first = await Submit();
        var retry = await Submit();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        // Without the key, the same envelope is a second sign-off attempt, and the run is already signed.
        Assert.Equal("already-signed", await (await scenario.SubmitSignoffAsync(scenario.SignWithCli(await scenario.StatementAsync()))).ProblemCodeAsync(HttpStatusCode.Conflict));
    }

    [SkippableFact]
    public async Task A_certified_plan_cannot_be_signed_off_again_through_another_run()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        var firstRun = scenario.RunId;
        await scenario.StartRunAsync();
        var secondRun = scenario.RunId;
        await scenario.AnswerAllAsync();
        var secondStatement = await scenario.StatementAsync();
        // Certify on the first run's sign-off; the second run's statement is ready but not yet submitted.
        scenario.RunId = firstRun;
        await scenario.CertifyAsync();
        scenario.RunId = secondRun;

        var late = await scenario.SubmitSignoffAsync(scenario.SignWithCli(secondStatement));
        var answer = await scenario.Specialist.PutAsJsonAsync($"/api/v1/checklist-runs/{secondRun}/answers/{scenario.Items().First().Id}", new { answer = "not-satisfied" });

        Assert.Equal("plan-not-in-review", await late.ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal("plan-not-in-review", await answer.ProblemCodeAsync(HttpStatusCode.Conflict));
        var assessment = await scenario.Applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{scenario.PlanId}/assessment");
        Assert.True(assessment.GetProperty("eligible").GetBoolean());
    }

    [SkippableFact]
    public async Task An_it_coordinator_cannot_attest_a_large_companys_plan()
    {
        using var scenario = await SignoffScenario.StartAsync(factory, kind: "it-coordinator", mutatePlan: plan => plan["applicant"]!["isSme"] = false);
        await scenario.AnswerAllAsync();

        Assert.Equal("coordinator-for-sme-only", await (await scenario.SignAndSubmitAsync()).ProblemCodeAsync(HttpStatusCode.Forbidden));
    }

    [SkippableFact]
    public async Task An_it_coordinator_may_attest_an_smes_plan()
    {
        using var scenario = await SignoffScenario.StartAsync(factory, kind: "it-coordinator");
        await scenario.AnswerAllAsync();

        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
    }

    [SkippableFact]
    public async Task Null_signatures_and_null_evidence_are_400()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.AnswerAllAsync();
        var envelope = JsonNode.Parse(File.ReadAllText(scenario.SignWithCli(await scenario.StatementAsync())))!;
        envelope["signatures"]!.AsArray().Insert(0, null);
        var path = Path.Combine(scenario.Folder, "null-signature.json");
        File.WriteAllText(path, envelope.ToJsonString());

        Assert.Equal("invalid-envelope", await (await scenario.SubmitSignoffAsync(path)).ProblemCodeAsync(HttpStatusCode.BadRequest));
        var evidence = await scenario.Specialist.PutAsync($"/api/v1/checklist-runs/{scenario.RunId}/answers/{scenario.Items().First().Id}",
            TestPlans.Json("""{"answer":"satisfied","evidence":[null]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, evidence.StatusCode);
    }

    [SkippableFact]
    public async Task A_forged_signature_is_refused()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.AnswerAllAsync();
        var statement = await scenario.StatementAsync();
        // Signed by the right key over other bytes, then presented with the real statement.
        var envelope = JsonNode.Parse(File.ReadAllText(scenario.SignWithCli(Encoding.UTF8.GetBytes("{\"something\":\"else\"}"))))!;
        envelope["payload"] = Convert.ToBase64String(statement);
        var path = Path.Combine(scenario.Folder, "forged.json");
        File.WriteAllText(path, envelope.ToJsonString());

        Assert.Equal("signature-invalid", await (await scenario.SubmitSignoffAsync(path)).ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));
    }

    [SkippableFact]
    public async Task Another_specialists_key_is_refused()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        using var other = await SignoffScenario.StartAsync(factory);
        await scenario.AnswerAllAsync();

        var envelope = scenario.SignWithCli(await scenario.StatementAsync(), other.PrivateKeyPath);

        Assert.Equal("unknown-key", await (await scenario.SubmitSignoffAsync(envelope)).ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));
    }

    [SkippableFact]
    public async Task A_revoked_key_is_refused()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.AnswerAllAsync();
        var envelope = scenario.SignWithCli(await scenario.StatementAsync());
        var keyId = JsonNode.Parse(File.ReadAllText(envelope))!["signatures"]![0]!["keyid"]!.GetValue<string>();
        using (var admin = factory.Admin())
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/specialists/{scenario.SpecialistId}/keys/{keyId}")).StatusCode);
        }

        Assert.Equal("key-revoked", await (await scenario.SubmitSignoffAsync(envelope)).ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));
    }

    [SkippableFact]
    public async Task An_expired_registration_is_refused()
    {
        // Registered 2020-01-01: valid to 2022-12-31, long before the signing date.
        using var scenario = await SignoffScenario.StartAsync(factory, validFrom: "2020-01-01");
        await scenario.AnswerAllAsync();

        var response = await scenario.SignAndSubmitAsync();

        Assert.Equal("registration-inactive", await response.ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));
    }

    [SkippableFact]
    public async Task A_revoked_registration_stops_every_action_of_its_specialist_at_once()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.AnswerAllAsync();
        // Signed while still registered, submitted after the revocation.
        var envelope = scenario.SignWithCli(await scenario.StatementAsync());
        using (var admin = factory.Admin())
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/specialists/{scenario.SpecialistId}/revoke", null)).StatusCode);
        }

        var run = $"/api/v1/checklist-runs/{scenario.RunId}";
        var attempts = new[]
        {
            await scenario.SubmitSignoffAsync(envelope),
            await scenario.Specialist.GetAsync(run),
            await scenario.Specialist.GetAsync($"{run}/statement"),
            await scenario.Specialist.PutAsJsonAsync($"{run}/answers/{scenario.Items().First().Id}", new { answer = "satisfied" }),
            await scenario.Specialist.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/checklist-runs", new { checklistId = "ci-tax-security", version = 1 }),
        };
        foreach (var attempt in attempts)
        {
            Assert.Equal("specialist-revoked", await attempt.ProblemCodeAsync(HttpStatusCode.Forbidden));
        }
    }

    [SkippableFact]
    public async Task A_specialist_employed_by_the_applicant_is_refused()
    {
        using var scenario = await SignoffScenario.StartAsync(factory, employerCorporateNumber: TestPlans.SampleCorporateNumber);
        await scenario.AnswerAllAsync();

        var response = await scenario.SignAndSubmitAsync();

        Assert.Equal("conflict-of-interest", await response.ProblemCodeAsync(HttpStatusCode.Forbidden));
    }

    [SkippableFact]
    public async Task Tampered_answers_in_the_payload_are_refused()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        var mandatory = scenario.Items().First(i => i.Mandatory).Id;
        await scenario.AnswerAllAsync(skip: id => id == mandatory);
        await scenario.AnswerAsync(mandatory, new { answer = "not-satisfied" });
        var statement = Encoding.UTF8.GetString(await scenario.StatementAsync());
        var tampered = statement.Replace("\"not-satisfied\"", "\"satisfied\"", StringComparison.Ordinal).Replace("\"verdict\":\"fail\"", "\"verdict\":\"pass\"", StringComparison.Ordinal);
        Assert.NotEqual(statement, tampered);

        var response = await scenario.SubmitSignoffAsync(scenario.SignWithCli(Encoding.UTF8.GetBytes(tampered)));

        Assert.Equal("statement-mismatch", await response.ProblemCodeAsync(HttpStatusCode.Conflict));
    }

    [SkippableFact]
    public async Task A_missing_mandatory_answer_is_refused()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        var mandatory = scenario.Items().Last(i => i.Mandatory).Id;
        await scenario.AnswerAllAsync(skip: id => id == mandatory);

        var response = await scenario.SignAndSubmitAsync();

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("mandatory-unanswered", problem.GetProperty("code").GetString());
        Assert.Equal([mandatory], problem.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
    }

    [SkippableFact]
    public async Task The_statement_of_an_older_revision_is_refused_and_the_new_revision_supersedes_the_run()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.AnswerAllAsync();
        var oldStatement = await scenario.StatementAsync();
        var oldRun = scenario.RunId;

        // The reviewer returns the plan; the applicant revises and resubmits: revision 2.
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var returned = await reviewer.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { decision = "return", reason = "データ連携先を明記してください" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var plan = TestPlans.Example();
        plan["securityExpert"]!["registrationNumber"] = scenario.RegistrationNumber;
        plan["title"] = "改訂版";
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{scenario.PlanId}") { Content = TestPlans.Json(plan) };
        put.Headers.IfMatch.Add(returned.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Applicant.SendAsync(put)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Applicant.PostAsync($"/api/v1/plans/{scenario.PlanId}/submit", null)).StatusCode);

        Assert.Equal("run-superseded", await (await scenario.SubmitSignoffAsync(scenario.SignWithCli(oldStatement))).ProblemCodeAsync(HttpStatusCode.Conflict));
        var oldRunView = await scenario.Specialist.GetFromJsonAsync<JsonElement>($"/api/v1/checklist-runs/{oldRun}");
        Assert.Equal("superseded", oldRunView.GetProperty("status").GetString());

        await scenario.StartRunAsync();
        await scenario.AnswerAllAsync();
        Assert.Equal("statement-mismatch", await (await scenario.SubmitSignoffAsync(scenario.SignWithCli(oldStatement))).ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
    }

    [SkippableFact]
    public async Task A_specialist_the_plan_does_not_name_cannot_start_a_run()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        using var other = await SignoffScenario.StartAsync(factory);

        var response = await other.Specialist.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/checklist-runs", new { checklistId = "ci-tax-security", version = 1 });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Specialist.GetAsync($"/api/v1/checklist-runs/{scenario.RunId}")).StatusCode);
    }

    [SkippableFact]
    public async Task Answers_are_validated()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        var item = scenario.Items().First().Id;
        var url = $"/api/v1/checklist-runs/{scenario.RunId}/answers/{item}";

        Assert.Equal(HttpStatusCode.BadRequest, (await scenario.Specialist.PutAsJsonAsync(url, new { answer = "maybe" })).StatusCode);
        var noJustification = await scenario.Specialist.PutAsJsonAsync(url, new { answer = "not-applicable" });
        Assert.Equal(HttpStatusCode.BadRequest, noJustification.StatusCode);
        Assert.True((await noJustification.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("$.justification", out _));
        var badHash = await scenario.Specialist.PutAsJsonAsync(url, new { answer = "satisfied", evidence = new[] { new { name = "x", sha256 = "zz" } } });
        Assert.Equal(HttpStatusCode.BadRequest, badHash.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Specialist.PutAsJsonAsync($"/api/v1/checklist-runs/{scenario.RunId}/answers/NOPE-99", new { answer = "satisfied" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Specialist.PutAsJsonAsync(url, new { answer = "not-applicable", justification = "IoT機器なし" })).StatusCode);
    }

    [SkippableFact]
    public async Task An_envelope_made_here_verifies_with_openssl()
    {
        if (!CommandExists("openssl"))
        {
            return; // openssl is not installed on this machine: nothing to compare against.
        }

        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.AnswerAllAsync();
        var envelope = scenario.SignWithCli(await scenario.StatementAsync());
        var pae = Path.Combine(scenario.Folder, "pae.bin");
        var sig = Path.Combine(scenario.Folder, "sig.der");
        Assert.Equal(CliCommands.Ok, CliCommands.Run(
            ["verify", "--envelope", envelope, "--public-key", scenario.PublicKeyPath, "--write-pae", pae, "--write-sig", sig], TextWriter.Null, TextWriter.Null));

        var (exit, output) = RunProcess("openssl", $"dgst -sha256 -verify {scenario.PublicKeyPath} -signature {sig} {pae}");
        Assert.True(exit == 0, output);
        Assert.Contains("Verified OK", output);

        File.WriteAllBytes(pae, [.. File.ReadAllBytes(pae), (byte)' ']);
        Assert.NotEqual(0, RunProcess("openssl", $"dgst -sha256 -verify {scenario.PublicKeyPath} -signature {sig} {pae}").Exit);
    }

    [SkippableFact]
    public async Task A_run_that_accepts_its_answers_can_always_be_signed()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        // The longest text every item allows, in Japanese (three UTF-8 bytes a character), with the most evidence.
        var text = string.Concat(Enumerable.Repeat("情報セキュリティ対策確認済", AttestationsApi.MaxTextLength / 13 + 1))[..AttestationsApi.MaxTextLength];
        var evidence = Enumerable.Range(0, AttestationsApi.MaxEvidence).Select(n => new { name = $"証跡-{n}-{text[..400]}", sha256 = new string('b', 64) }).ToArray();
        var refused = 0;
        foreach (var (id, _) in scenario.Items())
        {
            var response = await scenario.Specialist.PutAsJsonAsync($"/api/v1/checklist-runs/{scenario.RunId}/answers/{id}",
                new { answer = "not-applicable", justification = text, notes = text, evidence });
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal("statement-too-large", await response.ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));
                refused++;
                Assert.Equal(HttpStatusCode.OK, (await scenario.Specialist.PutAsJsonAsync($"/api/v1/checklist-runs/{scenario.RunId}/answers/{id}",
                    new { answer = "satisfied" })).StatusCode);
            }
        }

        Assert.True(refused > 0, "the answers never reached the limit: the test does not test it");
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
    }

    [SkippableFact]
    public async Task Statements_are_plain_utf8_json()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.AnswerAllAsync();

        var statement = await scenario.StatementAsync();

        Assert.Contains("確認済み", System.Text.Encoding.UTF8.GetString(statement));
        Assert.DoesNotContain("\\u", System.Text.Encoding.UTF8.GetString(statement));
    }

    [SkippableFact]
    public async Task An_envelope_with_more_signatures_than_a_sign_off_needs_is_refused()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.AnswerAllAsync();
        var envelope = JsonNode.Parse(File.ReadAllText(scenario.SignWithCli(await scenario.StatementAsync())))!.AsObject();
        var signature = envelope["signatures"]![0]!;
        envelope["signatures"] = new JsonArray([.. Enumerable.Range(0, 5).Select(_ => signature.DeepClone())]);
        var path = Path.Combine(scenario.Folder, "crowded.json");
        File.WriteAllText(path, envelope.ToJsonString());

        Assert.Equal("invalid-envelope", await (await scenario.SubmitSignoffAsync(path)).ProblemCodeAsync(HttpStatusCode.BadRequest));
    }

    private static bool CommandExists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, name)));

    private static (int Exit, string Output) RunProcess(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}

public sealed class SignoffTestsOnSqlite(SqliteFactory factory) : SignoffTests(factory), IClassFixture<SqliteFactory>;

public sealed class SignoffTestsOnPostgres(PostgresFactory factory) : SignoffTests(factory), IClassFixture<PostgresFactory>;

public sealed class SignoffTestsOnSqlServer(SqlServerFactory factory) : SignoffTests(factory), IClassFixture<SqlServerFactory>;
