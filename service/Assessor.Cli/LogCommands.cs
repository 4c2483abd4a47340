using System.Security.Cryptography;
using System.Text.Json;
using Assessor.Domain.Attestations;
using Assessor.Domain.Log;
using Assessor.Domain.Plans;

namespace Assessor.Cli;

/// <summary>
/// <c>log verify-inclusion</c> and <c>log verify-consistency</c>: check the service's audit-log proofs offline against a
/// checkpoint someone kept and the service's public key. Nothing the service says is trusted but what its key signed.
/// </summary>
public static class LogCommands
{
    /// <summary>An event (its exact bytes) is in the tree a signed checkpoint commits to; with a revision file, the event records that file's digest.</summary>
    public static int VerifyInclusion(string checkpointPath, string publicKeyPath, string entryPath, string proofPath, string? revisionPath, TextWriter output) =>
        Checked(output, () => Inclusion(checkpointPath, publicKeyPath, entryPath, proofPath, revisionPath, output));

    /// <summary>The log signed in the new checkpoint extends the one in the old checkpoint: nothing in the old tree was rewritten.</summary>
    public static int VerifyConsistency(string oldPath, string newPath, string publicKeyPath, string proofPath, TextWriter output) =>
        Checked(output, () => Consistency(oldPath, newPath, publicKeyPath, proofPath, output));

    /// <summary>
    /// For verify-report given a <c>GET /reports/{digest}</c> answer: its <c>log</c> member shows the certification event,
    /// naming this file's digest, in the tree of a checkpoint signed by the same key.
    /// </summary>
    public static int CheckReportEvent(string lookupPath, string publicKeyPath, string fileSha256, Guid planId, TextWriter output) =>
        Checked(output, () => ReportEvent(lookupPath, publicKeyPath, fileSha256, planId, output));

    private static int Inclusion(string checkpointPath, string publicKeyPath, string entryPath, string proofPath, string? revisionPath, TextWriter output)
    {
        using var key = PublicKey(publicKeyPath);
        var checkpoint = SignedCheckpoint(checkpointPath, key);
        var entry = EntryBytes(File.ReadAllBytes(entryPath));
        var e = LogEvents.TryParse(entry);
        using var proof = JsonDocument.Parse(File.ReadAllBytes(proofPath));
        var index = proof.RootElement.GetProperty("index").GetInt64();
        var size = proof.RootElement.GetProperty("size").GetInt64();
        var problem = e is null ? $"{entryPath} is not a log event"
            : e.Index != index ? $"the entry is event {e.Index}, the proof is for event {index}"
            : size != checkpoint.Size ? $"the proof leads to a tree of {size} events, the checkpoint is of {checkpoint.Size}; ask for size={checkpoint.Size}"
            : !MerkleProofs.VerifyInclusion(index, size, MerkleTree.LeafHash(entry), Hashes(proof.RootElement), checkpoint.RootHash)
                ? $"the proof does not lead from this entry to the checkpoint's root: the entry is not event {index} of the log the checkpoint signs (altered, or not in it)"
            : null;
        if (problem is not null)
        {
            return Refuse(output, problem);
        }

        if (revisionPath is not null)
        {
            var actual = $"sha256:{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(revisionPath)))}";
            var recorded = e!.Digests.GetValueOrDefault("revision") ?? e.Plan?.Digest;
            if (recorded != actual)
            {
                return Refuse(output, $"{revisionPath} has {actual}, but event {index} records {recorded ?? "no revision"}: the revision was altered or is another one");
            }
        }

        output.WriteLine($"VALID: event {index} is in the log {checkpoint.Origin} as signed at {checkpoint.Size} events");
        output.WriteLine($"  root:     {Convert.ToBase64String(checkpoint.RootHash)}");
        output.WriteLine($"  event:    {e!.Action} by {e.Actor.Role}{(e.Actor.Id is { } id ? $" {id}" : "")} at {LogEvents.FormatTime(e.Time)} on {e.Subject.Type} {e.Subject.Id}");
        if (e.Plan is { } plan)
        {
            output.WriteLine($"  plan:     {plan.Id} revision {plan.Revision} ({plan.Digest}){(revisionPath is null ? "" : " (matches the revision file)")}");
        }

        return CliCommands.Ok;
    }

    private static int Consistency(string oldPath, string newPath, string publicKeyPath, string proofPath, TextWriter output)
    {
        using var key = PublicKey(publicKeyPath);
        var old = SignedCheckpoint(oldPath, key);
        var current = SignedCheckpoint(newPath, key);
        using var proof = JsonDocument.Parse(File.ReadAllBytes(proofPath));
        var first = proof.RootElement.GetProperty("first").GetInt64();
        var second = proof.RootElement.GetProperty("second").GetInt64();
        var problem = old.Origin != current.Origin ? $"the checkpoints are of two logs: {old.Origin} and {current.Origin}"
            : first != old.Size || second != current.Size
                ? $"the proof is from {first} to {second} events, the checkpoints are of {old.Size} and {current.Size}; ask for first={old.Size}&second={current.Size}"
            : !MerkleProofs.VerifyConsistency(first, second, Hashes(proof.RootElement), old.RootHash, current.RootHash)
                ? $"the log of {second} events does not extend the one of {first} events you kept: it was rewritten"
            : null;
        if (problem is not null)
        {
            return Refuse(output, problem);
        }

        output.WriteLine($"VALID: the log {current.Origin} at {current.Size} events extends the one you kept at {old.Size} events; nothing before was rewritten");
        output.WriteLine($"  old root: {Convert.ToBase64String(old.RootHash)}");
        output.WriteLine($"  new root: {Convert.ToBase64String(current.RootHash)}");
        return CliCommands.Ok;
    }

    private static int ReportEvent(string lookupPath, string publicKeyPath, string fileSha256, Guid planId, TextWriter output)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(lookupPath));
        if (!document.RootElement.TryGetProperty("log", out var log) || log.ValueKind != JsonValueKind.Object)
        {
            output.WriteLine("  log:      not checked: give the GET /api/v1/reports/<digest> answer as --envelope to check the certification is in the audit log");
            return CliCommands.Ok;
        }

        using var key = PublicKey(publicKeyPath);
        var checkpoint = SignedCheckpoint(log.GetProperty("checkpoint"), key);
        var index = log.GetProperty("index").GetInt64();
        var entry = Convert.FromBase64String(log.GetProperty("entry").GetString() ?? "");
        var e = LogEvents.TryParse(entry);
        var problem = e is null || e.Index != index ? $"the log entry given is not event {index}"
            : e.Action != LogActions.PlanCertified || e.Plan?.Id != planId ? $"event {index} is not the certification of plan {planId}"
            : !e.Digests.Values.Contains($"sha256:{fileSha256}") ? $"event {index} does not name this file (sha256:{fileSha256})"
            : !MerkleProofs.VerifyInclusion(index, checkpoint.Size, MerkleTree.LeafHash(entry), Hashes(log, "inclusionProof"), checkpoint.RootHash)
                ? $"the inclusion proof does not lead from event {index} to the signed checkpoint of {checkpoint.Size} events"
            : null;
        if (problem is not null)
        {
            return Refuse(output, problem);
        }

        output.WriteLine($"  log:      certified in event {index} of {checkpoint.Origin}, included in the checkpoint of {checkpoint.Size} events signed by the same key");
        return CliCommands.Ok;
    }

    private static ECDsa PublicKey(string path) =>
        KeyIds.TryImportP256PublicKey(File.ReadAllText(path), out var reason) ?? throw new CliException($"{path}: {reason?.En}");

    /// <summary>A checkpoint file: the answer of <c>GET /log/checkpoint</c> (its <c>envelope</c>) or the bare DSSE envelope.</summary>
    private static Checkpoint SignedCheckpoint(string path, ECDsa key)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return SignedCheckpoint(document.RootElement, key, path);
    }

    private static Checkpoint SignedCheckpoint(JsonElement element, ECDsa key, string? path = null)
    {
        var envelope = (element.TryGetProperty("envelope", out var inner) ? inner : element).Deserialize<DsseEnvelope>(PlanJson.Options)
            ?? throw new JsonException("The checkpoint holds null.");
        return Checkpoint.Verify(envelope, key, out var problem)
            ?? throw new NotValidException($"{path ?? "the checkpoint"} is not a checkpoint signed by this key: {problem}");
    }

    /// <summary>A proof that fails before its hashes are reached (a forged or foreign checkpoint) is INVALID like any other.</summary>
    private static int Checked(TextWriter output, Func<int> verify)
    {
        try
        {
            return verify();
        }
        catch (NotValidException ex)
        {
            return Refuse(output, ex.Message);
        }
    }

    private static int Refuse(TextWriter output, string problem)
    {
        output.WriteLine($"INVALID: {problem}");
        return CliCommands.Invalid;
    }

    private sealed class NotValidException(string message) : Exception(message);

    private static List<byte[]> Hashes(JsonElement proof, string name = "hashes") =>
        [.. proof.GetProperty(name).EnumerateArray().Select(h => Dsse.TryFromBase64(h.GetString() ?? "") ?? throw new JsonException($"{name} holds a value that is not base64."))];

    /// <summary>An entry as saved from <c>GET /log/entries</c>: one line, its newline not part of the event.</summary>
    private static byte[] EntryBytes(byte[] file) => file is [.., (byte)'\n'] ? file[..^1] : file;
}
