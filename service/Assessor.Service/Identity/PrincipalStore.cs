using System.Data.Common;
using Assessor.Domain.Log;
using Assessor.Service.Log;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Identity;

public sealed record PrincipalRow(Guid Id, string Name, string Role, string? CorporateNumber, Guid? SpecialistId, DateTimeOffset CreatedAt);

public sealed record AuthenticatedKey(Guid PrincipalId, string Role, string? CorporateNumber, Guid? SpecialistId);

public sealed record IssuedKey(Guid KeyId, string Key);

public sealed class PrincipalStore(IDatabase database, AuditLog log, TimeProvider clock)
{
    public async Task<AuthenticatedKey?> FindActiveKeyAsync(string keyHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AuthenticatedKey>(new CommandDefinition(
            """
            SELECT p.id AS PrincipalId, p.role AS Role, p.corporate_number AS CorporateNumber,
                   p.specialist_id AS SpecialistId
            FROM api_keys k JOIN principals p ON p.id = k.principal_id
            WHERE k.key_hash = @keyHash AND k.revoked_at IS NULL
            """,
            new { keyHash },
            cancellationToken: cancellationToken));
    }

    public async Task<(PrincipalRow Principal, IssuedKey Key)> CreateAsync(
        string name, string role, string? corporateNumber, Guid? specialistId, string? presetKey, LogActor actor, CancellationToken cancellationToken)
    {
        var principal = new PrincipalRow(Guid.NewGuid(), name, role, corporateNumber, specialistId, clock.GetUtcNow());
        var key = new IssuedKey(Guid.NewGuid(), presetKey ?? ApiKeys.Generate());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertAsync(connection, transaction, principal, cancellationToken);
        await InsertKeyAsync(connection, transaction, principal.Id, key, cancellationToken);
        await log.AppendAsync(connection, transaction, LogEntries.PrincipalCreated(actor, principal, key.KeyId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (principal, key);
    }

    /// <summary>Inserts the principal's row in <paramref name="transaction"/>; the caller logs why it exists.</summary>
    internal static Task InsertAsync(DbConnection connection, DbTransaction transaction, PrincipalRow principal, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO principals (id, name, role, corporate_number, specialist_id, created_at)
            VALUES (@Id, @Name, @Role, @CorporateNumber, @SpecialistId, @CreatedAt)
            """,
            principal,
            transaction,
            cancellationToken: cancellationToken));

    public async Task<IssuedKey?> IssueKeyAsync(Guid principalId, LogActor actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM principals WHERE id = @principalId", new { principalId }, transaction, cancellationToken: cancellationToken));
        if (exists == 0)
        {
            return null;
        }

        var key = new IssuedKey(Guid.NewGuid(), ApiKeys.Generate());
        await InsertKeyAsync(connection, transaction, principalId, key, cancellationToken);
        await log.AppendAsync(connection, transaction, LogEntries.PrincipalKey(LogActions.PrincipalKeyCreated, actor, principalId, key.KeyId, clock.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return key;
    }

    /// <summary>True when the key existed for that principal; revoking twice is harmless (and logged once).</summary>
    public async Task<bool> RevokeKeyAsync(Guid principalId, Guid keyId, LogActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE api_keys SET revoked_at = @now
            WHERE id = @keyId AND principal_id = @principalId AND revoked_at IS NULL
            """,
            new { keyId, principalId, now },
            transaction,
            cancellationToken: cancellationToken));
        if (revoked == 0)
        {
            return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM api_keys WHERE id = @keyId AND principal_id = @principalId", new { keyId, principalId }, transaction,
                cancellationToken: cancellationToken)) > 0;
        }

        await log.AppendAsync(connection, transaction, LogEntries.PrincipalKey(LogActions.PrincipalKeyRevoked, actor, principalId, keyId, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<PrincipalRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PrincipalRow>(new CommandDefinition(
            """
            SELECT id AS Id, name AS Name, role AS Role, corporate_number AS CorporateNumber,
                   specialist_id AS SpecialistId, created_at AS CreatedAt
            FROM principals ORDER BY created_at, id
            """,
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<string?> NameOfAsync(Guid principalId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT name FROM principals WHERE id = @principalId", new { principalId }, cancellationToken: cancellationToken));
    }

    /// <summary>The console language the principal last chose (<c>ja</c> or <c>en</c>); null when never chosen.</summary>
    public async Task<string?> LanguageOfAsync(Guid principalId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT language FROM principals WHERE id = @principalId", new { principalId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Keeps the principal's console language. A display preference, not a change to any record the service certifies,
    /// so it appends no audit-log event.
    /// </summary>
    public async Task SetLanguageAsync(Guid principalId, string language, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE principals SET language = @language WHERE id = @principalId", new { principalId, language }, cancellationToken: cancellationToken));
    }

    /// <summary>True when a principal holding exactly this key already exists.</summary>
    public async Task<bool> KeyExistsAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM api_keys WHERE key_hash = @hash", new { hash = ApiKeys.Hash(key) }, cancellationToken: cancellationToken)) > 0;
    }

    private Task InsertKeyAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Guid principalId, IssuedKey key, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO api_keys (id, principal_id, key_hash, created_at) VALUES (@id, @principalId, @hash, @now)",
            new { id = key.KeyId, principalId, hash = ApiKeys.Hash(key.Key), now = clock.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));
}
