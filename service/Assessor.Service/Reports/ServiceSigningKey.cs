using System.Security.Cryptography;
using Assessor.Domain.Attestations;
using Assessor.Service.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Reports;

/// <summary>
/// The service's ECDSA P-256 key that signs certified reports. From configuration when given; otherwise
/// generated on first start and kept in the database, so every instance signs with the same key.
/// Loaded once at start (<see cref="LoadAsync"/>), before the service takes requests.
/// </summary>
public sealed class ServiceSigningKey(IOptions<SigningOptions> options, IDatabase database, TimeProvider clock) : IDisposable
{
    private const string SigningSlot = "signing";

    private ECDsa? key;

    public string KeyId { get; private set; } = "";

    public string PublicKeyPem { get; private set; } = "";

    private ECDsa Key => key ?? throw new InvalidOperationException("The signing key is used before it was loaded at start.");

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var pem = options.Value.PrivateKeyPem
            ?? (options.Value.PrivateKeyPath is { } path ? await File.ReadAllTextAsync(path, cancellationToken) : null)
            ?? await StoredOrGeneratedAsync(cancellationToken);
        var loaded = ECDsa.Create();
        loaded.ImportFromPem(pem);
        if (loaded.ExportParameters(false).Curve is not { IsNamed: true, Oid.Value: var oid } || oid != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            loaded.Dispose();
            throw new InvalidOperationException($"{SigningOptions.Section}: the signing key must be ECDSA P-256.");
        }

        KeyId = KeyIds.Of(loaded);
        PublicKeyPem = loaded.ExportSubjectPublicKeyInfoPem();
        Interlocked.Exchange(ref key, loaded)?.Dispose();
    }

    public DsseEnvelope Sign(byte[] payload) => Dsse.Sign(Key, Dsse.InTotoPayloadType, payload);

    public void Dispose() => key?.Dispose();

    private async Task<string> StoredOrGeneratedAsync(CancellationToken cancellationToken)
    {
        using var candidate = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Every instance offers a key for the one slot; the unique slot keeps the first, and all read it back.
        await database.UnlessDuplicateAsync(() => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO service_keys (key_id, private_key_pem, created_at, slot)
            SELECT @keyId, @pem, @now, @slot WHERE NOT EXISTS (SELECT 1 FROM service_keys WHERE slot = @slot)
            """,
            new { keyId = KeyIds.Of(candidate), pem = candidate.ExportPkcs8PrivateKeyPem(), now = clock.GetUtcNow(), slot = SigningSlot },
            cancellationToken: cancellationToken)));
        return await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT private_key_pem FROM service_keys WHERE slot = @slot", new { slot = SigningSlot }, cancellationToken: cancellationToken));
    }
}
