using System.Data.Common;

namespace Assessor.Service.Storage;

/// <summary>
/// The provider seam: everything that differs between SQLite, SQL Server and PostgreSQL lives behind it,
/// so feature code only writes portable, parameterised SQL.
/// </summary>
public interface IDatabase
{
    string Provider { get; }

    SqlDialect Dialect { get; }

    /// <summary>An open connection; the caller disposes it.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// An open connection whose writes outside a transaction may be acknowledged before they reach the disk (they survive
    /// the process being killed, not a power failure): only for records whose loss with the machine is harmless, such as
    /// an idempotency claim, which the durable commit of its effect makes durable with it. Providers without such a
    /// setting give an ordinary connection.
    /// </summary>
    Task<DbConnection> OpenForLightWritesAsync(CancellationToken cancellationToken = default) => OpenAsync(cancellationToken);

    /// <summary>Applies the provider's embedded migrations that have not run yet; instances starting together take turns.</summary>
    void Migrate(ILogger logger);

    /// <summary>True for a primary-key or unique-constraint violation: a concurrent writer got there first.</summary>
    bool IsUniqueViolation(Exception exception);
}

/// <summary>SQL fragments whose spelling differs by provider.</summary>
public sealed record SqlDialect(Func<string, string> LimitClause, Func<string, string, string> PageClause)
{
    /// <summary>"LIMIT @x" for SQLite and PostgreSQL.</summary>
    public static SqlDialect Standard { get; } = new(parameter => $"LIMIT {parameter}", (take, skip) => $"LIMIT {take} OFFSET {skip}");

    /// <summary>SQL Server pages with OFFSET … FETCH after the ORDER BY.</summary>
    public static SqlDialect SqlServer { get; } = new(
        parameter => $"OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY", (take, skip) => $"OFFSET {skip} ROWS FETCH NEXT {take} ROWS ONLY");

    /// <summary>Appends "skip this many rows, then take at most that many" to an ordered query (numbered pages for people).</summary>
    public string Page(string orderedQuery, string take, string skip) => $"{orderedQuery} {PageClause(take, skip)}";

    /// <summary>Appends a row limit bound to <paramref name="parameter"/> to an ordered query.</summary>
    public string Limit(string orderedQuery, string parameter) => $"{orderedQuery} {LimitClause(parameter)}";
}

public static class DatabaseExtensions
{
    /// <summary>
    /// Runs an INSERT guarded by NOT EXISTS; when a concurrent writer slipped in between the check and the
    /// insert (possible outside SQLite's single writer), the unique constraint answers and this returns 0.
    /// </summary>
    public static async Task<int> UnlessDuplicateAsync(this IDatabase database, Func<Task<int>> insert)
    {
        try
        {
            return await insert();
        }
        catch (Exception ex) when (database.IsUniqueViolation(ex))
        {
            return 0;
        }
    }
}

public static class ConnectionStrings
{
    /// <summary>True when the operator's connection string sets one of these keywords itself.</summary>
    public static bool Names(string connectionString, params string[] keywords)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(keyword => given.ContainsKey(keyword));
    }
}
