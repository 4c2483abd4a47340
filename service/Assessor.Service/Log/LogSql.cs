using Assessor.Service.Storage;

namespace Assessor.Service.Log;

/// <summary>
/// The log's only SQL whose spelling differs by provider. Everything else the log runs is portable.
/// </summary>
internal static class LogSql
{
    /// <summary>
    /// Takes the next index: one UPDATE of the single <c>log_state</c> row that returns the index it took and the tree's
    /// right edge before this append. The UPDATE locks the row until the transaction ends (PostgreSQL and SQL Server take a
    /// row lock; SQLite's writer already holds the database), so concurrent appends from any instance wait here and the
    /// indexes they commit form one sequence without gaps; a transaction that rolls back gives its index back.
    /// </summary>
    public static string Allocate(string provider) => provider switch
    {
        DatabaseProviders.SqlServer =>
            "UPDATE log_state SET size = size + 1 OUTPUT deleted.size AS Idx, deleted.frontier AS Frontier WHERE id = 1",
        _ => "UPDATE log_state SET size = size + 1 WHERE id = 1 RETURNING size - 1 AS Idx, frontier AS Frontier",
    };

    /// <summary>Locks the <c>log_state</c> row without appending, for a check that must see the log as no other append can change it.</summary>
    public const string Lock = "UPDATE log_state SET size = size WHERE id = 1";
}
