using Assessor.Domain.Attestations;

namespace Assessor.Service.Log;

/// <summary>A signed checkpoint: the log's Merkle tree head at one size, signed by the service key.</summary>
/// <param name="Origin">The log's name, the checkpoint's first line.</param>
/// <param name="Size">The number of events the tree covers (the checkpoint's second line).</param>
/// <param name="RootHash">The standard base64 of the tree's RFC 9162 root hash (the checkpoint's third line).</param>
/// <param name="Body">The checkpoint body exactly as signed: the three lines, each ending in a newline (C2SP tlog-checkpoint).</param>
/// <param name="KeyId">The id of the service key that signed it (hex SHA-256 of its SubjectPublicKeyInfo); see <c>GET /keys</c>.</param>
/// <param name="CreatedAt">When the service signed it (ISO-8601, UTC); not part of what is signed.</param>
/// <param name="Envelope">
/// The DSSE envelope whose <c>payload</c> is the body and whose <c>payloadType</c> is
/// <c>application/vnd.assessor.tlog-checkpoint</c>: ECDSA P-256 over SHA-256 of DSSE's PAE, as for reports. Keep this
/// object: it is what <c>assessor-cli log verify-inclusion</c> and <c>verify-consistency</c> check proofs against.
/// </param>
public sealed record CheckpointView(string Origin, long Size, string RootHash, string Body, string KeyId, DateTimeOffset CreatedAt, DsseEnvelope Envelope);

/// <summary>The audit path that proves an event is in the tree of a given size (RFC 9162 §2.1.3).</summary>
/// <param name="Index">The event's index.</param>
/// <param name="Size">The tree size the path leads to; check it against a checkpoint of this size.</param>
/// <param name="Hashes">The path's hashes, standard base64, from the leaf's sibling up to the root's child.</param>
public sealed record InclusionProofView(long Index, long Size, IReadOnlyList<string> Hashes);

/// <summary>The proof that the tree of one size is a prefix of the tree of a larger size (RFC 9162 §2.1.4).</summary>
/// <param name="First">The smaller tree size, at least 1.</param>
/// <param name="Second">The larger tree size, at most the log's size.</param>
/// <param name="Hashes">The proof's hashes, standard base64; empty when the sizes are equal.</param>
public sealed record ConsistencyProofView(long First, long Second, IReadOnlyList<string> Hashes);

/// <summary>Who made a change.</summary>
/// <param name="Role">The role the actor acted in (<c>applicant</c>, <c>specialist</c>, <c>reviewer</c>, <c>admin</c>), or <c>system</c> for the service itself.</param>
/// <param name="Name">The principal's display name; absent for the service itself.</param>
/// <param name="Id">The principal's id: shown to reviewers and admins only.</param>
public sealed record HistoryActorView(string Role, string? Name, Guid? Id);

/// <summary>One event of a plan's history.</summary>
/// <param name="Index">The event's index in the audit log: prove it with <c>GET /log/proof/inclusion</c>.</param>
/// <param name="Time">When the change was made (ISO-8601, UTC).</param>
/// <param name="Action">
/// What happened: <c>plan.created</c>, <c>plan.revised</c>, <c>plan.submitted</c>, <c>plan.returned</c>, <c>plan.rejected</c>,
/// <c>plan.certified</c>, <c>checklist-run.created</c>, <c>checklist-run.answer-changed</c>, <c>evidence.attached</c>,
/// <c>evidence.detached</c> or <c>signoff.accepted</c>.
/// </param>
/// <param name="Actor">Who did it.</param>
/// <param name="Subject">What it was done to, as <c>type/id</c>, e.g. <c>plan/…</c> or <c>checklist-run/…</c>.</param>
/// <param name="Revision">The plan revision the event concerns.</param>
/// <param name="Digest">That revision's digest (<c>sha256:</c> and lower-case hex).</param>
/// <param name="Digests">The digests of what the change stored, by name (e.g. <c>revision</c>, <c>statement</c>, <c>envelope</c>, <c>report.html</c>).</param>
/// <param name="Details">Further facts of the change, by name (e.g. <c>item</c> and <c>answer</c> of an answer).</param>
public sealed record HistoryEventView(
    long Index, DateTimeOffset Time, string Action, HistoryActorView Actor, string Subject, long? Revision, string? Digest,
    IReadOnlyDictionary<string, string> Digests, IReadOnlyDictionary<string, string> Details);

/// <summary>A plan's history: every event of the audit log that concerns it, oldest first.</summary>
/// <param name="PlanId">The plan's id.</param>
/// <param name="Events">Its events, in log order (newest last).</param>
public sealed record PlanHistoryView(Guid PlanId, IReadOnlyList<HistoryEventView> Events);

/// <summary>Where a certified report is in the audit log, with what it takes to check that offline.</summary>
/// <param name="Index">The index of the <c>plan.certified</c> event that stored the report.</param>
/// <param name="Entry">That event's exact bytes (canonical JSON), standard base64; its <c>digests</c> name every file of the report.</param>
/// <param name="Checkpoint">The latest signed checkpoint.</param>
/// <param name="InclusionProof">The audit path (standard base64 hashes) from the event to that checkpoint's root.</param>
public sealed record ReportLogProof(long Index, string Entry, CheckpointView Checkpoint, IReadOnlyList<string> InclusionProof);

/// <summary>What <c>verify-log</c> found.</summary>
/// <param name="Ok">True when nothing disagreed.</param>
/// <param name="Size">The log's size when the check began; events appended since were not checked.</param>
/// <param name="EventsChecked">Events whose bytes were hashed again.</param>
/// <param name="NodesChecked">Stored tree hashes compared with the ones recomputed from the events.</param>
/// <param name="CheckpointsChecked">Signed checkpoints whose root was compared with the recomputed tree.</param>
/// <param name="ArtefactsChecked">Stored revisions, sign-off envelopes, report files and report envelopes compared with the digests their events record.</param>
/// <param name="Mismatches">What disagreed, in log order, the first first (at most 100).</param>
/// <param name="Notes">What was not checked and why, e.g. revisions stored before the log began.</param>
public sealed record LogVerificationView(
    bool Ok, long Size, long EventsChecked, long NodesChecked, long CheckpointsChecked, long ArtefactsChecked,
    IReadOnlyList<string> Mismatches, IReadOnlyList<string> Notes);
