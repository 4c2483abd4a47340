using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Assessor.Domain.Attestations;

namespace Assessor.Domain.Log;

/// <summary>
/// A signed tree head in the C2SP tlog-checkpoint body format: three newline-terminated lines, the log's origin, the
/// tree size in decimal and the standard base64 of the root hash. The service signs exactly these bytes as the payload
/// of a DSSE envelope of type <see cref="PayloadType"/>, with the key that signs reports.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash)
{
    /// <summary>The DSSE payload type of a checkpoint; part of what is signed, so a checkpoint signature is never mistaken for a report's.</summary>
    public const string PayloadType = "application/vnd.assessor.tlog-checkpoint";

    /// <summary>The exact bytes that are signed.</summary>
    public byte[] Body() => Encoding.UTF8.GetBytes(
        $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\n");

    /// <summary>An origin is one non-empty line without spaces or '+', as C2SP asks.</summary>
    public static bool IsValidOrigin(string origin) =>
        origin.Length is > 0 and <= 255 && !origin.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '+');

    /// <summary>Reads a checkpoint body; extension lines after the third are allowed and ignored. Null when malformed.</summary>
    public static Checkpoint? TryParse(byte[] body)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        if (!text.EndsWith('\n'))
        {
            return null;
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3 || lines.Any(l => l.Length == 0) || !IsValidOrigin(lines[0])
            || (lines[1].Length > 1 && lines[1][0] == '0') || !lines[1].All(char.IsAsciiDigit)
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        var root = Dsse.TryFromBase64(lines[2]);
        return root is { Length: MerkleTree.HashSize } && Convert.ToBase64String(root) == lines[2] ? new Checkpoint(lines[0], size, root) : null;
    }

    public DsseEnvelope Sign(ECDsa key) => Dsse.Sign(key, PayloadType, Body());

    /// <summary>The checkpoint an envelope signs, when one of its signatures by <paramref name="publicKey"/> verifies; else null with the reason.</summary>
    public static Checkpoint? Verify(DsseEnvelope envelope, ECDsa publicKey, out string? problem)
    {
        var keyId = KeyIds.Of(publicKey);
        var payload = Dsse.TryFromBase64(envelope.Payload);
        var signature = envelope.Signatures?.FirstOrDefault(s => s.Keyid == keyId);
        problem = envelope.PayloadType != PayloadType ? $"the envelope's payloadType is {envelope.PayloadType}, not {PayloadType}"
            : payload is null ? "the payload is not base64"
            : signature is null ? $"no signature by this key (keyid {keyId})"
            : !Dsse.Verify(publicKey, envelope.PayloadType, payload, signature.Sig) ? "the signature does not verify"
            : null;
        if (problem is not null)
        {
            return null;
        }

        var checkpoint = TryParse(payload!);
        problem = checkpoint is null ? "the signed payload is not a checkpoint (origin, size and root hash lines)" : null;
        return checkpoint;
    }
}
