using Assessor.Domain.Attestations;
using Assessor.Domain.Log;
using Assessor.Domain.Procedure;
using Assessor.Service.Log;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Specialists;

public sealed record SpecialistRow(
    Guid Id,
    string RegistrationNumber,
    string Kind,
    string Name,
    string EmployerCorporateNumber,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    DateTimeOffset? RevokedAt,
    DateTimeOffset CreatedAt)
{
    /// <summary>The registration this row records, with its rules (see <see cref="Domain.Procedure.Registration"/>).</summary>
    public Registration Registration => new(RegistrationNumber, WireNames<SpecialistKind>.Parse(Kind), ValidFrom, ValidUntil, RevokedAt);
}

public sealed record SpecialistKeyRow(string KeyId, Guid SpecialistId, string PublicKeyPem, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed class SpecialistStore(IDatabase database, AuditLog log, TimeProvider clock)
{
    private const string Columns = """
        id AS Id, registration_number AS RegistrationNumber, kind AS Kind, name AS Name,
        employer_corporate_number AS EmployerCorporateNumber, valid_from AS ValidFrom, valid_until AS ValidUntil,
        revoked_at AS RevokedAt, created_at AS CreatedAt
        """;

    private const string KeyColumns = """
        key_id AS KeyId, specialist_id AS SpecialistId, public_key_pem AS PublicKeyPem, created_at AS CreatedAt, revoked_at AS RevokedAt
        """;

    /// <summary>Null when the registration number is already registered.</summary>
    public async Task<SpecialistRow?> CreateAsync(SpecialistRow candidate, LogActor actor, CancellationToken cancellationToken)
    {
        var row = candidate with { Id = Guid.NewGuid(), CreatedAt = clock.GetUtcNow(), RevokedAt = null };
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await database.UnlessDuplicateAsync(() => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO specialists (id, registration_number, kind, name, employer_corporate_number, valid_from, valid_until, version, created_at)
            SELECT @Id, @RegistrationNumber, @Kind, @Name, @EmployerCorporateNumber, @ValidFrom, @ValidUntil, 1, @CreatedAt
            WHERE NOT EXISTS (SELECT 1 FROM specialists WHERE registration_number = @RegistrationNumber)
            """,
            row,
            transaction,
            cancellationToken: cancellationToken)));
        if (inserted != 1)
        {
            return null;
        }

        await log.AppendAsync(connection, transaction, LogEntries.SpecialistCreated(actor, row), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    public async Task<SpecialistRow?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SpecialistRow>(new CommandDefinition(
            $"SELECT {Columns} FROM specialists WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<SpecialistRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SpecialistRow>(new CommandDefinition(
            $"SELECT {Columns} FROM specialists ORDER BY registration_number", cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Revokes the registration from now on; false when there is no such specialist. Revoking twice is harmless (and logged once).</summary>
    public async Task<bool> RevokeAsync(Guid id, LogActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE specialists SET revoked_at = @now, version = version + 1 WHERE id = @id AND revoked_at IS NULL",
            new { id, now },
            transaction,
            cancellationToken: cancellationToken)) == 0)
        {
            return await Exists(connection, transaction, "SELECT COUNT(*) FROM specialists WHERE id = @id", new { id }, cancellationToken);
        }

        await log.AppendAsync(connection, transaction, LogEntries.SpecialistRevoked(actor, id, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public enum AddKeyOutcome
    {
        Added,
        NoSuchSpecialist,
        KeyTaken,
    }

    public async Task<AddKeyOutcome> AddKeyAsync(Guid specialistId, string keyId, string publicKeyPem, LogActor actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var specialist = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM specialists WHERE id = @specialistId", new { specialistId }, transaction, cancellationToken: cancellationToken));
        if (specialist == 0)
        {
            return AddKeyOutcome.NoSuchSpecialist;
        }

        var now = clock.GetUtcNow();
        var inserted = await database.UnlessDuplicateAsync(() => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO specialist_keys (key_id, specialist_id, public_key_pem, created_at)
            SELECT @keyId, @specialistId, @publicKeyPem, @now
            WHERE NOT EXISTS (SELECT 1 FROM specialist_keys WHERE key_id = @keyId)
            """,
            new { keyId, specialistId, publicKeyPem, now },
            transaction,
            cancellationToken: cancellationToken)));
        if (inserted != 1)
        {
            return AddKeyOutcome.KeyTaken;
        }

        await log.AppendAsync(connection, transaction, LogEntries.SpecialistKey(LogActions.SpecialistKeyCreated, actor, specialistId, keyId, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AddKeyOutcome.Added;
    }

    /// <summary>True when the key is registered to that specialist; revoking twice is harmless (and logged once).</summary>
    public async Task<bool> RevokeKeyAsync(Guid specialistId, string keyId, LogActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE specialist_keys SET revoked_at = @now WHERE key_id = @keyId AND specialist_id = @specialistId AND revoked_at IS NULL",
            new { keyId, specialistId, now },
            transaction,
            cancellationToken: cancellationToken)) == 0)
        {
            return await Exists(connection, transaction, "SELECT COUNT(*) FROM specialist_keys WHERE key_id = @keyId AND specialist_id = @specialistId",
                new { keyId, specialistId }, cancellationToken);
        }

        await log.AppendAsync(connection, transaction, LogEntries.SpecialistKey(LogActions.SpecialistKeyRevoked, actor, specialistId, keyId, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<bool> Exists(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string countQuery, object parameters, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(countQuery, parameters, transaction, cancellationToken: cancellationToken)) > 0;

    public async Task<IReadOnlyList<SpecialistKeyRow>> KeysAsync(Guid specialistId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SpecialistKeyRow>(new CommandDefinition(
            $"SELECT {KeyColumns} FROM specialist_keys WHERE specialist_id = @specialistId ORDER BY created_at",
            new { specialistId },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
