using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assessor.Api.Tests;

/// <summary>
/// GET /regimes and the regimes in the OpenAPI document: each regime's windows, attestation and outcome, and a JSON Schema
/// of its document that the real documents meet and broken ones do not. The document does not depend on the database.
/// </summary>
public sealed class RegimeCatalogTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [SkippableFact]
    public async Task Every_regime_is_listed_with_its_windows_outcome_attestation_and_requirements()
    {
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;

        var regimes = await reviewer.GetFromJsonAsync<JsonElement>("/api/v1/regimes");

        Assert.Equal(["connected-industries-2018", "it-donyu-2018", "monozukuri-2018"], regimes.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var tax = regimes[0];
        Assert.Equal("taxBenefit", tax.GetProperty("outcome").GetString());
        Assert.Equal("""{"kind":"specialist-signoff","requirement":"security"}""", tax.GetProperty("attestation").GetRawText());
        Assert.Equal("""[{"id":"investment","opens":"2018-06-06","closes":"2021-03-31"}]""", tax.GetProperty("windows").GetRawText());
        Assert.Equal(0, tax.GetProperty("bonus").GetArrayLength());
        var subsidy = regimes[1];
        Assert.Equal("grant", subsidy.GetProperty("outcome").GetString());
        Assert.Equal("IT introduction subsidy, 2018", subsidy.GetProperty("name").GetProperty("en").GetString());
        Assert.Equal("""{"kind":"applicant-self-check","requirement":"security-action","checklist":"ipa-self-check@1"}""", subsidy.GetProperty("attestation").GetRawText());
        Assert.Equal(
            """[{"id":"round-1","opens":"2018-04-20","closes":"2018-06-04","decidedOn":"2018-06-14"},{"id":"round-2","opens":"2018-06-20","closes":"2018-08-03","decidedOn":"2018-08-15"},{"id":"round-3","opens":"2018-09-12","closes":"2018-12-18","decidedOn":"2018-10-05"}]""",
            subsidy.GetProperty("windows").GetRawText());
        Assert.Equal(
            ["sme", "window", "security-action", "diagnosis", "third-party-review", "tools", "productivity", "grant-amount"],
            subsidy.GetProperty("requirements").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(4, subsidy.GetProperty("bonus").GetArrayLength());
        var monozukuri = regimes[2];
        Assert.Equal("grant", monozukuri.GetProperty("outcome").GetString());
        Assert.Equal("""{"kind":"support-organisation-signoff","requirement":"support-organisation","checklist":"monozukuri-confirmation@1"}""", monozukuri.GetProperty("attestation").GetRawText());
        Assert.Equal(
            """[{"id":"round-1","opens":"2018-02-28","closes":"2018-04-27"},{"id":"round-2","opens":"2018-08-03","closes":"2018-09-10"}]""",
            monozukuri.GetProperty("windows").GetRawText());
        Assert.Equal(
            ["participants", "window", "data-sharing", "allocation", "consortium-consent", "support-organisation", "sme", "equipment", "plan-targets", "grant-amount"],
            monozukuri.GetProperty("requirements").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["advanced-equipment-plan", "management-plan", "wage-raise", "small-business-small-type"],
            monozukuri.GetProperty("bonus").EnumerateArray().Select(b => b.GetProperty("id").GetString()));

        using var anonymous = factory.ClientWithKey(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/regimes")).StatusCode);
    }

    [SkippableFact]
    public async Task Each_document_schema_accepts_its_regimes_example_and_refuses_a_broken_one()
    {
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var regimes = await reviewer.GetFromJsonAsync<JsonElement>("/api/v1/regimes");
        var taxSchema = regimes[0].GetProperty("documentSchema");
        var subsidySchema = regimes[1].GetProperty("documentSchema");

        Assert.Empty(SchemaCheck.Problems(JsonDocument.Parse(TestPlans.ExampleBytes()).RootElement, taxSchema));
        Assert.Empty(SchemaCheck.Problems(JsonDocument.Parse(ItDonyuPlans.ExampleBytes()).RootElement, subsidySchema));
        var monozukuriSchema = regimes[2].GetProperty("documentSchema");
        Assert.Empty(SchemaCheck.Problems(JsonDocument.Parse(MonozukuriPlans.ExampleBytes()).RootElement, monozukuriSchema));
        var consortium = MonozukuriPlans.Example();
        consortium["type"] = "joint-venture";
        consortium["participants"]![1]!["shareholding"] = 1;
        Assert.Equal(
            ["$.participants[1].shareholding: not in the schema", "$.type: \"joint-venture\" is not allowed"],
            SchemaCheck.Problems(JsonDocument.Parse(consortium.ToJsonString()).RootElement, monozukuriSchema).Order());

        var broken = ItDonyuPlans.Example();
        broken["tools"]![0]!["category"] = "printer";
        broken["tools"]![1]!["price"] = 1;
        broken["applicant"]!.AsObject().Remove("ownership");
        Assert.Equal(
            ["$.applicant.ownership: required but missing", "$.tools[0].category: \"printer\" is not allowed", "$.tools[1].price: not in the schema"],
            SchemaCheck.Problems(JsonDocument.Parse(broken.ToJsonString()).RootElement, subsidySchema).Order());
        Assert.NotEmpty(SchemaCheck.Problems(JsonDocument.Parse(ItDonyuPlans.ExampleBytes()).RootElement, taxSchema));
        Assert.Equal(
            ["regime", "title", "applicant", "round", "appliedOn", "tools", "productivity"],
            subsidySchema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        // Each regime's schema stands alone: nothing of the other regime's document comes with it.
        Assert.False(subsidySchema.GetProperty("$defs").TryGetProperty("PlanDocument", out _));
        Assert.False(taxSchema.GetProperty("$defs").TryGetProperty("ItDonyuPlan", out _));
        Assert.False(subsidySchema.TryGetProperty("allOf", out _));

        // Nested members are described too, laid out as every other description (no line breaks from the comments).
        var entityType = subsidySchema.GetProperty("$defs").GetProperty("SubsidyApplicant").GetProperty("properties").GetProperty("entityType");
        Assert.StartsWith("The legal form", entityType.GetProperty("description").GetString());
        Assert.DoesNotContain("\n", entityType.GetProperty("description").GetString());
    }

    [SkippableFact]
    public async Task The_openapi_document_offers_every_regimes_document_assessment_and_report_through_a_base()
    {
        using var anonymous = factory.ClientWithKey(null);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        foreach (var (path, method) in new[] { ("/api/v1/plans", "post"), ("/api/v1/plans/{id}", "put"), ("/api/v1/assessments", "post") })
        {
            var body = paths.GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal("#/components/schemas/RegimePlanDocument", body.GetProperty("$ref").GetString());
        }

        foreach (var (path, method) in new[] { ("/api/v1/plans/{id}/assessment", "get"), ("/api/v1/assessments", "post") })
        {
            var answer = paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal("#/components/schemas/RegimeAssessment", answer.GetProperty("$ref").GetString());
        }

        // Each base holds what every regime's schema shares, and maps the member that tells them apart to each.
        foreach (var (name, discriminator, shared, mapping) in new (string, string, string[], (string, string)[])[]
        {
            ("RegimePlanDocument", "regime", ["regime", "title"],
                [("connected-industries-2018", "PlanDocument"), ("it-donyu-2018", "ItDonyuPlan"), ("monozukuri-2018", "MonozukuriPlan")]),
            ("RegimeAssessment", "regime", ["planId", "revision", "digest", "regime", "eligible", "requirements"],
                [("connected-industries-2018", "Assessment"), ("it-donyu-2018", "GrantAssessment"), ("monozukuri-2018", "MonozukuriAssessment")]),
            ("RegimeReport", "schema", ["schema", "certified", "generatedAt", "plan", "decision", "history", "logIndex", "certificate"],
                [("https://assessor.example/reports/certification/v1", "CertificationReport"), ("https://assessor.example/reports/it-donyu-2018/v1", "ItDonyuReport"),
                 ("https://assessor.example/reports/monozukuri-2018/v1", "MonozukuriReport")]),
        })
        {
            var schema = schemas.GetProperty(name);
            Assert.Equal(shared, schema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
            Assert.Equal(discriminator, schema.GetProperty("discriminator").GetProperty("propertyName").GetString());
            foreach (var (value, component) in mapping)
            {
                Assert.Equal($"#/components/schemas/{component}", schema.GetProperty("discriminator").GetProperty("mapping").GetProperty(value).GetString());
                Assert.Equal($"#/components/schemas/{name}", schemas.GetProperty(component).GetProperty("allOf")[0].GetProperty("$ref").GetString());
            }
        }

        Assert.Equal(["regime", "eligible", "requirements", "grant", "bonus"], Required(schemas.GetProperty("GrantAssessment")));
        Assert.Equal("#/components/schemas/RequirementResult", schemas.GetProperty("GrantAssessment").GetProperty("properties").GetProperty("requirements").GetProperty("items").GetProperty("$ref").GetString());
        Assert.Equal(["eligibleCost", "excluded", "rate", "floor", "cap", "amount"], Required(schemas.GetProperty("Grant")));
        Assert.Equal(["regime", "title", "applicant", "round", "appliedOn", "tools", "productivity"], Required(schemas.GetProperty("ItDonyuPlan")));
        Assert.Equal("#/components/schemas/RegimeId", schemas.GetProperty("ItDonyuPlan").GetProperty("properties").GetProperty("regime").GetProperty("$ref").GetString());
        Assert.Equal(["regime", "eligible", "requirements", "grant", "bonus"], Required(schemas.GetProperty("MonozukuriAssessment")));
        Assert.Equal(["participants", "total"], Required(schemas.GetProperty("ConsortiumGrant")));
        Assert.Equal(["regime", "title", "type", "track", "round", "appliedOn", "participants"], Required(schemas.GetProperty("MonozukuriPlan")));
        Assert.Equal(["answer"], Required(schemas.GetProperty("SelfCheckAnswerRequest")));
        Assert.Equal(
            ["id", "planId", "planRevision", "planDigest", "checklistId", "checklistVersion", "status", "answered", "itemCount", "complete", "maximum", "unanswered", "items", "createdAt", "updatedAt"],
            Required(schemas.GetProperty("SelfCheckRunView")));
        Assert.Equal(["id", "name", "outcome", "attestation", "windows", "requirements", "bonus", "documentSchema"], Required(schemas.GetProperty("RegimeView")));
    }

    [SkippableFact]
    public async Task Real_subsidy_answers_meet_their_documented_schemas()
    {
        using var anonymous = factory.ClientWithKey(null);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        using var applicant = await factory.ApplicantAsync();
        var planId = await ItDonyuPlans.UploadAsync(applicant);
        var run = await ItDonyuPlans.StartSelfCheckAsync(applicant, planId);
        var answered = await ItDonyuPlans.AnswerAsync(applicant, run);
        var assessment = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/assessment");
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var regimes = await reviewer.GetFromJsonAsync<JsonElement>("/api/v1/regimes");

        Assert.Empty(SchemaCheck.Problems(assessment, schemas.GetProperty("GrantAssessment"), schemas));
        var consortium = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{await MonozukuriPlans.UploadAsync(applicant)}/assessment");
        Assert.Empty(SchemaCheck.Problems(consortium, schemas.GetProperty("MonozukuriAssessment"), schemas));
        Assert.Empty(SchemaCheck.Problems(run, schemas.GetProperty("SelfCheckRunView"), schemas));
        Assert.Empty(SchemaCheck.Problems(answered, schemas.GetProperty("SelfCheckRunView"), schemas));
        Assert.All(regimes.EnumerateArray(), regime => Assert.Empty(SchemaCheck.Problems(regime, schemas.GetProperty("RegimeView"), schemas)));
    }

    [SkippableFact]
    public async Task An_empty_self_check_answer_is_refused_for_exactly_its_required_member()
    {
        using var applicant = await factory.ApplicantAsync();
        var planId = await ItDonyuPlans.UploadAsync(applicant);
        var runId = (await ItDonyuPlans.StartSelfCheckAsync(applicant, planId)).GetProperty("id").GetString();

        var response = await applicant.PutAsJsonAsync($"/api/v1/self-check-runs/{runId}/answers/IPA-01", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["$.answer"], (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    private static List<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!)] : [];
}

/// <summary>
/// Enough JSON Schema to check documents and answers against the service's schemas: <c>$ref</c> (OpenAPI components,
/// <c>$defs</c> or the root), <c>type</c>, <c>enum</c>, <c>required</c>, <c>properties</c>, closed <c>additionalProperties</c>,
/// <c>items</c>, and <c>anyOf</c>/<c>oneOf</c>.
/// </summary>
public static class SchemaCheck
{
    public static List<string> Problems(JsonElement value, JsonElement schema, JsonElement? components = null)
    {
        var problems = new List<string>();
        Check(value, schema, schema, components, "$", problems);
        return problems;
    }

    private static void Check(JsonElement value, JsonElement schema, JsonElement root, JsonElement? components, string at, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = reference.GetString()!;
            var resolved = target == "#" ? root
                : target.StartsWith("#/$defs/", StringComparison.Ordinal) ? root.GetProperty("$defs").GetProperty(target["#/$defs/".Length..])
                : components!.Value.GetProperty(target["#/components/schemas/".Length..]);
            Check(value, resolved, root, components, at, problems);
            return;
        }

        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combinator, out var branches))
            {
                if (!branches.EnumerateArray().Any(branch => Problems(value, branch, root, components).Count == 0))
                {
                    problems.Add($"{at}: matches no branch of {combinator}");
                }

                return;
            }
        }

        if (schema.TryGetProperty("type", out var type) && !Allows(type, value))
        {
            problems.Add($"{at}: a {value.ValueKind}, but the schema says {type.GetRawText()}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            problems.Add($"{at}: {value.GetRawText()} is not allowed");
        }

        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            if (schema.TryGetProperty("required", out var required))
            {
                problems.AddRange(required.EnumerateArray().Select(r => r.GetString()!).Where(m => !value.TryGetProperty(m, out _)).Select(m => $"{at}.{m}: required but missing"));
            }

            var closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
            foreach (var member in value.EnumerateObject())
            {
                if (properties.TryGetProperty(member.Name, out var memberSchema))
                {
                    Check(member.Value, memberSchema, root, components, $"{at}.{member.Name}", problems);
                }
                else if (closed)
                {
                    problems.Add($"{at}.{member.Name}: not in the schema");
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(item, items, root, components, $"{at}[{index++}]", problems);
            }
        }
    }

    private static List<string> Problems(JsonElement value, JsonElement schema, JsonElement root, JsonElement? components)
    {
        var problems = new List<string>();
        Check(value, schema, root, components, "$", problems);
        return problems;
    }

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
