using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assessor.Cli;

namespace Assessor.Api.Tests;

/// <summary>
/// A certified support organisation confirms a Monozukuri plan through the same checklist runs and DSSE sign-off as the
/// tax's security specialist; the regime decides who may sign, on which checklist, and who has a conflict of interest.
/// </summary>
public abstract class MonozukuriConfirmationTests(AssessorFactory factory)
{
    [SkippableFact]
    public async Task The_named_support_organisation_signs_its_confirmation_and_support_organisation_passes()
    {
        using var scenario = await SignoffScenario.StartMonozukuriAsync(factory);
        Assert.Equal("monozukuri-confirmation", scenario.Run.GetProperty("checklistId").GetString());
        Assert.Equal("pending", await SupportOrganisationStatusAsync(scenario));

        await scenario.AnswerAllAsync();
        var response = await scenario.SignAndSubmitAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal("pass", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verdict").GetString());
        Assert.Equal("pass", await SupportOrganisationStatusAsync(scenario));
        var report = await scenario.Applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{scenario.PlanId}/report?format=json");
        var signoff = report.GetProperty("signoff");
        Assert.Equal(scenario.RegistrationNumber, signoff.GetProperty("registrationNumber").GetString());
        Assert.Equal("support-organisation", signoff.GetProperty("specialistKind").GetString());
        Assert.Equal("pass", signoff.GetProperty("verdict").GetString());
        Assert.Equal(17, signoff.GetProperty("answers").GetArrayLength());
        Assert.Contains(signoff.GetProperty("verified").EnumerateArray(), v => v.GetString()!.Contains("not one of the participants", StringComparison.Ordinal));
        Assert.True(report.GetProperty("confirmation").GetProperty("signed").GetBoolean());
        var html = await scenario.Applicant.GetStringAsync($"/api/v1/plans/{scenario.PlanId}/report?format=html");
        Assert.Contains("認定支援機関の確認", html, StringComparison.Ordinal);
        Assert.Contains(signoff.GetProperty("statementSha256").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains("FEA-01", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 15's whole path: a three-company consortium's data-sharing plan, confirmed by its two other members and signed by
    /// its support organisation, is certified, and every member downloads the same signed report, which verifies offline.
    /// </summary>
    [SkippableFact]
    public async Task A_consortium_plan_is_confirmed_by_its_members_and_organisation_certified_and_read_alike_by_every_member()
    {
        using var scenario = await SignoffScenario.StartMonozukuriAsync(factory);
        using var second = await factory.ApplicantAsync(MonozukuriPlans.Second);
        using var third = await factory.ApplicantAsync(MonozukuriPlans.Third);
        var planUrl = $"/api/v1/plans/{scenario.PlanId}";
        var digest = (await second.GetFromJsonAsync<JsonElement>(planUrl)).GetProperty("digest").GetString();
        foreach (var member in new[] { second, third })
        {
            Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync($"{planUrl}/consortium-consent", new { digest })).StatusCode);
        }

        await scenario.AnswerAllAsync();
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
        var assessment = await scenario.Applicant.GetFromJsonAsync<JsonElement>($"{planUrl}/assessment");
        Assert.True(assessment.GetProperty("eligible").GetBoolean(), assessment.ToString());

        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var decided = await reviewer.PostAsJsonAsync($"{planUrl}/decision", new { decision = "certify" });
        Assert.True(decided.StatusCode == HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());

        var leadCopy = await scenario.Applicant.GetAsync($"{planUrl}/report?format=html");
        Assert.Equal(HttpStatusCode.OK, leadCopy.StatusCode);
        var bytes = await leadCopy.Content.ReadAsByteArrayAsync();
        foreach (var member in new[] { second, third })
        {
            Assert.Equal(bytes, await member.GetByteArrayAsync($"{planUrl}/report?format=html"));
            Assert.Equal("certified", (await member.GetFromJsonAsync<JsonElement>(planUrl)).GetProperty("status").GetString());
        }

        var html = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains(MonozukuriPlans.Second, html, StringComparison.Ordinal);
        Assert.Contains(MonozukuriPlans.Third, html, StringComparison.Ordinal);
        Assert.Contains(scenario.RegistrationNumber, html, StringComparison.Ordinal);

        // The copy every member holds verifies offline against the service's published key.
        using var anonymous = factory.ClientWithKey(null);
        var hex = leadCopy.Headers.ETag!.Tag.Trim('"')["sha256:".Length..];
        var reportPath = Path.Combine(scenario.Folder, "consortium-report.html");
        var envelopePath = Path.Combine(scenario.Folder, "consortium-lookup.json");
        var keyPath = Path.Combine(scenario.Folder, "service-key.pem");
        File.WriteAllBytes(reportPath, bytes);
        File.WriteAllBytes(envelopePath, await anonymous.GetByteArrayAsync($"/api/v1/reports/{hex}"));
        File.WriteAllText(keyPath, (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/keys"))[0].GetProperty("publicKeyPem").GetString());
        var output = new StringWriter();
        Assert.True(CliCommands.Ok == CliCommands.Run(["verify-report", "--report", reportPath, "--envelope", envelopePath, "--public-key", keyPath], output, output),
            output.ToString());
    }

    [SkippableFact]
    public async Task A_failing_confirmation_fails_support_organisation()
    {
        using var scenario = await SignoffScenario.StartMonozukuriAsync(factory);
        await scenario.AnswerAllAsync(skip: id => id == "TGT-02");
        await scenario.AnswerAsync("TGT-02", new { answer = "not-satisfied", notes = "売上の積算根拠がない" });

        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);

        Assert.Equal("fail", await SupportOrganisationStatusAsync(scenario));
    }

    [SkippableFact]
    public async Task A_support_organisation_that_is_a_participant_is_refused_for_conflict_of_interest()
    {
        using var scenario = await SignoffScenario.StartMonozukuriAsync(factory, organisationCorporateNumber: MonozukuriPlans.Second);

        await SignOffIsRefusedAsync(scenario, HttpStatusCode.Forbidden, "conflict-of-interest");
    }

    [SkippableFact]
    public async Task A_support_organisation_the_plan_does_not_name_cannot_see_or_attest_it()
    {
        using var named = await SignoffScenario.StartMonozukuriAsync(factory);
        using var other = await SignoffScenario.StartMonozukuriAsync(factory);

        var response = await other.Specialist.PostAsJsonAsync($"/api/v1/plans/{named.PlanId}/checklist-runs", new { checklistId = "monozukuri-confirmation", version = 1 });

        Assert.Equal("not-found", await response.ProblemCodeAsync(HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Specialist.GetAsync($"/api/v1/checklist-runs/{named.RunId}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_monozukuri_plan_is_confirmed_on_its_own_checklist_only()
    {
        using var scenario = await SignoffScenario.StartMonozukuriAsync(factory, startRun: false);

        var response = await scenario.Specialist.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/checklist-runs", new { checklistId = "ci-tax-security", version = 1 });

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("checklist-not-accepted", problem.GetProperty("code").GetString());
        Assert.Equal("monozukuri-confirmation", problem.GetProperty("checklistId").GetString());
    }

    [SkippableFact]
    public async Task Another_kind_of_attestor_is_refused_on_either_regime()
    {
        // A RISS named as a Monozukuri plan's support organisation sees it, but may not attest it…
        using var riss = await SignoffScenario.StartMonozukuriAsync(factory, kind: "riss", startRun: false);
        var refused = await riss.Specialist.PostAsJsonAsync($"/api/v1/plans/{riss.PlanId}/checklist-runs", new { checklistId = "monozukuri-confirmation", version = 1 });
        var problem = await refused.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("wrong-attestor-kind", problem.GetProperty("code").GetString());
        Assert.Equal("riss", problem.GetProperty("kind").GetString());

        // …and a support organisation (certified under a six-digit number) named as a tax plan's security expert may not attest that.
        var number = Random.Shared.Next(100000, 400000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var organisationId = await factory.RegisterSpecialistAsync(number, TestPlans.OtherCorporateNumber("864209753186"), kind: "support-organisation");
        using var organisation = (await factory.NewPrincipalAsync("specialist", specialistId: organisationId)).Client;
        var taxPlan = TestPlans.Example();
        taxPlan["securityExpert"]!["registrationNumber"] = number;
        var created = await riss.Applicant.PostAsync("/api/v1/plans", TestPlans.Json(taxPlan));
        var taxPlanId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await riss.Applicant.PostAsync($"/api/v1/plans/{taxPlanId}/submit", null)).StatusCode);
        var tax = await organisation.PostAsJsonAsync($"/api/v1/plans/{taxPlanId}/checklist-runs", new { checklistId = "ci-tax-security", version = 1 });
        Assert.Equal("wrong-attestor-kind", await tax.ProblemCodeAsync(HttpStatusCode.Forbidden));
    }

    [SkippableFact]
    public async Task An_expired_certification_is_refused_at_sign_off()
    {
        using var scenario = await SignoffScenario.StartMonozukuriAsync(factory, validUntil: "2023-07-02");

        await SignOffIsRefusedAsync(scenario, HttpStatusCode.UnprocessableEntity, "registration-inactive");
    }

    [SkippableFact]
    public async Task A_revoked_key_is_refused_at_sign_off()
    {
        using var scenario = await SignoffScenario.StartMonozukuriAsync(factory);
        using var admin = factory.Admin();
        var registered = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/specialists/{scenario.SpecialistId}");
        var keyId = registered.GetProperty("keys")[0].GetProperty("keyId").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/specialists/{scenario.SpecialistId}/keys/{keyId}")).StatusCode);

        await SignOffIsRefusedAsync(scenario, HttpStatusCode.UnprocessableEntity, "key-revoked");
    }

    [SkippableFact]
    public async Task The_registry_keeps_support_organisations_with_their_certification_term()
    {
        using var admin = factory.Admin();
        var number = $"1062{Random.Shared.Next(10_000_000, 99_999_999)}";
        // Full-width digits, as a certificate may print them: the registry keeps the one folded spelling.
        var body = new
        {
            registrationNumber = new string([.. number.Select(c => (char)(c - '0' + '０'))]),
            kind = "support-organisation",
            name = "サンプル商工会議所",
            employerCorporateNumber = TestPlans.OtherCorporateNumber("864209753186"),
            validFrom = "2018-07-09",
            validUntil = "2023-07-08",
        };

        var created = await admin.PostAsJsonAsync("/api/v1/specialists", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entry = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(number, entry.GetProperty("registrationNumber").GetString());
        Assert.Equal("support-organisation", entry.GetProperty("kind").GetString());
        Assert.Equal("2023-07-08", entry.GetProperty("validUntil").GetString());
        Assert.Equal("registration-exists", await (await admin.PostAsJsonAsync("/api/v1/specialists", body)).ProblemCodeAsync(HttpStatusCode.Conflict));
        var noTerm = await admin.PostAsJsonAsync("/api/v1/specialists",
            new { registrationNumber = number + "9", body.kind, body.name, body.employerCorporateNumber, body.validFrom });
        Assert.True((await noTerm.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("$.validUntil", out _));
        var tooLong = await admin.PostAsJsonAsync("/api/v1/specialists", body with { registrationNumber = new string('1', 33) });
        Assert.True((await tooLong.ReadProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("$.registrationNumber", out _));
    }

    [SkippableFact]
    public async Task The_cli_verifies_a_support_organisations_envelope()
    {
        using var scenario = await SignoffScenario.StartMonozukuriAsync(factory);
        await scenario.AnswerAllAsync();
        var envelope = scenario.SignWithCli(await scenario.StatementAsync());
        Assert.Equal(HttpStatusCode.Created, (await scenario.SubmitSignoffAsync(envelope)).StatusCode);
        var revision = Path.Combine(scenario.Folder, "revision.json");
        File.WriteAllBytes(revision, await scenario.Applicant.GetByteArrayAsync($"/api/v1/plans/{scenario.PlanId}/revisions/1"));
        var output = new StringWriter();

        var exit = CliCommands.Run(["verify", "--envelope", envelope, "--public-key", scenario.PublicKeyPath, "--revision", revision], output, TextWriter.Null);

        Assert.Equal(CliCommands.Ok, exit);
        Assert.Contains($"(support-organisation, registration {scenario.RegistrationNumber})", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("monozukuri-confirmation v1, 17 answers, verdict pass", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A complete, signed confirmation is refused with <paramref name="code"/>, and nothing is on record for the plan.</summary>
    private static async Task SignOffIsRefusedAsync(SignoffScenario scenario, HttpStatusCode status, string code)
    {
        await scenario.AnswerAllAsync();

        Assert.Equal(code, await (await scenario.SignAndSubmitAsync()).ProblemCodeAsync(status));
        Assert.Equal("pending", await SupportOrganisationStatusAsync(scenario));
    }

    private static async Task<string> SupportOrganisationStatusAsync(SignoffScenario scenario) =>
        MonozukuriPlans.Status(await scenario.Applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{scenario.PlanId}/assessment"), "support-organisation");
}

public sealed class MonozukuriConfirmationTestsOnSqlite(SqliteFactory factory) : MonozukuriConfirmationTests(factory), IClassFixture<SqliteFactory>;

public sealed class MonozukuriConfirmationTestsOnPostgres(PostgresFactory factory) : MonozukuriConfirmationTests(factory), IClassFixture<PostgresFactory>;
