using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assessor.Api.Tests.Contract;

/// <summary>
/// Issue 18: an OpenAPI contract that generated clients can rely on. Each test guards one of the points an integrator
/// found; the requests these tests (and every other test) send are checked against the document by
/// <see cref="ContractCheckingHandler"/>, so the real answers named here are proven to be declared too.
/// </summary>
public sealed class OpenApiContractTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string Ref = "#/components/schemas/";

    /// <summary>Point 1: problems declare <c>code</c>, <c>traceId</c> and every member the service sends, and stay open.</summary>
    [SkippableFact]
    public async Task Problems_declare_every_member_the_service_sends_and_allow_more()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var problem = schemas.GetProperty("ProblemDetails");
        Assert.Superset(new HashSet<string> { "type", "title", "status", "code", "traceId" }, OpenApiDocumentTests.Required(problem));
        var members = problem.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(
            new HashSet<string> { "code", "traceId", "errors", "errorsJa", "currentState", "failing", "items", "path", "retryAfter", "statementBytes", "maxStatementBytes" },
            members);
        Assert.False(problem.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False,
            "additionalProperties: false makes generated clients drop code and every other member they do not know");
        Assert.False(schemas.TryGetProperty("HttpValidationProblemDetails", out _), "a validation problem is a problem with errors: one schema");

        var wrong = new List<string>();
        foreach (var (path, method, operation) in OpenApiDocumentTests.Operations(document))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var schema = response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out var media)
                    ? Reference(media.GetProperty("schema"))
                    : "nothing";
                if (schema != "ProblemDetails")
                {
                    wrong.Add($"{method} {path} {response.Name}: {schema}");
                }
            }
        }

        Assert.True(wrong.Count == 0, "Error responses not declared as ProblemDetails:\n" + string.Join("\n", wrong));
    }

    /// <summary>Point 1, for real: a generated client reads <c>code</c> (and the members that explain it) off the document's schema.</summary>
    [SkippableFact]
    public async Task Real_problems_carry_the_members_the_schema_declares()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        var stale = await scenario.Applicant.PostAsync($"/api/v1/plans/{scenario.PlanId}/submit", null);
        var problem = await stale.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("illegal-transition", problem.GetProperty("code").GetString());
        Assert.Equal("submitted", problem.GetProperty("currentState").GetString());
        Assert.StartsWith("00-", problem.GetProperty("traceId").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Point 2: the error statuses the integrator met undeclared are declared, and the real answers match.</summary>
    [SkippableFact]
    public async Task Error_statuses_the_service_answers_are_declared()
    {
        var document = await DocumentAsync();
        var expected = new Dictionary<string, int[]>
        {
            ["CreatePlan"] = [400, 401, 403, 409, 413, 415, 422, 429],
            ["RevisePlan"] = [400, 401, 403, 404, 409, 412, 413, 415, 422, 428, 429],
            ["StartChecklistRun"] = [400, 401, 403, 404, 409, 422, 429],
            ["AnswerChecklistItem"] = [400, 401, 403, 404, 409, 422, 429],
            ["SignOffChecklistRun"] = [400, 401, 403, 404, 409, 413, 415, 422, 429],
            ["GetPlanReport"] = [304, 400, 401, 404, 429, 503],
            ["ListChecklists"] = [429],
        };
        var wrong = new List<string>();
        foreach (var (_, _, operation) in OpenApiDocumentTests.Operations(document))
        {
            var id = operation.GetProperty("operationId").GetString()!;
            var declared = operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            if (expected.TryGetValue(id, out var statuses) && !declared.IsSupersetOf(statuses))
            {
                wrong.Add($"{id}: declares [{string.Join(", ", declared.Order())}], lacks [{string.Join(", ", statuses.Except(declared))}]");
            }

            // Every operation can be throttled (failed authentications are counted per address, before any key is read).
            if (!declared.Contains(429))
            {
                wrong.Add($"{id}: no 429");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));

        // The answers themselves, each checked against the document on the way in.
        using var scenario = await SignoffScenario.StartAsync(factory);
        var unknownRegime = TestPlans.Example();
        unknownRegime["regime"] = "no-such-regime";
        Assert.Equal("unknown-regime", await (await scenario.Applicant.PostAsync("/api/v1/plans", TestPlans.Json(unknownRegime)))
            .ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));

        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans") { Content = TestPlans.Json(TestPlans.ExampleBytes()) };
        first.Headers.Add("Idempotency-Key", "contract-test-key");
        var created = await scenario.Applicant.SendAsync(first);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var reused = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans") { Content = TestPlans.Json(TestPlans.ExampleFor(TestPlans.SampleCorporateNumber).ToJsonString() + " ") };
        reused.Headers.Add("Idempotency-Key", "contract-test-key");
        Assert.Equal("idempotency-key-reused", await (await scenario.Applicant.SendAsync(reused)).ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));

        var draft = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var revise = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/plans/{draft}")
        {
            Content = TestPlans.Json(TestPlans.ExampleFor(TestPlans.OtherCorporateNumber())),
        };
        revise.Headers.TryAddWithoutValidation("If-Match", "*");
        Assert.Equal("applicant-changed", await (await scenario.Applicant.SendAsync(revise)).ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));

        using var anonymous = factory.ClientWithKey(null);
        var start = new { checklistId = "ci-tax-security", version = 1 };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/checklist-runs", start)).StatusCode);
        Assert.Equal("forbidden", await (await scenario.Applicant.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/checklist-runs", start))
            .ProblemCodeAsync(HttpStatusCode.Forbidden));

        var badFormat = await (await scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}/report?format=docx")).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("validation", badFormat.GetProperty("code").GetString());
        Assert.True(badFormat.GetProperty("errors").TryGetProperty("format", out _));
    }

    /// <summary>Point 3: every success with a body declares its content; the report in each format, by query or by Accept, and 304.</summary>
    [SkippableFact]
    public async Task Every_body_is_declared_with_its_media_type_and_schema()
    {
        var document = await DocumentAsync();
        var wrong = new List<string>();
        foreach (var (path, method, operation) in OpenApiDocumentTests.Operations(document))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] == '2' && r.Name != "204"))
            {
                if (!response.Value.TryGetProperty("content", out var content) || !content.EnumerateObject().Any()
                    || content.EnumerateObject().Any(m => !m.Value.TryGetProperty("schema", out _)))
                {
                    wrong.Add($"{method} {path} {response.Name}: no content with a schema");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        var report = Operation(document, "GetPlanReport").GetProperty("responses");
        var formats = report.GetProperty("200").GetProperty("content");
        Assert.Equal(["application/json", "application/oscal+json", "application/pdf", "text/html", "text/markdown"],
            formats.EnumerateObject().Select(m => m.Name).Order());
        Assert.Contains("assessment-results", formats.GetProperty("application/oscal+json").GetProperty("schema").GetProperty("required").EnumerateArray()
            .Select(r => r.GetString()));
        // A JSON report of any regime (CertificationReport for the tax), told apart by its schema member.
        Assert.Equal($"{Ref}RegimeReport", formats.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("binary", formats.GetProperty("application/pdf").GetProperty("schema").GetProperty("format").GetString());
        Assert.False(report.GetProperty("304").TryGetProperty("content", out _));
        Assert.Equal($"{Ref}RegimePlanDocument", Content(document, "GetRevision", "200", "application/json").GetProperty("$ref").GetString());
        Assert.Equal($"{Ref}InTotoStatementOfSecurityPredicate",
            Content(document, "GetChecklistRunStatement", "200", "application/vnd.in-toto+json").GetProperty("$ref").GetString());

        using var scenario = await SignoffScenario.StartAsync(factory);
        var url = $"/api/v1/plans/{scenario.PlanId}/report";
        foreach (var format in new[] { "html", "md", "json" })
        {
            Assert.Equal(HttpStatusCode.OK, (await scenario.Applicant.GetAsync($"{url}?format={format}")).StatusCode);
        }

        foreach (var accept in new[] { "text/markdown", "application/json" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            var response = await scenario.Applicant.SendAsync(request);
            Assert.Equal(accept, response.Content.Headers.ContentType?.MediaType);
        }

        var json = await scenario.Applicant.GetAsync($"{url}?format=json");
        using var again = new HttpRequestMessage(HttpMethod.Get, $"{url}?format=json");
        again.Headers.IfNoneMatch.Add(json.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await scenario.Applicant.SendAsync(again)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}/revisions/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Specialist.GetAsync($"/api/v1/checklist-runs/{scenario.RunId}/statement")).StatusCode);
    }

    /// <summary>Point 4: the headers responses carry and the headers requests may send are declared.</summary>
    [SkippableFact]
    public async Task Response_and_request_headers_are_declared()
    {
        var document = await DocumentAsync();
        var responseHeaders = new (string Operation, string Status, string[] Headers)[]
        {
            ("CreatePlan", "201", ["Location", "ETag", "Idempotent-Replayed"]),
            ("GetPlan", "200", ["ETag"]),
            ("RevisePlan", "200", ["ETag"]),
            ("SubmitPlan", "200", ["ETag"]),
            ("DecidePlan", "200", ["ETag"]),
            ("GetRevision", "200", ["ETag", "Digest", "Repr-Digest", "Cache-Control"]),
            ("GetChecklistRunStatement", "200", ["ETag", "Content-Disposition"]),
            ("GetPlanReport", "200", ["ETag", "Content-Disposition"]),
            ("GetPlanReport", "304", ["ETag"]),
            ("CreatePrincipal", "201", ["Location", "Cache-Control"]),
            ("ListPrincipals", "200", ["Cache-Control"]),
            ("SignOffChecklistRun", "201", ["Location", "Idempotent-Replayed"]),
            ("SignOffChecklistRun", "409", ["Retry-After"]),
            ("ListPlans", "401", ["WWW-Authenticate"]),
            ("ListPlans", "429", ["Retry-After"]),
        };
        var wrong = new List<string>();
        foreach (var (id, status, headers) in responseHeaders)
        {
            var declared = Operation(document, id).GetProperty("responses").GetProperty(status).TryGetProperty("headers", out var h)
                ? h.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)
                : [];
            wrong.AddRange(headers.Where(header => !declared.Contains(header)).Select(header => $"{id} {status}: no {header}"));
        }

        var requestHeaders = new (string Operation, string Header, bool Required)[]
        {
            ("CreatePlan", "Idempotency-Key", false),
            ("SignOffChecklistRun", "Idempotency-Key", false),
            ("RevisePlan", "If-Match", true),
            ("SubmitPlan", "If-Match", false),
            ("GetPlanReport", "If-None-Match", false),
        };
        foreach (var (id, header, required) in requestHeaders)
        {
            var parameter = Parameters(document, id).FirstOrDefault(p => p.GetProperty("in").GetString() == "header" && p.GetProperty("name").GetString() == header);
            if (parameter.ValueKind == JsonValueKind.Undefined)
            {
                wrong.Add($"{id}: no {header} header parameter");
            }
            else if ((parameter.TryGetProperty("required", out var r) && r.GetBoolean()) != required)
            {
                wrong.Add($"{id}: {header} should {(required ? "" : "not ")}be required");
            }
        }

        var ifMatch = Parameters(document, "RevisePlan").Single(p => p.GetProperty("name").GetString() == "If-Match");
        Assert.Contains("`*`", ifMatch.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>Point 5: members the service leaves out when null are not required (generated clients threw on them).</summary>
    [SkippableFact]
    public async Task Members_left_out_when_null_are_not_required()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var optional = new (string Schema, string Member)[]
        {
            ("CreatedPrincipal", "corporateNumber"), ("CreatedPrincipal", "specialistId"), ("PrincipalView", "corporateNumber"),
            ("PrincipalView", "specialistId"), ("SpecialistKeyView", "revokedAt"), ("SpecialistView", "revokedAt"), ("SpecialistView", "keys"),
            ("RunView", "signoff"), ("RunItemView", "answer"), ("AnswerView", "justification"), ("AnswerView", "notes"),
        };
        var wrong = optional.Where(o => OpenApiDocumentTests.Required(schemas.GetProperty(o.Schema)).Contains(o.Member)).ToList();
        Assert.True(wrong.Count == 0, "Required though omitted when null: " + string.Join(", ", wrong));
    }

    /// <summary>Point 7: closed value sets are named enums of strings, in members and in parameters.</summary>
    [SkippableFact]
    public async Task Closed_value_sets_are_string_enums()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var untyped = schemas.EnumerateObject().Where(s => s.Value.TryGetProperty("enum", out _))
            .Where(s => !s.Value.TryGetProperty("type", out var type) || type.GetString() != "string").Select(s => s.Name).ToList();
        Assert.True(untyped.Count == 0, "Enums without type string: " + string.Join(", ", untyped));

        var members = new (string Schema, string Member, string Enum)[]
        {
            ("CreatePrincipalRequest", "role", "Role"), ("CreatedPrincipal", "role", "Role"), ("PrincipalView", "role", "Role"),
            ("CreateSpecialistRequest", "kind", "SpecialistKind"), ("SpecialistView", "kind", "SpecialistKind"),
            ("AnswerRequest", "answer", "Answer"), ("AnswerView", "answer", "Answer"), ("DecisionRequest", "decision", "Decision"),
            ("ReportLookup", "decision", "Decision"), ("PlanView", "status", "PlanStatus"), ("RunView", "status", "RunStatus"),
            ("RunView", "verdict", "Verdict"), ("SignoffView", "verdict", "Verdict"), ("RequirementResult", "status", "RequirementStatus"),
            ("PlanDocument", "regime", "RegimeId"), ("Assessment", "regime", "RegimeId"), ("PlanView", "regime", "RegimeId"),
            ("ReportFileInfo", "format", "ReportFormat"),
        };
        var wrong = members.Where(m => Reference(schemas.GetProperty(m.Schema).GetProperty("properties").GetProperty(m.Member)) != m.Enum)
            .Select(m => $"{m.Schema}.{m.Member} is not a {m.Enum}").ToList();
        foreach (var (id, parameter, set) in new[] { ("ListPlans", "status", "PlanStatus"), ("GetPlanReport", "format", "ReportFormat") })
        {
            var schema = Parameters(document, id).Single(p => p.GetProperty("name").GetString() == parameter).GetProperty("schema");
            if (Reference(schema) != set)
            {
                wrong.Add($"{id} parameter {parameter} is not a {set}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>Point 8: no member is untyped; raw JSON members name what they hold.</summary>
    [SkippableFact]
    public async Task No_member_is_untyped()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        var untyped = new List<string>();
        foreach (var schema in schemas.EnumerateObject())
        {
            FindUntyped(schema.Value, schema.Name, untyped);
        }

        Assert.True(untyped.Count == 0, "Untyped: " + string.Join(", ", untyped));
        Assert.Equal("RegimePlanDocument", Reference(schemas.GetProperty("PlanView").GetProperty("properties").GetProperty("document")));
        Assert.Equal("DsseEnvelope", Reference(schemas.GetProperty("ReportLookup").GetProperty("properties").GetProperty("envelope")));
        var figures = schemas.GetProperty("RequirementResult").GetProperty("properties").GetProperty("figures").GetProperty("anyOf")
            .EnumerateArray().Select(Reference).ToList();
        string[] expectedFigures =
            [
                // connected-industries-2018
                "DataLinkageFigures", "LabourProductivityFigures", "MinimumInvestmentFigures", "ReturnOnInvestmentFigures", "SecurityFigures", "WindowFigures",
                // it-donyu-2018
                "DiagnosisFigures", "GrantAmountFigures", "ProductivityFigures", "RoundFigures", "SecurityActionFigures", "SmeFigures",
                "ThirdPartyReviewFigures", "ToolsFigures",
                // monozukuri-2018
                "AllocationFigures", "ConsentFigures", "DataSharingFigures", "EquipmentFigures", "MonozukuriWindowFigures", "ParticipantGrant",
                "ParticipantSmeFigures", "ParticipantsFigures", "PlanTargetsFigures", "SupportOrganisationFigures",
            ];
        Assert.Equal(expectedFigures.Order(), figures.Order());
    }

    /// <summary>Point 9: one id, one format; one number, one width.</summary>
    [SkippableFact]
    public async Task Ids_and_numbers_keep_one_type_across_schemas()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        string TypeOf(string schema, string member)
        {
            var property = schemas.GetProperty(schema).GetProperty("properties").GetProperty(member);
            var type = property.GetProperty("type");
            var name = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).Single(t => t != "null") : type.GetString();
            return $"{name}/{(property.TryGetProperty("format", out var format) ? format.GetString() : "")}";
        }

        Assert.Equal("string/uuid", TypeOf("Assessment", "planId"));
        var revisions = new[]
        {
            ("Assessment", "revision"), ("PlanView", "currentRevision"), ("RunView", "planRevision"), ("SignoffView", "planRevision"),
            ("ReportLookup", "revision"), ("DecisionRequest", "revision"), ("ReportPlan", "revision"), ("AttestedPlan", "revision"),
        };
        Assert.All(revisions, r => Assert.Equal("integer/int64", TypeOf(r.Item1, r.Item2)));
        var versions = new[] { ("StartRunRequest", "version"), ("RunView", "checklistVersion"), ("ChecklistDefinition", "version"), ("ChecklistSummary", "version") };
        Assert.All(versions, v => Assert.Equal("integer/int32", TypeOf(v.Item1, v.Item2)));
    }

    /// <summary>Point 10: what the linters flagged (the linters themselves run in .ci/run, tools/contract).</summary>
    [SkippableFact]
    public async Task The_document_keeps_what_the_linters_ask_for()
    {
        var document = await DocumentAsync();
        var server = Assert.Single(document.GetProperty("servers").EnumerateArray()).GetProperty("url").GetString()!;
        Assert.True(server == "/" || !server.EndsWith('/'), $"server URL {server} ends with a slash");
        Assert.False(server.Contains("://", StringComparison.Ordinal), "the server URL must not echo the request's Host");
        var info = document.GetProperty("info");
        Assert.True(info.GetProperty("license").TryGetProperty("identifier", out _));
        Assert.True(info.TryGetProperty("contact", out _));

        var tags = document.GetProperty("tags").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.TryGetProperty("description", out var d) ? d.GetString() : null);
        var wrong = new List<string>();
        foreach (var (path, method, operation) in OpenApiDocumentTests.Operations(document))
        {
            var where = $"{method} {path}";
            if (!operation.TryGetProperty("description", out var description) || string.IsNullOrWhiteSpace(description.GetString()))
            {
                wrong.Add($"{where}: no description");
            }

            if (!operation.GetProperty("responses").EnumerateObject().Any(r => r.Name[0] == '4'))
            {
                wrong.Add($"{where}: no 4xx response");
            }

            if (!operation.TryGetProperty("security", out _))
            {
                wrong.Add($"{where}: no security requirement (anonymous operations declare [{{}}])");
            }

            wrong.AddRange(operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)
                .Where(t => string.IsNullOrWhiteSpace(tags.GetValueOrDefault(t))).Select(t => $"{where}: tag {t} is not declared with a description"));
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static void FindUntyped(JsonElement schema, string at, List<string> untyped)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        string[] typing = ["type", "$ref", "anyOf", "oneOf", "allOf", "enum", "const"];
        if (!typing.Any(keyword => schema.TryGetProperty(keyword, out _)))
        {
            untyped.Add(at);
        }

        foreach (var keyword in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(keyword, out var branches))
            {
                var index = 0;
                foreach (var branch in branches.EnumerateArray())
                {
                    FindUntyped(branch, $"{at}/{keyword}[{index++}]", untyped);
                }
            }
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                FindUntyped(property.Value, $"{at}.{property.Name}", untyped);
            }
        }

        if (schema.TryGetProperty("items", out var items))
        {
            FindUntyped(items, $"{at}[]", untyped);
        }

        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
        {
            FindUntyped(additional, $"{at}{{}}", untyped);
        }
    }

    private static string? Reference(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference) ? reference.GetString()![Ref.Length..] : null;

    private static JsonElement Operation(JsonElement document, string id) =>
        OpenApiDocumentTests.Operations(document).Single(o => o.Operation.GetProperty("operationId").GetString() == id).Operation;

    private static IEnumerable<JsonElement> Parameters(JsonElement document, string id) =>
        Operation(document, id).TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : [];

    private static JsonElement Content(JsonElement document, string id, string status, string mediaType) =>
        Operation(document, id).GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty(mediaType).GetProperty("schema");

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = factory.ClientWithKey(null);
        return await client.GetFromJsonAsync<JsonElement>(ResponseContract.DocumentPath);
    }
}
