using System.Security.Cryptography;
using System.Text;
using Assessor.Domain.Plans;

namespace Assessor.Domain.Attestations;

/// <summary>A DSSE envelope (github.com/secure-systems-lab/dsse), as sent over the wire: payload base64-encoded.</summary>
public sealed record DsseEnvelope
{
    /// <summary>The payload's media type; for statements always <c>application/vnd.in-toto+json</c>. It is part of what is signed.</summary>
    public required string PayloadType { get; init; }
    /// <summary>The signed bytes (an in-toto Statement v1, JSON), standard base64-encoded.</summary>
    public required string Payload { get; init; }
    /// <summary>One or more signatures over the envelope's pre-authentication encoding (PAE) of <c>payloadType</c> and <c>payload</c>.</summary>
    public required IReadOnlyList<DsseSignature> Signatures { get; init; }
}

/// <summary>One DSSE signature: ECDSA P-256 over SHA-256 of the envelope's PAE.</summary>
public sealed record DsseSignature
{
    /// <summary>The signing key's id: the lower-case hex SHA-256 of its DER SubjectPublicKeyInfo (64 hex digits).</summary>
    public required string Keyid { get; init; }
    /// <summary>The DER-encoded ECDSA signature, standard base64-encoded.</summary>
    public required string Sig { get; init; }
}

/// <summary>DSSE v1 signing and verification with ECDSA P-256 / SHA-256, DER-encoded signatures.</summary>
public static class Dsse
{
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary>Pre-authentication encoding: what is actually signed, so the type cannot be swapped.</summary>
    public static byte[] Pae(string payloadType, ReadOnlySpan<byte> payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.UTF8.GetBytes($"DSSEv1 {type.Length} {payloadType} {payload.Length} ");
        var result = new byte[header.Length + payload.Length];
        header.CopyTo(result, 0);
        payload.CopyTo(result.AsSpan(header.Length));
        return result;
    }

    public static DsseEnvelope Sign(ECDsa privateKey, string payloadType, byte[] payload)
    {
        var signature = privateKey.SignData(Pae(payloadType, payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new DsseEnvelope
        {
            PayloadType = payloadType,
            Payload = Convert.ToBase64String(payload),
            Signatures = [new DsseSignature { Keyid = KeyIds.Of(privateKey), Sig = Convert.ToBase64String(signature) }],
        };
    }

    /// <summary>True when <paramref name="signature"/> (base64 DER) signs the envelope's PAE under <paramref name="publicKey"/>.</summary>
    public static bool Verify(ECDsa publicKey, string payloadType, byte[] payload, string signature)
    {
        var der = TryFromBase64(signature);
        return der is not null
            && publicKey.VerifyData(Pae(payloadType, payload), der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    public static byte[]? TryFromBase64(string value)
    {
        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }
}

/// <summary>Key ids are the lower-case hex SHA-256 of the public key's DER SubjectPublicKeyInfo.</summary>
public static class KeyIds
{
    public static string Of(ECDsa key) => Of(key.ExportSubjectPublicKeyInfo());

    public static string Of(byte[] subjectPublicKeyInfo) => Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));

    /// <summary>Reads a PEM SPKI public key, insisting on ECDSA P-256; null with a reason otherwise.</summary>
    public static ECDsa? TryImportP256PublicKey(string pem, out ValidationText? reason)
    {
        // Only a PUBLIC KEY block: a pasted private key must never be taken (or kept) by the service.
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not "PUBLIC KEY")
        {
            reason = new("Not a PEM-encoded public key (-----BEGIN PUBLIC KEY-----).", "PEM 形式の公開鍵（-----BEGIN PUBLIC KEY-----）ではありません。");
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(pem[fields.Base64Data]), out _);
            // A key with explicit curve parameters has no curve OID: refuse it rather than guess.
            if (key.ExportParameters(false).Curve is { IsNamed: true, Oid.Value: var oid } && oid == ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                reason = null;
                return key;
            }

            reason = new("Only ECDSA P-256 keys are accepted.", "受け付けるのは ECDSA P-256 の鍵だけです。");
        }
        catch (CryptographicException)
        {
            reason = new("Not an ECDSA P-256 public key.", "ECDSA P-256 の公開鍵ではありません。");
        }

        key.Dispose();
        return null;
    }
}
