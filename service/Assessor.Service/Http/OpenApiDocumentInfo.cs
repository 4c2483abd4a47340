using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Assessor.Service.Http;

/// <summary>
/// What the document says about itself and its parts: info (with contact and licence), one relative server (the
/// document never echoes the request's <c>Host</c>), a description for every tag, and a description for every operation
/// that its endpoint does not give itself (<c>WithDescription</c> wins).
/// </summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    internal static readonly IReadOnlyDictionary<string, string> TagDescriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Plans"] = "Applicants upload data-linkage investment plans, revise them and submit them; every accepted revision is kept byte for byte.",
        ["Identity"] = "Admins create principals (applicants, specialists, reviewers, admins) and their API keys.",
        ["Specialists"] = "The registry of security specialists (RISS, and IT Coordinators for SMEs) and the public keys they sign with.",
        ["Assessments"] = "Every condition of the plan's regime, with figures and reasons, and its outcome (the tax benefit, or a subsidy's grant), for a stored plan or an unsaved document.",
        ["Regimes"] = "The regimes plans are certified under: windows, requirements, outcome, attestation, and the JSON Schema of each regime's plan document.",
        ["Self-checks"] = "The applicant's own security self-check on its plan revision, for a regime whose attestation it is (no specialist, no signature).",
        ["Checklists"] = "The published, versioned security checklists a specialist answers.",
        ["Attestations"] = "A specialist's checklist run on one plan revision and its DSSE-signed sign-off.",
        ["Decisions"] = "A ministry reviewer certifies, rejects or returns a submitted plan.",
        ["Reports"] = "Certification reports (HTML, Markdown, JSON, PDF), what a report's digest certifies, and the keys that sign them.",
        ["Webhooks"] = "Endpoints that hear of plan events (submitted, returned, rejected, certified, signed off), signed the Standard Webhooks way "
            + "and delivered at least once from a durable outbox, with each endpoint's delivery log.",
        ["Audit log"] = "Every state change as one event of an append-only Merkle log (RFC 9162): signed checkpoints, inclusion and consistency proofs, "
            + "the events' exact bytes, each plan's history, and verify-log.",
    };

    internal static readonly IReadOnlyDictionary<string, string> OperationDescriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CreatePlan"] = "Uploads a plan document for the caller's own company (`applicant.corporateNumber` must be the one the key is bound to). "
            + "The exact bytes become revision 1 of a new draft plan; the answer carries its `Location` and `ETag`. Send `Idempotency-Key` to make a retry safe.",
        ["ListPlans"] = "The plans visible to the caller, oldest first, a page at a time: pass `nextCursor` of one page as `cursor` for the next.",
        ["GetPlan"] = "The plan with its status, current revision, digest and document; `ETag` is what `If-Match` needs to revise or submit it.",
        ["RevisePlan"] = "Uploads a new revision while the plan is a draft or returned. `If-Match` must hold the plan's current `ETag` "
            + "(or `*` to overwrite whatever is current): without it 428, with a stale one 412.",
        ["SubmitPlan"] = "Hands a draft plan over for security review and the reviewer's decision. `If-Match` is optional and checked when sent.",
        ["GetRevision"] = "The exact bytes accepted as revision `number`, with their SHA-256 in `Digest`, `Repr-Digest` and `ETag`; a revision never changes.",
        ["CreatePrincipal"] = "Creates a principal with its role and first API key. The key is shown in this answer only.",
        ["ListPrincipals"] = "Every principal, without keys.",
        ["IssueKey"] = "Issues another API key for a principal; shown in this answer only.",
        ["RevokeKey"] = "Revokes one of a principal's API keys from now on.",
        ["CreateSpecialist"] = "Registers a RISS or an IT Coordinator; a RISS registration lasts three years unless `validUntil` says less.",
        ["ListSpecialists"] = "The registry, ordered by registration number, without keys.",
        ["GetSpecialist"] = "One specialist with every public key registered to them, revoked ones included.",
        ["RevokeSpecialist"] = "Revokes a registration from now on: the specialist sees no plans and cannot sign off.",
        ["AddSpecialistKey"] = "Registers a specialist's ECDSA P-256 public key (PEM SubjectPublicKeyInfo); its id is the hex SHA-256 of the SPKI.",
        ["RevokeSpecialistKey"] = "Revokes a specialist's public key: sign-offs signed with it are refused from now on.",
        ["AssessPlan"] = "Every condition of the plan's regime for its current revision, with figures and reasons, and the regime's outcome (the tax benefit, or the grant and bonus items).",
        ["AssessDocument"] = "The same assessment for a plan document that is not stored (same validation as an upload; nothing is kept).",
        ["ListChecklists"] = "Every published checklist version, without its items. Needs no key.",
        ["GetChecklist"] = "One checklist version with its categories and items; a published version never changes. Needs no key.",
        ["StartChecklistRun"] = "The specialist the plan names starts a run of a checklist version on the current revision of a submitted plan.",
        ["GetChecklistRun"] = "The run with every item and its answer so far, the verdict, the unanswered mandatory items and the status.",
        ["AnswerChecklistItem"] = "Answers (or re-answers) one item of an open run; every answer changes the statement to sign.",
        ["GetChecklistRunStatement"] = "The exact in-toto Statement v1 bytes the specialist signs offline (DSSE, ECDSA P-256). Sign these bytes as they are.",
        ["SignOffChecklistRun"] = "Submits a DSSE envelope over the run's current statement; accepted only when every sign-off rule holds, "
            + "else a distinct problem code says which failed. Send `Idempotency-Key` to make a retry safe.",
        ["DecidePlan"] = "A reviewer certifies (only when every requirement passes on the current revision), rejects or returns a submitted plan. "
            + "Certifying renders, signs and stores the report.",
        ["GetPlanReport"] = "The plan's report in the format asked for by `format` (or else by `Accept`): the stored bytes of a certified plan, "
            + "a draft rendered from the stored data for any other. `If-None-Match` with the `ETag` gives 304 when it has not changed.",
        ["VerifyReport"] = "What a report digest certifies (the JSON report's digest or any of its files' SHA-256): plan, revision, decision, "
            + "formats and the service's signed DSSE envelope. Needs no key.",
        ["ServiceKeys"] = "The public keys the service signs certified reports with, for verifying them offline. Needs no key.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Assessor API",
            Version = "v1",
            Description = "Plan intake, assessment, attestation and certification for the Connected Industries tax and the IT introduction subsidy "
                + "(`GET /regimes`). Every error is an RFC 9457 "
                + "`application/problem+json` document with a stable `code` to branch on.",
            Contact = new OpenApiContact { Name = "The Assessor service's operators" },
            License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" },
        };

        // Relative to where the document is served: true behind any proxy, and nothing taken from the request.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The service that serves this document." }];

        var used = document.Paths.Values.SelectMany(p => (p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(
            used.Order(StringComparer.Ordinal).Select(name => new OpenApiTag { Name = name, Description = TagDescriptions.GetValueOrDefault(name) }));

        foreach (var operation in document.Paths.Values.SelectMany(p => (p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())))
        {
            if (string.IsNullOrEmpty(operation.Description) && operation.OperationId is { } id && OperationDescriptions.TryGetValue(id, out var description))
            {
                operation.Description = description;
            }
        }

        return Task.CompletedTask;
    }
}
