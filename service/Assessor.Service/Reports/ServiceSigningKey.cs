using System.Security.Cryptography;
using Assessor.Domain.Attestations;
using Assessor.Domain.Log;
using Assessor.Service.Log;
using Assessor.Service.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Reports;

/// <summary>
/// The service's ECDSA P-256 key that signs certified reports. From configuration when given; otherwise
/// generated on first start and kept in the database, so every instance signs with the same key.
/// Loaded once at start (<see cref="LoadAsync"/>), before the service takes requests. The audit log records the key
/// whenever it is not the one it last recorded (<see cref="AuditLog.RecordSigningKeyAsync"/>).
/// </summary>
public sealed class ServiceSigningKey(IOptions<SigningOptions> options, IDatabase database, AuditLog log, TimeProvider clock) : IDisposable
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
        // A configured key, or one stored before the log began: recorded now unless the log's last key is this one.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await log.RecordSigningKeyAsync(connection, transaction, KeyId, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public DsseEnvelope Sign(byte[] payload) => Dsse.Sign(Key, Dsse.InTotoPayloadType, payload);

    /// <summary>Signs a checkpoint of the audit log (DSSE, its own payload type).</summary>
    public DsseEnvelope Sign(Checkpoint checkpoint) => checkpoint.Sign(Key);

    public void Dispose() => key?.Dispose();

    private async Task<string> StoredOrGeneratedAsync(CancellationToken cancellationToken)
    {
        using var candidate = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Every instance offers a key for the one slot; the unique slot keeps the first, and all read it back.
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var now = clock.GetUtcNow();
            var stored = await database.UnlessDuplicateAsync(() => connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO service_keys (key_id, private_key_pem, created_at, slot)
                SELECT @keyId, @pem, @now, @slot WHERE NOT EXISTS (SELECT 1 FROM service_keys WHERE slot = @slot)
                """,
                new { keyId = KeyIds.Of(candidate), pem = candidate.ExportPkcs8PrivateKeyPem(), now, slot = SigningSlot },
                transaction,
                cancellationToken: cancellationToken)));
            if (stored == 1)
            {
                await log.RecordSigningKeyAsync(connection, transaction, KeyIds.Of(candidate), now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT private_key_pem FROM service_keys WHERE slot = @slot", new { slot = SigningSlot }, cancellationToken: cancellationToken));
    }
}
