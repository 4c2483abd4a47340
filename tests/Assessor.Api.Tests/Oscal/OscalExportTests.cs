using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Assessor.Api.Tests.Oscal;

/// <summary>
/// NIST's OSCAL 1.0.6 assessment-results JSON Schema, read from beside the repository (<c>../shared/oscal/</c>, or the file
/// <c>ASSESSOR_OSCAL_SCHEMA</c> names). It is not kept in the repository: without it the tests that need it are skipped
/// with the reason, and fail under CI.
/// </summary>
public static class OscalSchema
{
    public const string Variable = "ASSESSOR_OSCAL_SCHEMA";

    private static readonly Lazy<JsonSchema> Compiled = new(() =>
        JsonSchema.Build(JsonDocument.Parse(File.ReadAllText(PathToSchema)).RootElement, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    public static string PathToSchema => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
        ? path
        : Path.GetFullPath(Path.Combine(ThisFolder(), "..", "..", "..", "..", "shared", "oscal", "oscal_assessment-results_schema.json"));

    /// <summary>Skips the test (fails it under CI) when the schema is missing.</summary>
    public static void Require() =>
        TestDependencies.Require(File.Exists(PathToSchema) ? null : $"NIST's OSCAL assessment-results schema is not at {PathToSchema} (set {Variable})");

    /// <summary>Every way <paramref name="document"/> breaks the schema, formats included; empty when it is valid.</summary>
    public static IReadOnlyList<string> Violations(JsonElement document)
    {
        var result = Compiled.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({e.Key}): {e.Value}")).Distinct().Take(20)];
    }

    private static string ThisFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

public abstract class OscalExportTests(AssessorFactory factory)
{
    [SkippableFact]
    public async Task Every_export_of_the_lifecycle_is_valid_OSCAL_and_repeats_byte_for_byte()
    {
        OscalSchema.Require();
        using var scenario = await SignoffScenario.StartAsync(factory, mutatePlan: plan => plan["title"] = "計画 <script>alert(1)</script> **bold** [x](javascript:y)");
        var exports = new List<JsonElement>();

        // Submitted, nothing attested yet: the requirements alone, security pending.
        var submitted = await ValidExportAsync(scenario.Applicant, scenario.PlanId);
        exports.Add(submitted);
        Assert.Equal("not-satisfied", Finding(submitted, "security").GetProperty("target").GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("other", Finding(submitted, "security").GetProperty("target").GetProperty("status").GetProperty("reason").GetString());
        var metadataTitle = submitted.GetProperty("assessment-results").GetProperty("metadata").GetProperty("title").GetString()!;
        // OSCAL tools render markup fields as Markdown: the applicant's title arrives inert (no HTML, emphasis or link).
        Assert.Contains(@"計画 &lt;script&gt;alert(1)&lt;/script&gt; \*\*bold\*\* \[x\](javascript:y)", metadataTitle);

        // Signed off: every item is a finding with its mappings, each answer an observation, the sign-off an attestation.
        await scenario.AnswerAllAsync();
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
        var signed = await ValidExportAsync(scenario.Specialist, scenario.PlanId);
        exports.Add(signed);
        var gov = Finding(signed, "GOV-01");
        Assert.Equal("satisfied", gov.GetProperty("target").GetProperty("status").GetProperty("state").GetString());
        Assert.Contains(Props(gov), p => p.Name == "nist-csf-2.0" && p.Value == "GV.PO-01");
        Assert.Contains(Props(gov), p => p.Name == "iso-27001-2022" && p.Value == "A.5.1");
        var observation = Result(signed).GetProperty("observations").EnumerateArray()
            .Single(o => o.GetProperty("uuid").GetString() == gov.GetProperty("related-observations")[0].GetProperty("observation-uuid").GetString());
        Assert.Equal(new string('a', 64), Props(observation.GetProperty("relevant-evidence")[0]).Single(p => p.Name == "sha256").Value);
        var attestation = Result(signed).GetProperty("attestations")[0].GetProperty("parts")[0];
        Assert.Equal("pass", Props(attestation).Single(p => p.Name == "verdict").Value);
        var run = await scenario.Specialist.GetFromJsonAsync<JsonElement>($"/api/v1/checklist-runs/{scenario.RunId}");
        Assert.Equal(run.GetProperty("signoff").GetProperty("statementSha256").GetString(), Props(attestation).Single(p => p.Name == "statement-sha256").Value);
        Assert.Equal(run.GetProperty("planDigest").GetString(), Props(Result(signed)).Single(p => p.Name == "revision-digest").Value);
        var items = scenario.Items().Select(i => i.Id).ToList();
        Assert.All(items, id => Finding(signed, id));

        // Certified: the reviewer is a party, the log shows the certification, and every requirement is satisfied.
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var decided = await reviewer.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { decision = "certify", reason = "全要件を満たす" });
        Assert.True(decided.StatusCode == HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        var certified = await ValidExportAsync(reviewer, scenario.PlanId);
        exports.Add(certified);
        Assert.Contains(Result(certified).GetProperty("assessment-log").GetProperty("entries").EnumerateArray(),
            e => e.GetProperty("title").GetString() == "plan.certified");
        Assert.All(Result(certified).GetProperty("findings").EnumerateArray().Where(f => !items.Contains(f.GetProperty("target").GetProperty("target-id").GetString()!)),
            f => Assert.Equal("satisfied", f.GetProperty("target").GetProperty("status").GetProperty("state").GetString()));
        Assert.True(Result(certified).TryGetProperty("end", out _));

        // The same state under each reader is the same document; every UUID is a name-based (version 5) one, unique per document.
        var again = await scenario.Applicant.GetByteArrayAsync($"/api/v1/plans/{scenario.PlanId}/oscal");
        Assert.Equal(await reviewer.GetByteArrayAsync($"/api/v1/plans/{scenario.PlanId}/oscal"), again);
        foreach (var export in exports)
        {
            var owned = Uuids(export).ToList();
            Assert.All(owned, u => Assert.Equal('5', u[14]));
            Assert.Equal(owned.Count, owned.Distinct().Count());
        }

        // Each state has its own document: the same result UUID (same revision), but other findings.
        Assert.Equal(Result(submitted).GetProperty("uuid").GetString(), Result(certified).GetProperty("uuid").GetString());
        Assert.NotEqual(submitted.GetRawText(), signed.GetRawText());
    }

    [SkippableFact]
    public async Task A_self_checked_plan_exports_the_applicants_self_check_as_its_attestation()
    {
        OscalSchema.Require();
        using var applicant = await factory.ApplicantAsync();
        var planId = await ItDonyuPlans.UploadAsync(applicant);
        var draft = await ValidExportAsync(applicant, planId);
        Assert.False(Result(draft).TryGetProperty("attestations", out _));

        var run = await ItDonyuPlans.StartSelfCheckAsync(applicant, planId);
        await ItDonyuPlans.AnswerAsync(applicant, run, answer: "partly");
        var answered = await ValidExportAsync(applicant, planId);

        var part = Result(answered).GetProperty("attestations")[0].GetProperty("parts")[0];
        Assert.Equal("self-check", part.GetProperty("name").GetString());
        Assert.Equal("ipa-self-check@1", Props(part).Single(p => p.Name == "checklist").Value);
        // "partly" is not done: every item is a not-satisfied finding with the applicant's answer as an interview observation.
        var item = Finding(answered, run.GetProperty("items")[0].GetProperty("id").GetString()!);
        Assert.Equal("not-satisfied", item.GetProperty("target").GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("partly", Props(item).Single(p => p.Name == "answer").Value);
        Assert.All(Result(answered).GetProperty("observations").EnumerateArray(), o => Assert.Equal("INTERVIEW", o.GetProperty("methods")[0].GetString()));
    }

    [SkippableFact]
    public async Task The_schema_check_refuses_what_OSCAL_forbids()
    {
        OscalSchema.Require();
        using var scenario = await SignoffScenario.StartAsync(factory);
        var valid = JsonNode.Parse(await scenario.Applicant.GetByteArrayAsync($"/api/v1/plans/{scenario.PlanId}/oscal"))!;
        Assert.Empty(OscalSchema.Violations(JsonSerializer.SerializeToElement(valid)));

        // A random (version 4) UUID is allowed, an unknown status state, a multi-line property value and a missing title are not.
        foreach (var (path, breaks) in new (string, Action<JsonNode>)[]
        {
            ("uuid", d => d["assessment-results"]!["uuid"] = "not-a-uuid"),
            ("state", d => d["assessment-results"]!["results"]![0]!["findings"]![0]!["target"]!["status"]!["state"] = "pending"),
            ("prop", d => d["assessment-results"]!["metadata"]!["props"]![0]!["value"] = "two\nlines"),
            ("title", d => d["assessment-results"]!["metadata"]!.AsObject().Remove("title")),
        })
        {
            var broken = valid.DeepClone();
            breaks(broken);
            Assert.True(OscalSchema.Violations(JsonSerializer.SerializeToElement(broken)).Count > 0, path);
        }
    }

    [SkippableFact]
    public async Task A_certification_stores_and_signs_the_OSCAL_document_of_the_certified_state()
    {
        OscalSchema.Require();
        using var scenario = await SignoffScenario.StartAsync(factory);
        var item = scenario.Items().First(i => i.Mandatory).Id;
        var evidence = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Evidence.EvidenceFileTests.Pdf));
        Assert.Equal(HttpStatusCode.Created, (await Evidence.EvidenceFileTests.UploadAsync(scenario, item, Evidence.EvidenceFileTests.Pdf, "diagram.pdf")).StatusCode);
        await scenario.AnswerAllAsync();
        await scenario.AnswerAsync(item, new { answer = "satisfied", evidence = new[] { new { name = "diagram.pdf", sha256 = evidence } } });
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
        var reportUrl = $"/api/v1/plans/{scenario.PlanId}/report";

        // Before certification there is no stored document: the live export is the one.
        Assert.Equal("not-found", await (await scenario.Applicant.GetAsync($"{reportUrl}?format=oscal")).ProblemCodeAsync(HttpStatusCode.NotFound));

        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var decided = await reviewer.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { decision = "certify", reason = "全要件を満たす" });
        Assert.True(decided.StatusCode == HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());

        // The bundle's document is the live export of the certified state, byte for byte, and valid OSCAL.
        var live = await scenario.Applicant.GetByteArrayAsync($"/api/v1/plans/{scenario.PlanId}/oscal");
        var reportDigest = (await scenario.Applicant.GetAsync($"{reportUrl}?format=json")).Headers.ETag!.Tag.Trim('"')["sha256:".Length..];
        using var anonymous = factory.ClientWithKey(null);
        var stored = await anonymous.GetAsync($"/api/v1/reports/{reportDigest}/oscal");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal("application/oscal+json", stored.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"plan-{scenario.PlanId}-r1.oscal-ar.json", stored.Content.Headers.ContentDisposition!.FileNameStar ?? stored.Content.Headers.ContentDisposition.FileName);
        var body = await stored.Content.ReadAsByteArrayAsync();
        Assert.Equal(System.Text.Encoding.UTF8.GetString(live), System.Text.Encoding.UTF8.GetString(body));
        Assert.Equal(body, await scenario.Applicant.GetByteArrayAsync($"{reportUrl}?format=oscal"));
        var document = JsonDocument.Parse(body).RootElement;
        var violations = OscalSchema.Violations(document);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.Equal("certified", Props(Result(document)).Single(p => p.Name == "plan-status").Value);
        Assert.Contains($"/api/v1/plans/{scenario.PlanId}/evidence/{evidence}", System.Text.Encoding.UTF8.GetString(body));

        // Its digest is one of the signed statement's subjects: it is looked up and verified offline like the report's other files.
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));
        var lookup = await anonymous.GetAsync($"/api/v1/reports/{sha256}");
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        var lookupBytes = await lookup.Content.ReadAsByteArrayAsync();
        Assert.Contains(JsonDocument.Parse(lookupBytes).RootElement.GetProperty("formats").EnumerateArray(),
            f => f.GetProperty("format").GetString() == "oscal" && f.GetProperty("sha256").GetString() == sha256);
        var path = Path.Combine(scenario.Folder, "bundle.oscal-ar.json");
        var lookupPath = Path.Combine(scenario.Folder, "lookup-oscal.json");
        var keyPath = Path.Combine(scenario.Folder, "service.pub.pem");
        File.WriteAllBytes(path, body);
        File.WriteAllBytes(lookupPath, lookupBytes);
        File.WriteAllText(keyPath, (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/keys"))[0].GetProperty("publicKeyPem").GetString());
        var output = new StringWriter();
        Assert.True(Cli.CliCommands.Ok == Cli.CliCommands.Run(["verify-report", "--report", path, "--envelope", lookupPath, "--public-key", keyPath], output, output),
            output.ToString());
        File.WriteAllBytes(path, [.. body, (byte)'\n']);
        Assert.Equal(Cli.CliCommands.Invalid, Cli.CliCommands.Run(["verify-report", "--report", path, "--envelope", lookupPath, "--public-key", keyPath],
            TextWriter.Null, TextWriter.Null));
    }

    [SkippableFact]
    public async Task A_plan_the_caller_may_not_see_has_no_export()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        using var stranger = await factory.ApplicantAsync(TestPlans.OtherCorporateNumber("246813579024"));

        Assert.Equal("not-found", await (await stranger.GetAsync($"/api/v1/plans/{scenario.PlanId}/oscal")).ProblemCodeAsync(HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientWithKey(null).GetAsync($"/api/v1/plans/{scenario.PlanId}/oscal")).StatusCode);
        Assert.Equal("not-found", await (await scenario.Applicant.GetAsync($"/api/v1/plans/{Guid.NewGuid()}/oscal")).ProblemCodeAsync(HttpStatusCode.NotFound));
    }

    private static async Task<JsonElement> ValidExportAsync(HttpClient client, string planId)
    {
        var response = await client.GetAsync($"/api/v1/plans/{planId}/oscal");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var first = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(first, await client.GetByteArrayAsync($"/api/v1/plans/{planId}/oscal"));
        Assert.Equal($"\"sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(first))}\"", response.Headers.ETag!.Tag);
        var document = JsonDocument.Parse(first).RootElement.Clone();
        var violations = OscalSchema.Violations(document);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        return document;
    }

    private static JsonElement Result(JsonElement document) => document.GetProperty("assessment-results").GetProperty("results")[0];

    private static JsonElement Finding(JsonElement document, string target) =>
        Result(document).GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("target").GetProperty("target-id").GetString() == target);

    private static IEnumerable<(string Name, string Value)> Props(JsonElement element) =>
        element.GetProperty("props").EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("value").GetString()!));

    /// <summary>The UUIDs the document gives its own parts (not the ones it refers to).</summary>
    private static IEnumerable<string> Uuids(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => p.Name == "uuid" ? [p.Value.GetString()!] : Uuids(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Uuids),
        _ => [],
    };
}

public sealed class OscalExportTestsOnSqlite(SqliteFactory factory) : OscalExportTests(factory), IClassFixture<SqliteFactory>;

public sealed class OscalExportTestsOnPostgres(PostgresFactory factory) : OscalExportTests(factory), IClassFixture<PostgresFactory>;
