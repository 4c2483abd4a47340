using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assessor.Domain.Assessments;
using Assessor.Domain.Checklists;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.Reports;
using Assessor.Service.Plans;
using Assessor.Service.Reports;

namespace Assessor.Service.Oscal;

/// <summary>Everything an OSCAL export of a plan is made of, all of it read from stored data.</summary>
/// <param name="Plan">The plan as stored.</param>
/// <param name="Digest"><c>sha256:</c> and the hex SHA-256 of the current revision's bytes.</param>
/// <param name="Assessment">The assessment of the current revision.</param>
/// <param name="Attestation">The attestation the regime counts (a sign-off or a self-check); null without one.</param>
/// <param name="Checklist">The checklist version the attestation answered; null without an attestation.</param>
/// <param name="Decision">The reviewer's latest decision; null before one.</param>
/// <param name="History">The plan's events from the audit log, oldest first.</param>
/// <param name="StoredEvidence">The SHA-256 of every evidence file stored for the plan, downloadable from the plan's evidence route.</param>
public sealed record OscalInput(
    PlanRow Plan,
    string Digest,
    IRegimeAssessment Assessment,
    ReportAttestation? Attestation,
    ChecklistDefinition? Checklist,
    ReportDecision? Decision,
    IReadOnlyList<ReportHistoryEntry> History,
    IReadOnlySet<string> StoredEvidence);

/// <summary>
/// A plan's assessment as an OSCAL 1.0.6 <c>assessment-results</c> document (see docs/oscal.md). Every UUID is derived
/// from our ids (<see cref="OscalIds"/>) and every time is a stored one, so the same stored state always gives the same
/// bytes. Free text written by applicants, specialists and reviewers goes only into markup fields, Markdown-escaped.
/// </summary>
public static class OscalExport
{
    public const string OscalVersion = "1.0.6";

    /// <summary>The namespace of every property this service defines (an identifier, not a web page).</summary>
    public const string Namespace = "https://assessor.example/ns/oscal";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The document as indented UTF-8 JSON.</summary>
    public static byte[] ToJson(OscalInput input) => JsonSerializer.SerializeToUtf8Bytes(Build(input), Indented);

    public static JsonObject Build(OscalInput input)
    {
        var plan = input.Plan;
        var prefix = $"plan/{plan.Id}/revision/{plan.CurrentRevision}";
        var parties = new Parties(input);
        var items = ChecklistResults(input);

        var result = new JsonObject
        {
            ["uuid"] = OscalIds.For($"{prefix}/result"),
            ["title"] = $"Assessment of revision {plan.CurrentRevision} under {plan.Regime}",
            ["description"] = "The service's assessment of every requirement of the plan's regime on this revision"
                + (items.Count > 0 ? $", and the security checklist {input.Checklist!.Id} version {input.Checklist.Version} as attested." : "."),
            ["start"] = Time(input.History.Count > 0 ? input.History[0].Time : plan.CreatedAt),
        };
        if (input.Decision is { } decided)
        {
            result["end"] = Time(decided.DecidedAt);
        }

        result["props"] = Props(
            ("plan-revision", plan.CurrentRevision.ToString(CultureInfo.InvariantCulture)),
            ("revision-digest", input.Digest),
            ("plan-status", plan.Status.ToWire()),
            ("eligible", input.Assessment.Eligible ? "true" : "false"));
        result["reviewed-controls"] = ReviewedControls(input, items);

        var observations = items.Where(i => i.Answer is not null)
            .Select(i => Observation(prefix, i, parties, input)).ToList();
        if (Attestations(input, parties) is { } attestations)
        {
            result["attestations"] = attestations;
        }

        if (input.History.Count > 0)
        {
            result["assessment-log"] = new JsonObject { ["entries"] = new JsonArray([.. input.History.Select(e => LogEntry(prefix, e))]) };
        }

        if (observations.Count > 0)
        {
            result["observations"] = new JsonArray([.. observations]);
        }

        result["findings"] = new JsonArray([
            .. input.Assessment.Requirements.Select(r => RequirementFinding(prefix, r)),
            .. items.Select(i => ItemFinding(prefix, i)),
        ]);

        var metadata = new JsonObject
        {
            ["title"] = $"Assessment results: {Markup(plan.Title)}",
            ["last-modified"] = Time(new[] { plan.UpdatedAt }.Concat(input.History.Select(h => h.Time)).Max()),
            ["version"] = plan.Version.ToString(CultureInfo.InvariantCulture),
            ["oscal-version"] = OscalVersion,
            ["props"] = Props(("plan-id", plan.Id.ToString()), ("regime", plan.Regime), ("applicant-corporate-number", plan.ApplicantCorporateNumber)),
            ["roles"] = new JsonArray([.. Parties.Roles.Select(r => new JsonObject { ["id"] = r.Id, ["title"] = r.Title })]),
            ["parties"] = parties.ToJson(input),
            ["responsible-parties"] = parties.Responsible(input),
        };

        return new JsonObject
        {
            ["assessment-results"] = new JsonObject
            {
                ["uuid"] = OscalIds.For($"{prefix}/assessment-results"),
                ["metadata"] = metadata,
                // There is no OSCAL assessment plan: the plan revision assessed stands in its place.
                ["import-ap"] = new JsonObject
                {
                    ["href"] = $"/api/v1/plans/{plan.Id}/revisions/{plan.CurrentRevision}",
                    ["remarks"] = "The exact bytes of the plan revision that was assessed (not an OSCAL assessment plan); its SHA-256 is the result's revision-digest.",
                },
                ["results"] = new JsonArray(result),
            },
        };
    }

    /// <summary>One checklist item with the answer the attestation gives it (null when unanswered).</summary>
    private sealed record ItemResult(ChecklistItem Item, string? Answer, bool Satisfied, string? Notes, string? Justification, IReadOnlyList<ReportEvidence> Evidence);

    private static List<ItemResult> ChecklistResults(OscalInput input)
    {
        if (input.Checklist is not { } checklist)
        {
            return [];
        }

        return input.Attestation switch
        {
            SignoffReportAttestation signoff => [.. checklist.Items.Select(item =>
                signoff.Security.Answers.FirstOrDefault(a => a.ItemId == item.Id) is { } a
                    ? new ItemResult(item, a.Answer.ToWire(), a.Answer != Domain.Attestations.Answer.NotSatisfied, a.Notes, a.Justification, a.Evidence)
                    : new ItemResult(item, null, false, null, null, []))],
            // A self-check item counts as satisfied only when done (or not applicable to the firm).
            SelfCheckReportAttestation selfCheck => [.. checklist.Items.Select(item =>
                selfCheck.SelfCheck.Answers.FirstOrDefault(a => a.ItemId == item.Id) is { } a
                    ? new ItemResult(item, a.Answer, a.Answer is "done" or "not-applicable", a.Notes, null, [])
                    : new ItemResult(item, null, false, null, null, []))],
            _ => [],
        };
    }

    private static JsonObject ReviewedControls(OscalInput input, List<ItemResult> items)
    {
        var selections = new JsonArray(new JsonObject
        {
            ["props"] = Props(("control-source", $"regime:{input.Plan.Regime}")),
            ["include-controls"] = new JsonArray([.. input.Assessment.Requirements.Select(r => new JsonObject { ["control-id"] = r.Id })]),
            ["remarks"] = "The requirements of the plan's regime (see the service's assessment rules).",
        });
        if (items.Count > 0)
        {
            selections.Add(new JsonObject
            {
                ["props"] = Props(("control-source", $"checklist:{input.Checklist!.Id}@{input.Checklist.Version}")),
                ["include-controls"] = new JsonArray([.. items.Select(i => new JsonObject { ["control-id"] = i.Item.Id })]),
                ["remarks"] = $"Every item of the checklist {input.Checklist.Id} version {input.Checklist.Version}; each finding names the "
                    + "NIST CSF 2.0 subcategories and ISO/IEC 27001:2022 Annex A controls its item maps to.",
            });
        }

        return new JsonObject { ["control-selections"] = selections };
    }

    private static JsonObject RequirementFinding(string prefix, RequirementResult requirement)
    {
        var finding = new JsonObject
        {
            ["uuid"] = OscalIds.For($"{prefix}/requirement/{requirement.Id}"),
            ["title"] = $"Requirement {requirement.Id}",
            ["description"] = $"The assessment's status for the requirement {requirement.Id}: {requirement.Status.ToWire()}.",
            ["props"] = Props(("requirement-status", requirement.Status.ToWire())),
            ["target"] = Target(requirement.Id, requirement.Status == RequirementStatus.Pass, requirement.Status switch
            {
                RequirementStatus.Pass => "pass",
                RequirementStatus.Fail => "fail",
                _ => "other",
            }),
        };
        if (requirement.Reasons.Count > 0)
        {
            finding["remarks"] = string.Join("\n\n", requirement.Reasons.Select(r => $"{r.Code}: {Markup(r.En)} / {Markup(r.Ja)}"));
        }

        return finding;
    }

    private static JsonObject ItemFinding(string prefix, ItemResult item)
    {
        var mappings = item.Item.Mappings;
        var props = new List<(string, string)> { ("mandatory", item.Item.Mandatory ? "true" : "false"), ("category", item.Item.Category) };
        props.AddRange(mappings.NistCsf.Select(id => ("nist-csf-2.0", id)));
        props.AddRange(mappings.Iso27001.Select(id => ("iso-27001-2022", id)));
        props.AddRange(mappings.MetiDirectives.Select(d => ("meti-csm-guideline-3.0", d.ToString(CultureInfo.InvariantCulture))));
        props.Add(("answer", item.Answer ?? "unanswered"));

        var finding = new JsonObject
        {
            ["uuid"] = OscalIds.For($"{prefix}/item/{item.Item.Id}"),
            ["title"] = $"{item.Item.Id}: {item.Item.Question.En}",
            ["description"] = $"{item.Item.Question.En}\n\n{item.Item.Question.Ja}",
            ["props"] = Props([.. props]),
            ["target"] = Target(item.Item.Id, item.Satisfied, item.Answer is null ? "other" : item.Satisfied ? "pass" : "fail"),
        };
        if (item.Answer is not null)
        {
            finding["related-observations"] = new JsonArray(new JsonObject { ["observation-uuid"] = OscalIds.For($"{prefix}/observation/{item.Item.Id}") });
        }

        return finding;
    }

    private static JsonObject Target(string id, bool satisfied, string reason) => new()
    {
        ["type"] = "objective-id",
        ["target-id"] = id,
        ["status"] = new JsonObject { ["state"] = satisfied ? "satisfied" : "not-satisfied", ["reason"] = reason },
    };

    private static JsonObject Observation(string prefix, ItemResult item, Parties parties, OscalInput input)
    {
        var text = new List<string> { $"Answer to {item.Item.Id}: {item.Answer}." };
        if (item.Justification is not null)
        {
            text.Add($"Justification: {Markup(item.Justification)}");
        }

        if (item.Notes is not null)
        {
            text.Add($"Notes: {Markup(item.Notes)}");
        }

        var observation = new JsonObject
        {
            ["uuid"] = OscalIds.For($"{prefix}/observation/{item.Item.Id}"),
            ["title"] = $"Answer to {item.Item.Id}",
            ["description"] = string.Join("\n\n", text),
            ["methods"] = new JsonArray(input.Attestation is SignoffReportAttestation ? "EXAMINE" : "INTERVIEW"),
            ["types"] = new JsonArray("control-objective"),
            ["origins"] = new JsonArray(new JsonObject
            {
                ["actors"] = new JsonArray(new JsonObject { ["type"] = "party", ["actor-uuid"] = parties.Attester!, ["role-id"] = parties.AttesterRole }),
            }),
        };
        if (item.Evidence.Count > 0)
        {
            observation["relevant-evidence"] = new JsonArray([.. item.Evidence.Select(e => Evidence(e, input))]);
        }

        observation["collected"] = Time(input.Attestation switch
        {
            SignoffReportAttestation s => s.Security.SignedAt,
            SelfCheckReportAttestation s => s.SelfCheck.UpdatedAt,
            _ => input.Plan.UpdatedAt,
        });
        return observation;
    }

    private static JsonObject Evidence(ReportEvidence evidence, OscalInput input)
    {
        var relevant = new JsonObject();
        if (input.StoredEvidence.Contains(evidence.Sha256))
        {
            relevant["href"] = $"/api/v1/plans/{input.Plan.Id}/evidence/{evidence.Sha256}";
        }

        relevant["description"] = Markup(evidence.Name);
        relevant["props"] = Props(("sha256", evidence.Sha256));
        return relevant;
    }

    private static JsonArray? Attestations(OscalInput input, Parties parties)
    {
        var part = input.Attestation switch
        {
            SignoffReportAttestation { Security: var s } => new JsonObject
            {
                ["name"] = "specialist-signoff",
                ["ns"] = Namespace,
                ["title"] = "Security sign-off by a registered specialist",
                ["props"] = Props(
                    ("verdict", s.Verdict.ToWire()),
                    ("checklist", $"{s.ChecklistId}@{s.ChecklistVersion}"),
                    ("specialist-kind", s.SpecialistKind.ToWire()),
                    ("registration-number", s.RegistrationNumber),
                    ("key-id", s.KeyId),
                    ("statement-sha256", s.StatementSha256),
                    ("signed-at", Time(s.SignedAt))),
                ["prose"] = "The specialist signed, offline with the registered key named by key-id, the in-toto statement whose SHA-256 is "
                    + "statement-sha256; the service verified the DSSE signature and every sign-off rule before accepting it. The statement binds "
                    + "every answer and every evidence file's SHA-256 to the revision named by the result's revision-digest.",
            },
            SelfCheckReportAttestation { SelfCheck: var s } => new JsonObject
            {
                ["name"] = "self-check",
                ["ns"] = Namespace,
                ["title"] = "The applicant's own security self-check",
                ["props"] = Props([
                    ("checklist", $"{s.ChecklistId}@{s.ChecklistVersion}"),
                    ("answered", $"{s.Answered}/{s.Items}"),
                    .. s.Score is { } score ? [("score", $"{score}/{s.Maximum}")] : Array.Empty<(string, string)>()]),
                ["prose"] = "The applicant answered the self-check on this revision itself; it is not signed by a specialist.",
            },
            _ => null,
        };
        return part is null
            ? null
            : new JsonArray(new JsonObject
            {
                ["responsible-parties"] = new JsonArray(new JsonObject { ["role-id"] = parties.AttesterRole, ["party-uuids"] = new JsonArray(parties.Attester!) }),
                ["parts"] = new JsonArray(part),
            });
    }

    private static JsonObject LogEntry(string prefix, ReportHistoryEntry entry)
    {
        var props = new List<(string, string)> { ("log-index", entry.Index.ToString(CultureInfo.InvariantCulture)), ("action", entry.Action), ("role", entry.Role) };
        if (entry.Count > 1)
        {
            props.Add(("log-index-through", entry.Through.ToString(CultureInfo.InvariantCulture)));
            props.Add(("events", entry.Count.ToString(CultureInfo.InvariantCulture)));
        }

        if (entry.Revision is { } revision)
        {
            props.Add(("plan-revision", revision.ToString(CultureInfo.InvariantCulture)));
        }

        return new JsonObject
        {
            ["uuid"] = OscalIds.For($"{prefix}/log/{entry.Index}"),
            ["title"] = entry.Action,
            ["description"] = $"{entry.Action} by {Markup(entry.Actor)} ({entry.Role})" + (entry.Count > 1 ? $", {entry.Count} events" : "") + ".",
            ["start"] = Time(entry.Time),
            ["props"] = Props([.. props]),
        };
    }

    /// <summary>The parties an export names: the applicant, the service, and the attester and reviewer when there are.</summary>
    private sealed class Parties
    {
        public static readonly (string Id, string Title)[] Roles =
        [
            ("applicant", "Applicant"),
            ("assessment-platform", "Assessment platform (this service)"),
            ("security-specialist", "Registered security specialist"),
            ("reviewer", "Ministry reviewer"),
        ];

        private readonly PlanRow plan;

        public Parties(OscalInput input)
        {
            plan = input.Plan;
            Applicant = OscalIds.For($"corporate-number/{plan.ApplicantCorporateNumber}");
            Service = OscalIds.For("service");
            (Attester, AttesterRole) = input.Attestation switch
            {
                SignoffReportAttestation { Security: var s } => (OscalIds.For($"specialist/{s.RegistrationNumber}"), "security-specialist"),
                SelfCheckReportAttestation => (Applicant, "applicant"),
                _ => ((string?)null, "applicant"),
            };
        }

        public string Applicant { get; }

        public string Service { get; }

        /// <summary>Whoever attested the security measures (a specialist, or the applicant for a self-check); null without an attestation.</summary>
        public string? Attester { get; }

        public string AttesterRole { get; }

        public JsonArray ToJson(OscalInput input)
        {
            var parties = new JsonArray(
                new JsonObject
                {
                    ["uuid"] = Applicant,
                    ["type"] = "organization",
                    ["name"] = Plain(plan.ApplicantName),
                    ["props"] = Props(("corporate-number", plan.ApplicantCorporateNumber)),
                },
                new JsonObject { ["uuid"] = Service, ["type"] = "organization", ["name"] = "Assessor" });
            if (input.Attestation is SignoffReportAttestation { Security: var s })
            {
                parties.Add(new JsonObject
                {
                    ["uuid"] = Attester,
                    ["type"] = "person",
                    ["name"] = Plain(s.SpecialistName),
                    ["props"] = Props(("registration-number", s.RegistrationNumber), ("specialist-kind", s.SpecialistKind.ToWire())),
                });
            }

            if (input.Decision is { } decision)
            {
                parties.Add(new JsonObject { ["uuid"] = Reviewer(decision), ["type"] = "person", ["name"] = Plain(decision.ReviewerName) });
            }

            return parties;
        }

        public JsonArray Responsible(OscalInput input)
        {
            var responsible = new JsonArray(Party("applicant", Applicant), Party("assessment-platform", Service));
            if (Attester is not null && AttesterRole != "applicant")
            {
                responsible.Add(Party(AttesterRole, Attester));
            }

            if (input.Decision is { } decision)
            {
                var reviewer = Party("reviewer", Reviewer(decision));
                reviewer["props"] = Props(("decision", decision.Decision.ToWire()), ("decided-at", Time(decision.DecidedAt)));
                if (decision.Reason is not null)
                {
                    reviewer["remarks"] = Markup(decision.Reason);
                }

                responsible.Add(reviewer);
            }

            return responsible;
        }

        private static string Reviewer(ReportDecision decision) => OscalIds.For($"reviewer/{decision.ReviewerName}");

        private static JsonObject Party(string role, string uuid) => new() { ["role-id"] = role, ["party-uuids"] = new JsonArray(uuid) };
    }

    private static JsonArray Props(params (string Name, string Value)[] props) =>
        new([.. props.Select(p => new JsonObject { ["name"] = p.Name, ["ns"] = Namespace, ["value"] = Plain(p.Value) })]);

    /// <summary>OSCAL's date-time: UTC with seven fractional digits, as stored.</summary>
    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Markup fields are Markdown to OSCAL tools: free text goes in inert, on one line.</summary>
    private static string Markup(string text) => ReportEscaping.Markdown(text);

    /// <summary>OSCAL's plain strings: one line, no leading or trailing space, never empty.</summary>
    private static string Plain(string text) => text.ReplaceLineEndings(" ").Trim() is { Length: > 0 } plain ? plain : "-";
}
