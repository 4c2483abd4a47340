using System.Security.Cryptography;
using Assessor.Domain.Attestations;
using Assessor.Service.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Reports;

/// <summary>Bound from <c>Assessor:Signing</c>.</summary>
public sealed class SigningOptions
{
    public const string Section = "Assessor:Signing";

    /// <summary>PEM (PKCS#8) ECDSA P-256 private key; takes precedence over <see cref="PrivateKeyPath"/>.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>A file holding that PEM, e.g. a mounted secret.</summary>
    public string? PrivateKeyPath { get; set; }
}

/// <summary>
/// The service's ECDSA P-256 key that signs certified reports. From configuration when given; otherwise
/// generated on first start and kept in the database, so every instance signs with the same key.
/// </summary>
public sealed class ServiceSigningKey : IDisposable
{
    private const string SigningSlot = "signing";

    private readonly ECDsa key;

    public ServiceSigningKey(IOptions<SigningOptions> options, IDatabase database, TimeProvider clock)
    {
        var pem = options.Value.PrivateKeyPem
            ?? (options.Value.PrivateKeyPath is { } path ? File.ReadAllText(path) : null)
            ?? StoredOrGenerated(database, clock);
        key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.ExportParameters(false).Curve is not { IsNamed: true, Oid.Value: var oid } || oid != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new InvalidOperationException($"{SigningOptions.Section}: the signing key must be ECDSA P-256.");
        }

        KeyId = KeyIds.Of(key);
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
    }

    public string KeyId { get; }

    public string PublicKeyPem { get; }

    public DsseEnvelope Sign(byte[] payload) => Dsse.Sign(key, Dsse.InTotoPayloadType, payload);

    public void Dispose() => key.Dispose();

    private static string StoredOrGenerated(IDatabase database, TimeProvider clock)
    {
        using var candidate = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var connection = database.OpenAsync().GetAwaiter().GetResult();
        // Every instance offers a key for the one slot; the unique slot keeps the first, and all read it back.
        database.UnlessDuplicateAsync(() => connection.ExecuteAsync(
            """
            INSERT INTO service_keys (key_id, private_key_pem, created_at, slot)
            SELECT @keyId, @pem, @now, @slot WHERE NOT EXISTS (SELECT 1 FROM service_keys WHERE slot = @slot)
            """,
            new { keyId = KeyIds.Of(candidate), pem = candidate.ExportPkcs8PrivateKeyPem(), now = clock.GetUtcNow(), slot = SigningSlot })).GetAwaiter().GetResult();
        return connection.QuerySingle<string>("SELECT private_key_pem FROM service_keys WHERE slot = @slot", new { slot = SigningSlot });
    }
}
