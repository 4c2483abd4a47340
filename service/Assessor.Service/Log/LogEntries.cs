using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Assessor.Domain.Log;
using Assessor.Domain.Procedure;
using Assessor.Service.Attestations;
using Assessor.Service.Identity;
using Assessor.Service.Plans;
using Assessor.Service.Reports;
using Assessor.Service.SelfChecks;
using Assessor.Service.Specialists;

namespace Assessor.Service.Log;

/// <summary>The entry of each state change, as its one writer appends it (see docs/log.md for the list).</summary>
public static class LogEntries
{
    /// <summary>The actor of a request: the caller's principal id and role.</summary>
    public static LogActor Actor(this Caller caller) => new(caller.Id, caller.Role);

    public static LogEntry PlanCreated(LogActor actor, PlanRow plan, RevisionContent content) =>
        new(LogActions.PlanCreated, actor, LogSubject.Plan(plan.Id), plan.CreatedAt, new LogPlan(plan.Id, plan.CurrentRevision, Digest(content.Sha256)),
            Digests: new Dictionary<string, string> { ["revision"] = Digest(content.Sha256) });

    /// <summary>A new revision (with its digest) or a submission (the current revision's digest is looked up).</summary>
    public static LogEntry PlanChanged(PlanAction action, LogActor actor, PlanRow plan, RevisionContent? content) => action switch
    {
        PlanAction.Revise => new(LogActions.PlanRevised, actor, LogSubject.Plan(plan.Id), plan.UpdatedAt,
            new LogPlan(plan.Id, plan.CurrentRevision, Digest(content!.Sha256)), Digests: new Dictionary<string, string> { ["revision"] = Digest(content.Sha256) }),
        PlanAction.Submit => new(LogActions.PlanSubmitted, actor, LogSubject.Plan(plan.Id), plan.UpdatedAt, new LogPlan(plan.Id, plan.CurrentRevision)),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a change PlanStore makes."),
    };

    /// <summary>
    /// A reviewer's decision; a certification names every stored report file and the service's envelope by digest, and its
    /// certificate's number (detail <c>certificate</c>).
    /// </summary>
    public static LogEntry Decided(
        LogActor actor, PlanRow plan, Decision decision, DateTimeOffset decidedAt, SignedReport? certified, string? certificateNumber) =>
        new(DecisionAction(decision), actor, LogSubject.Plan(plan.Id), decidedAt, new LogPlan(plan.Id, plan.CurrentRevision),
            Digests: certified is null
                ? null
                : certified.Files.ToDictionary(f => $"report.{f.Format}", f => Digest(f.Sha256))
                    .Append(KeyValuePair.Create("envelope", Digest(Sha256(certified.Report.Envelope))))
                    .ToDictionary(),
            Details: certificateNumber is null ? null : new Dictionary<string, string> { ["certificate"] = certificateNumber });

    public static LogEntry RunCreated(LogActor actor, RunRow run) =>
        new(LogActions.RunCreated, actor, new LogSubject("checklist-run", Id(run.Id)), run.CreatedAt, new LogPlan(run.PlanId, run.PlanRevision, Digest(run.PlanSha256)),
            Details: new Dictionary<string, string> { ["checklist"] = run.ChecklistId, ["checklistVersion"] = Number(run.ChecklistVersion) });

    public static LogEntry AnswerChanged(LogActor actor, RunRow run, string itemId, string answer, DateTimeOffset at) =>
        new(LogActions.AnswerChanged, actor, new LogSubject("checklist-run", Id(run.Id)), at, new LogPlan(run.PlanId, run.PlanRevision, Digest(run.PlanSha256)),
            Details: new Dictionary<string, string> { ["item"] = itemId, ["answer"] = answer });

    /// <summary>An evidence file attached to (or detached from) a run's item, named by its digest only.</summary>
    public static LogEntry EvidenceChanged(string action, LogActor actor, RunRow run, string itemId, string sha256, DateTimeOffset at) =>
        new(action, actor, new LogSubject("checklist-run", Id(run.Id)), at, new LogPlan(run.PlanId, run.PlanRevision, Digest(run.PlanSha256)),
            Digests: new Dictionary<string, string> { ["evidence"] = Digest(sha256) }, Details: new Dictionary<string, string> { ["item"] = itemId });

    public static LogEntry SelfCheckCreated(LogActor actor, SelfCheckRunRow run) =>
        new(LogActions.SelfCheckCreated, actor, new LogSubject("self-check-run", Id(run.Id)), run.CreatedAt,
            new LogPlan(run.PlanId, run.PlanRevision, Digest(run.PlanSha256)),
            Details: new Dictionary<string, string> { ["checklist"] = run.ChecklistId, ["checklistVersion"] = Number(run.ChecklistVersion) });

    public static LogEntry SelfCheckAnswerChanged(LogActor actor, SelfCheckRunRow run, string itemId, string answer, DateTimeOffset at) =>
        new(LogActions.SelfCheckAnswerChanged, actor, new LogSubject("self-check-run", Id(run.Id)), at,
            new LogPlan(run.PlanId, run.PlanRevision, Digest(run.PlanSha256)), Details: new Dictionary<string, string> { ["item"] = itemId, ["answer"] = answer });

    /// <summary>A consortium participant's confirmation of a revision: the company in the details, the revision by its digest.</summary>
    public static LogEntry ConsentGiven(LogActor actor, ConsentRow consent) =>
        new(LogActions.ConsortiumConsentGiven, actor, LogSubject.Plan(consent.PlanId), consent.CreatedAt,
            new LogPlan(consent.PlanId, consent.PlanRevision, Digest(consent.PlanSha256)),
            Details: new Dictionary<string, string> { ["corporateNumber"] = consent.CorporateNumber });

    public static LogEntry SignoffAccepted(LogActor actor, SignoffRow signoff) =>
        new(LogActions.SignoffAccepted, actor, new LogSubject("signoff", Id(signoff.Id)), signoff.SignedAt, new LogPlan(signoff.PlanId, signoff.PlanRevision),
            Digests: new Dictionary<string, string> { ["statement"] = Digest(signoff.StatementSha256), ["envelope"] = Digest(Sha256(signoff.Envelope)) },
            Details: new Dictionary<string, string> { ["run"] = Id(signoff.RunId), ["key"] = signoff.KeyId, ["verdict"] = signoff.Verdict.ToWire() });

    public static LogEntry PrincipalCreated(LogActor actor, PrincipalRow principal, Guid keyId) =>
        new(LogActions.PrincipalCreated, actor, new LogSubject("principal", Id(principal.Id)), principal.CreatedAt,
            Details: new Dictionary<string, string> { ["role"] = principal.Role, ["key"] = Id(keyId) });

    public static LogEntry PrincipalKey(string action, LogActor actor, Guid principalId, Guid keyId, DateTimeOffset at) =>
        new(action, actor, new LogSubject("principal", Id(principalId)), at, Details: new Dictionary<string, string> { ["key"] = Id(keyId) });

    public static LogEntry SpecialistCreated(LogActor actor, SpecialistRow specialist) =>
        new(LogActions.SpecialistCreated, actor, new LogSubject("specialist", Id(specialist.Id)), specialist.CreatedAt,
            Details: new Dictionary<string, string> { ["registrationNumber"] = specialist.RegistrationNumber, ["kind"] = specialist.Kind });

    public static LogEntry SpecialistRevoked(LogActor actor, Guid specialistId, DateTimeOffset at) =>
        new(LogActions.SpecialistRevoked, actor, new LogSubject("specialist", Id(specialistId)), at);

    public static LogEntry SpecialistKey(string action, LogActor actor, Guid specialistId, string keyId, DateTimeOffset at) =>
        new(action, actor, new LogSubject("specialist", Id(specialistId)), at, Details: new Dictionary<string, string> { ["key"] = keyId });

    public static LogEntry SigningKeyChanged(string keyId, DateTimeOffset at) =>
        new(LogActions.SigningKeyChanged, LogActor.System, new LogSubject("service-key", keyId), at);

    private static string DecisionAction(Decision decision) => decision switch
    {
        Decision.Certify => LogActions.PlanCertified,
        Decision.Reject => LogActions.PlanRejected,
        _ => LogActions.PlanReturned,
    };

    private static string Digest(string sha256Hex) => $"sha256:{sha256Hex}";

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Id(Guid id) => id.ToString("D");

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
