using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assessor.Api.Tests;

/// <summary>
/// What /openapi/v1.json tells a client: every schema member described, the members that are always there marked
/// required (and true to the service's validation; every real response is checked by Contract/ResponseContract), and the
/// bearer requirement on exactly the operations that need a key. The document does not depend on the database, so SQLite
/// is enough.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private static readonly HashSet<string> AnonymousOperations =
    [
        "ListChecklists", "GetChecklist", "VerifyReport", "GetCertifiedReportFile", "ServiceKeys", "LogCheckpoint", "LogInclusionProof",
        "LogConsistencyProof",
    ];

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
        ["ProblemDetails"] = ["type", "title", "status", "code", "traceId"],
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

    /// <summary>Issue 18, point 6: what the schema requires is what the service refuses to do without, absent or null.</summary>
    [SkippableFact]
    public async Task Each_required_request_member_is_one_the_service_refuses_to_do_without()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        using var admin = factory.Admin();
        using var scenario = await SignoffScenario.StartAsync(factory);
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var item = scenario.Items().First().Id;
        var requests = new (string Schema, Func<JsonObject, Task<HttpResponseMessage>> Send, string Prefix)[]
        {
            ("CreatePrincipalRequest", body => admin.PostAsJsonAsync("/api/v1/principals", body), "$."),
            ("CreateSpecialistRequest", body => admin.PostAsJsonAsync("/api/v1/specialists", body), "$."),
            ("AddSpecialistKeyRequest", body => admin.PostAsJsonAsync($"/api/v1/specialists/{scenario.SpecialistId}/keys", body), "$."),
            ("StartRunRequest", body => scenario.Specialist.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/checklist-runs", body), "$."),
            ("AnswerRequest", body => scenario.Specialist.PutAsJsonAsync($"/api/v1/checklist-runs/{scenario.RunId}/answers/{item}", body), "$."),
            ("EvidenceRequest",
                body => scenario.Specialist.PutAsJsonAsync($"/api/v1/checklist-runs/{scenario.RunId}/answers/{item}",
                    new JsonObject { ["answer"] = "satisfied", ["evidence"] = new JsonArray(body) }),
                "$.evidence[0]."),
            ("DecisionRequest", body => reviewer.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", body), "$."),
        };

        var wrong = new List<string>();
        foreach (var (schema, send, prefix) in requests)
        {
            var requiredMembers = Required(schemas.GetProperty(schema));
            foreach (var (what, body) in new[]
            {
                ("an empty request", new JsonObject()),
                ("a request with null for each", new JsonObject(requiredMembers.Select(m => KeyValuePair.Create(m, (JsonNode?)null)))),
            })
            {
                var response = await send(body);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{schema}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
                var refused = errors.EnumerateObject().Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
                var required = requiredMembers.Select(member => prefix + member).ToHashSet(StringComparer.Ordinal);
                if (!required.SetEquals(refused))
                {
                    wrong.Add($"{schema}: required [{string.Join(", ", required)}], but {what} is refused for [{string.Join(", ", refused)}]");
                }
            }

            // A member the service refuses as null is not nullable in the schema either.
            var properties = schemas.GetProperty(schema).GetProperty("properties");
            wrong.AddRange(requiredMembers.Where(m => properties.GetProperty(m).GetRawText().Contains("\"null\"", StringComparison.Ordinal))
                .Select(m => $"{schema}.{m} is required but the schema allows null"));
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
                // Anonymous is said explicitly, as the one empty requirement: security: [{}].
                if (security is null || !JsonElement.DeepEquals(requirements, JsonDocument.Parse("[{}]").RootElement))
                {
                    wrong.Add($"{method} {path} ({id}) is anonymous but declares {security ?? "nothing"}");
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
            var declaresKey = DeclaresKey(operation);
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

    internal static bool DeclaresKey(JsonElement operation) =>
        operation.TryGetProperty("security", out var requirements) && requirements.EnumerateArray().Any(r => r.EnumerateObject().Any());

    private static bool HasDescription(JsonElement schema) =>
        schema.TryGetProperty("description", out var description) && !string.IsNullOrWhiteSpace(description.GetString());

    internal static HashSet<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required)
            ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];

    internal static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
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
            ["{format}"] = "html",
        };
        var path = values.Aggregate(template, (current, value) => current.Replace(value.Key, value.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("{", path, StringComparison.Ordinal);
        return path;
    }
}
