using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assessor.Api.Tests;

/// <summary>
/// What /openapi/v1.json tells a client: every schema member described, the members that are always there marked
/// required (and true to the service's real responses and validation), and the bearer requirement on exactly the
/// operations that need a key. The document does not depend on the database, so SQLite is enough.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string SchemaRefPrefix = "#/components/schemas/";

    private static readonly HashSet<string> AnonymousOperations =
        ["ListChecklists", "GetChecklist", "VerifyReport", "ServiceKeys", "LogCheckpoint", "LogInclusionProof", "LogConsistencyProof"];

    /// <summary>The members a client can count on in a response, or must send in a request.</summary>
    private static readonly Dictionary<string, string[]> ExpectedRequired = new()
    {
        // The plan document: the serializer insists on these.
        ["PlanDocument"] = ["regime", "title", "applicant", "period", "baseFiscalYear", "labourInput", "assets", "linkages", "financials"],
        ["Applicant"] = ["corporateNumber", "name", "isSme"],
        ["PlanPeriod"] = ["start", "end"],
        ["Asset"] = ["id", "class", "name", "cost", "acquiredOn", "inServiceOn", "isNew"],
        ["Linkage"] = ["id", "kind", "data", "from", "to", "purpose"],
        ["FinancialYear"] = ["fiscalYear", "operatingProfit", "personnelCosts", "depreciation", "headcount"],
        ["Wages"] = ["continuingEmployeesPriorYear", "continuingEmployeesCurrentYear"],
        ["TaxFigures"] = ["corporateTax"],
        ["SecurityExpert"] = ["registrationNumber"],
        ["DsseEnvelope"] = ["payloadType", "payload", "signatures"],
        ["DsseSignature"] = ["keyid", "sig"],

        // Requests validated by hand: what the validation insists on, whatever the role or answer.
        ["CreatePrincipalRequest"] = ["name", "role"],
        ["CreateSpecialistRequest"] = ["registrationNumber", "kind", "name", "employerCorporateNumber", "validFrom"],
        ["AddSpecialistKeyRequest"] = ["publicKeyPem"],
        ["StartRunRequest"] = ["checklistId", "version"],
        ["AnswerRequest"] = ["answer"],
        ["EvidenceRequest"] = ["name", "sha256"],
        ["DecisionRequest"] = ["decision"],

        // Responses: members written only when not null are not required; always-written ones are, null or not.
        ["Assessment"] = ["regime", "eligible", "requirements", "taxBenefit"],
        ["RequirementResult"] = ["id", "status", "reasons"],
        ["Reason"] = ["code", "ja", "en"],
        ["TaxBenefit"] = ["specialDepreciation", "taxCredit", "recommended", "explanation", "base", "moneyRounding"],
        ["SpecialDepreciation"] = ["rate", "amount", "firstYearTaxDeferred"],
        ["TaxCredit"] = ["rate", "amount", "cap", "capRate", "allowed", "reasons"],
        ["PlanView"] = ["id", "status", "regime", "title", "applicantCorporateNumber", "applicantName", "currentRevision", "createdAt", "updatedAt"],
        ["PlanPage"] = ["items", "nextCursor"],
        ["CreatedPrincipal"] = ["id", "name", "role", "keyId", "key"],
        ["PrincipalView"] = ["id", "name", "role", "createdAt"],
        ["SpecialistView"] = ["id", "registrationNumber", "kind", "name", "employerCorporateNumber", "validFrom", "validUntil", "createdAt"],
        ["SpecialistKeyView"] = ["keyId", "createdAt"],
        ["RunView"] = ["id", "planId", "planRevision", "planDigest", "checklistId", "checklistVersion", "status", "verdict", "statementSha256", "unansweredMandatory", "items"],
        ["RunItemView"] = ["id", "category", "mandatory", "question", "guidance", "evidence"],
        ["AnswerView"] = ["answer", "evidence", "answeredAt"],
        ["SignoffView"] = ["id", "runId", "planRevision", "keyId", "verdict", "signedAt", "statementSha256"],
        ["ChecklistDefinition"] = ["id", "version", "title", "description", "categories", "items"],
        ["ChecklistItem"] = ["id", "category", "question", "guidance", "mandatory", "evidence", "mappings"],
        ["ChecklistMappings"] = ["metiDirectives", "nistCsf", "iso27001"],
        ["ReportLookup"] = ["reportDigest", "planId", "revision", "decision", "decidedAt", "keyId", "formats", "envelope"],
        ["CheckpointView"] = ["origin", "size", "rootHash", "body", "keyId", "createdAt", "envelope"],
        ["InclusionProofView"] = ["index", "size", "hashes"],
        ["ConsistencyProofView"] = ["first", "second", "hashes"],
        ["PlanHistoryView"] = ["planId", "events"],
        ["HistoryEventView"] = ["index", "time", "action", "actor", "subject", "digests", "details"],
        ["HistoryActorView"] = ["role"],
        ["ReportLogProof"] = ["index", "entry", "checkpoint", "inclusionProof"],
        ["LogVerificationView"] = ["ok", "size", "eventsChecked", "nodesChecked", "checkpointsChecked", "artefactsChecked", "mismatches", "notes"],
        ["ProblemDetails"] = ["code"],
    };

    [SkippableFact]
    public async Task Every_schema_and_every_member_of_a_schema_has_a_description()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var undescribed = new List<string>();
        foreach (var schema in schemas.EnumerateObject())
        {
            if (!HasDescription(schema.Value))
            {
                undescribed.Add(schema.Name);
            }

            if (schema.Value.TryGetProperty("properties", out var properties))
            {
                undescribed.AddRange(properties.EnumerateObject().Where(p => !HasDescription(p.Value)).Select(p => $"{schema.Name}.{p.Name}"));
            }
        }

        Assert.True(undescribed.Count == 0, $"Without a description: {string.Join(", ", undescribed)}");
    }

    [SkippableFact]
    public async Task Schemas_mark_exactly_the_members_that_are_always_there_as_required()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var wrong = new List<string>();
        foreach (var (name, expected) in ExpectedRequired)
        {
            if (!schemas.TryGetProperty(name, out var schema))
            {
                wrong.Add($"{name}: no such schema");
                continue;
            }

            var actual = Required(schema);
            if (!actual.SetEquals(expected))
            {
                wrong.Add($"{name}: required [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [SkippableFact]
    public async Task Real_responses_have_every_required_member_and_nothing_the_schema_does_not_allow()
    {
        var document = await DocumentAsync();
        var conformance = new Conformance(document);
        using var admin = factory.Admin();
        using var anonymous = factory.ClientWithKey(null);

        await conformance.CheckAsync(admin.PostAsJsonAsync("/api/v1/principals", new { name = "Reviewer", role = "reviewer" }), "/api/v1/principals", "post");
        await conformance.CheckAsync(
            admin.PostAsJsonAsync("/api/v1/principals", new { name = "Applicant", role = "applicant", corporateNumber = TestPlans.SampleCorporateNumber }),
            "/api/v1/principals", "post");
        await conformance.CheckAsync(admin.PostAsJsonAsync("/api/v1/principals", new { }), "/api/v1/principals", "post");
        await conformance.CheckAsync(admin.GetAsync("/api/v1/principals"), "/api/v1/principals", "get");
        await conformance.CheckAsync(admin.GetAsync($"/api/v1/plans/{Guid.NewGuid()}"), "/api/v1/plans/{id}", "get");
        await conformance.CheckAsync(anonymous.GetAsync("/api/v1/checklists"), "/api/v1/checklists", "get");
        await conformance.CheckAsync(anonymous.GetAsync("/api/v1/checklists/ci-tax-security/1"), "/api/v1/checklists/{id}/{version}", "get");
        await conformance.CheckAsync(anonymous.GetAsync("/api/v1/checklists/ipa-self-check/1"), "/api/v1/checklists/{id}/{version}", "get");
        await conformance.CheckAsync(anonymous.GetAsync("/api/v1/keys"), "/api/v1/keys", "get");

        using var scenario = await SignoffScenario.StartAsync(factory);
        await conformance.CheckAsync(admin.GetAsync($"/api/v1/specialists/{scenario.SpecialistId}"), "/api/v1/specialists/{id}", "get");
        await conformance.CheckAsync(admin.GetAsync("/api/v1/specialists"), "/api/v1/specialists", "get");
        await conformance.CheckAsync(scenario.Applicant.GetAsync("/api/v1/plans"), "/api/v1/plans", "get");
        await conformance.CheckAsync(scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}"), "/api/v1/plans/{id}", "get");
        await conformance.CheckAsync(scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}/assessment"), "/api/v1/plans/{id}/assessment", "get");
        await conformance.CheckAsync(scenario.Applicant.PostAsync("/api/v1/assessments", TestPlans.Json(TestPlans.ExampleBytes())), "/api/v1/assessments", "post");
        await conformance.CheckAsync(scenario.Specialist.GetAsync($"/api/v1/checklist-runs/{scenario.RunId}"), "/api/v1/checklist-runs/{id}", "get");
        var firstItem = scenario.Items().First().Id;
        await conformance.CheckAsync(
            scenario.Specialist.PutAsJsonAsync($"/api/v1/checklist-runs/{scenario.RunId}/answers/{firstItem}", new { answer = "satisfied" }),
            "/api/v1/checklist-runs/{id}/answers/{itemId}", "put");

        await scenario.AnswerAllAsync();
        await conformance.CheckAsync(scenario.SignAndSubmitAsync(), "/api/v1/checklist-runs/{id}/signoff", "post");
        await conformance.CheckAsync(scenario.Specialist.GetAsync($"/api/v1/checklist-runs/{scenario.RunId}"), "/api/v1/checklist-runs/{id}", "get");
        await conformance.CheckAsync(scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}/assessment"), "/api/v1/plans/{id}/assessment", "get");
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        await conformance.CheckAsync(
            reviewer.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { decision = "certify" }), "/api/v1/plans/{id}/decision", "post");
        var report = await scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}/report?format=json");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var reportSha256 = report.Headers.ETag!.Tag.Trim('"')["sha256:".Length..];
        await conformance.CheckAsync(anonymous.GetAsync($"/api/v1/reports/{reportSha256}"), "/api/v1/reports/{digest}", "get");
        await conformance.CheckAsync(anonymous.GetAsync("/api/v1/log/checkpoint"), "/api/v1/log/checkpoint", "get");
        await conformance.CheckAsync(anonymous.GetAsync("/api/v1/log/proof/inclusion?index=0&size=2"), "/api/v1/log/proof/inclusion", "get");
        await conformance.CheckAsync(anonymous.GetAsync("/api/v1/log/proof/consistency?first=1&second=2"), "/api/v1/log/proof/consistency", "get");
        await conformance.CheckAsync(scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}/history"), "/api/v1/plans/{id}/history", "get");
        await conformance.CheckAsync(admin.GetAsync("/api/v1/log/verify"), "/api/v1/log/verify", "get");

        Assert.True(conformance.Problems.Count == 0, string.Join("\n", conformance.Problems));
    }

    [SkippableFact]
    public async Task Each_required_request_member_is_one_the_service_refuses_to_do_without()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        using var admin = factory.Admin();
        using var scenario = await SignoffScenario.StartAsync(factory);
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var item = scenario.Items().First().Id;
        var requests = new (string Schema, Func<Task<HttpResponseMessage>> Send, string Prefix)[]
        {
            ("CreatePrincipalRequest", () => admin.PostAsJsonAsync("/api/v1/principals", new { }), "$."),
            ("CreateSpecialistRequest", () => admin.PostAsJsonAsync("/api/v1/specialists", new { }), "$."),
            ("AddSpecialistKeyRequest", () => admin.PostAsJsonAsync($"/api/v1/specialists/{scenario.SpecialistId}/keys", new { }), "$."),
            ("StartRunRequest", () => scenario.Specialist.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/checklist-runs", new { }), "$."),
            ("AnswerRequest", () => scenario.Specialist.PutAsJsonAsync($"/api/v1/checklist-runs/{scenario.RunId}/answers/{item}", new { }), "$."),
            ("EvidenceRequest",
                () => scenario.Specialist.PutAsJsonAsync($"/api/v1/checklist-runs/{scenario.RunId}/answers/{item}", new { answer = "satisfied", evidence = new[] { new { } } }),
                "$.evidence[0]."),
            ("DecisionRequest", () => reviewer.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { }), "$."),
        };

        var wrong = new List<string>();
        foreach (var (schema, send, prefix) in requests)
        {
            var response = await send();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{schema}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            var refused = errors.EnumerateObject().Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
            var required = Required(schemas.GetProperty(schema)).Select(member => prefix + member).ToHashSet(StringComparer.Ordinal);
            if (!required.SetEquals(refused))
            {
                wrong.Add($"{schema}: required [{string.Join(", ", required)}], but an empty request is refused for [{string.Join(", ", refused)}]");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [SkippableFact]
    public async Task Only_operations_that_need_a_key_declare_the_bearer_requirement()
    {
        var document = await DocumentAsync();
        Assert.False(document.TryGetProperty("security", out var global) && global.GetArrayLength() > 0,
            "A document-wide security requirement marks anonymous operations as secured too.");

        var wrong = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, method, operation) in Operations(document))
        {
            var id = operation.GetProperty("operationId").GetString()!;
            seen.Add(id);
            var security = operation.TryGetProperty("security", out var requirements) ? requirements.GetRawText() : null;
            if (AnonymousOperations.Contains(id))
            {
                if (security is not null && requirements.GetArrayLength() > 0)
                {
                    wrong.Add($"{method} {path} ({id}) is anonymous but declares {security}");
                }
            }
            else if (security is null || !JsonElement.DeepEquals(requirements, JsonDocument.Parse("""[{"Bearer":[]}]""").RootElement))
            {
                wrong.Add($"{method} {path} ({id}) needs a key but declares {security ?? "nothing"}");
            }
        }

        Assert.Subset(seen, AnonymousOperations);
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [SkippableFact]
    public async Task Operations_declaring_the_bearer_requirement_are_exactly_those_that_answer_401_without_a_key()
    {
        var document = await DocumentAsync();
        using var anonymous = factory.ClientWithKey(null);
        var wrong = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var declaresKey = operation.TryGetProperty("security", out var requirements) && requirements.GetArrayLength() > 0;
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), Concrete(path));
            using var response = await anonymous.SendAsync(request);
            if (declaresKey != (response.StatusCode == HttpStatusCode.Unauthorized))
            {
                wrong.Add($"{method} {path}: declares {(declaresKey ? "a key" : "no key")}, answered {(int)response.StatusCode} without one");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = factory.ClientWithKey(null);
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    private static bool HasDescription(JsonElement schema) =>
        schema.TryGetProperty("description", out var description) && !string.IsNullOrWhiteSpace(description.GetString());

    private static HashSet<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required)
            ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (path.Name, operation.Name, operation.Value)));

    /// <summary>A request URL for a path template, with values the route constraints accept.</summary>
    private static string Concrete(string template)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["{id}"] = Guid.NewGuid().ToString(),
            ["{keyId}"] = Guid.NewGuid().ToString(),
            ["{number}"] = "1",
            ["{version}"] = "1",
            ["{itemId}"] = "item",
            ["{digest}"] = new string('0', 64),
        };
        var path = values.Aggregate(template, (current, value) => current.Replace(value.Key, value.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("{", path, StringComparison.Ordinal);
        return path;
    }

    /// <summary>Checks response bodies against the schema the document gives for their operation and status.</summary>
    private sealed class Conformance(JsonElement document)
    {
        private readonly JsonElement schemas = document.GetProperty("components").GetProperty("schemas");

        public List<string> Problems { get; } = [];

        public async Task CheckAsync(Task<HttpResponseMessage> sending, string path, string method)
        {
            using var response = await sending;
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var where = $"{method.ToUpperInvariant()} {path} → {status}";
            if (!document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").TryGetProperty(status, out var documented)
                || !documented.TryGetProperty("content", out var content))
            {
                Problems.Add($"{where}: not documented with a body");
                return;
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            if (!content.TryGetProperty(mediaType, out var media))
            {
                Problems.Add($"{where}: {mediaType} is not documented");
                return;
            }

            Check(await response.Content.ReadFromJsonAsync<JsonElement>(), media.GetProperty("schema"), where + " $");
        }

        private void Check(JsonElement value, JsonElement schema, string at)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                Check(value, schemas.GetProperty(reference.GetString()![SchemaRefPrefix.Length..]), at);
                return;
            }

            if (schema.TryGetProperty("oneOf", out var oneOf))
            {
                var branches = oneOf.EnumerateArray().ToList();
                var nullBranch = branches.Where(IsNullOnly).ToList();
                if (value.ValueKind == JsonValueKind.Null)
                {
                    if (nullBranch.Count == 0)
                    {
                        Problems.Add($"{at}: null, which the schema does not allow");
                    }
                }
                else
                {
                    Check(value, branches.Except(nullBranch).Single(), at);
                }

                return;
            }

            if (schema.TryGetProperty("type", out var type) && !Allows(type, value))
            {
                Problems.Add($"{at}: a {value.ValueKind}, but the schema says {type.GetRawText()}");
                return;
            }

            if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
            {
                Problems.Add($"{at}: {value.GetRawText()} is not one of {allowed.GetRawText()}");
            }

            if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
            {
                foreach (var member in Required(schema).Where(m => !value.TryGetProperty(m, out _)))
                {
                    Problems.Add($"{at}.{member}: required but missing");
                }

                var closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
                foreach (var member in value.EnumerateObject())
                {
                    if (properties.TryGetProperty(member.Name, out var memberSchema))
                    {
                        Check(member.Value, memberSchema, $"{at}.{member.Name}");
                    }
                    else if (closed)
                    {
                        Problems.Add($"{at}.{member.Name}: not in the schema");
                    }
                }
            }

            if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
            {
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, items, $"{at}[{index++}]");
                }
            }
        }

        private static bool IsNullOnly(JsonElement schema) =>
            schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

        private static bool Allows(JsonElement type, JsonElement value)
        {
            var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
            return value.ValueKind switch
            {
                JsonValueKind.Null => names.Contains("null"),
                JsonValueKind.String => names.Contains("string"),
                JsonValueKind.True or JsonValueKind.False => names.Contains("boolean"),
                JsonValueKind.Object => names.Contains("object"),
                JsonValueKind.Array => names.Contains("array"),
                JsonValueKind.Number => names.Contains("number") || (names.Contains("integer") && value.TryGetInt64(out _)),
                _ => false,
            };
        }
    }
}
