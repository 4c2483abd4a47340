using Assessor.Domain.Procedure;
using Assessor.Domain.Reports;
using Assessor.Service.Plans;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.WebConsole;

/// <summary>What a list page asks for; every part optional.</summary>
public sealed record QueueFilter(PlanStatus? Status, string? Regime, string? Company, DateOnly? UpdatedFrom, DateOnly? UpdatedUntil, string Sort, int Page);

/// <summary>A plan in a list, with whether its current revision carries a sign-off.</summary>
/// <remarks>Settable properties rather than a positional record: the providers return the sign-off flag as different integer types.</remarks>
public sealed class QueueRow
{
    public Guid Id { get; init; }

    public string Title { get; init; } = "";

    public string ApplicantName { get; init; } = "";

    public string ApplicantCorporateNumber { get; init; } = "";

    public string Regime { get; init; } = "";

    public PlanStatus Status { get; init; }

    public long CurrentRevision { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public bool SignedOff { get; init; }
}

public sealed record KeySummary(Guid Id, Guid PrincipalId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record RunSummary(Guid Id, long PlanRevision, string ChecklistId, long ChecklistVersion, DateTimeOffset CreatedAt);

public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, IReadOnlyDictionary<PlanStatus, int> Counts, int Matching, int Page, int Pages);

/// <summary>
/// The console's lists: numbered pages with filters, sorts and counts, for people (the API's list pages by cursor, for programs).
/// Visibility is the API's <see cref="PlanScope"/> for the caller, so a list shows exactly the plans the API would.
/// </summary>
public sealed class ConsoleQueries(IDatabase database)
{
    public const int PageSize = 25;

    /// <summary>The sorts offered, each a whitelisted ORDER BY ending in the id so pages never overlap.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sorts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["updated-desc"] = "p.updated_at DESC, p.id DESC",
        ["updated-asc"] = "p.updated_at, p.id",
        ["created-asc"] = "p.created_at, p.id",
        ["title-asc"] = "p.title, p.id",
        ["company-asc"] = "p.applicant_name, p.id",
    };

    public async Task<QueuePage> QueueAsync(PlanScope scope, QueueFilter filter, CancellationToken cancellationToken)
    {
        var conditions = new List<string> { scope.Predicate };
        if (filter.Regime is not null)
        {
            conditions.Add("p.regime = @regime");
        }

        if (filter.Company is not null)
        {
            conditions.Add("(p.applicant_name LIKE @company ESCAPE '\\' OR p.applicant_corporate_number LIKE @company ESCAPE '\\')");
        }

        if (filter.UpdatedFrom is not null)
        {
            conditions.Add("p.updated_at >= @from");
        }

        if (filter.UpdatedUntil is not null)
        {
            conditions.Add("p.updated_at < @until");
        }

        var where = string.Join(" AND ", conditions);
        var statusWhere = filter.Status is null ? where : $"{where} AND p.status = @status";
        var parameters = scope.With(new
        {
            regime = filter.Regime,
            company = filter.Company is null ? null : $"%{EscapeLike(filter.Company)}%",
            // Days are Japan's, as the console shows times: a reviewer's "29 November" starts at midnight JST.
            from = filter.UpdatedFrom is { } f ? JapanTime.StartOf(f) : (DateTimeOffset?)null,
            until = filter.UpdatedUntil is { } u ? JapanTime.StartOf(u.AddDays(1)) : (DateTimeOffset?)null,
            status = filter.Status?.ToWire(),
            take = PageSize,
            skip = (filter.Page - 1) * PageSize,
        });

        await using var connection = await database.OpenAsync(cancellationToken);
        // Counts by status under every other filter, so the status tabs say what each would show.
        var counts = (await connection.QueryAsync<StatusCount>(new CommandDefinition(
                $"SELECT p.status AS Status, COUNT(*) AS Count FROM plans p WHERE {where} GROUP BY p.status", parameters, cancellationToken: cancellationToken)))
            .ToDictionary(
                c => WireNames<PlanStatus>.TryParse(c.Status, out var s) ? s : throw new InvalidOperationException($"Unknown status {c.Status}."),
                c => (int)c.Count);
        var matching = filter.Status is { } wanted ? counts.GetValueOrDefault(wanted) : counts.Values.Sum();
        var rows = await connection.QueryAsync<QueueRow>(new CommandDefinition(
            database.Dialect.Page(
                $"""
                SELECT p.id AS Id, p.title AS Title, p.applicant_name AS ApplicantName, p.applicant_corporate_number AS ApplicantCorporateNumber,
                       p.regime AS Regime, p.status AS Status, p.current_revision AS CurrentRevision, p.created_at AS CreatedAt,
                       p.updated_at AS UpdatedAt,
                       CASE WHEN EXISTS (SELECT 1 FROM signoffs s WHERE s.plan_id = p.id AND s.plan_revision = p.current_revision)
                            THEN 1 ELSE 0 END AS SignedOff
                FROM plans p WHERE {statusWhere}
                ORDER BY {Sorts[filter.Sort]}
                """,
                "@take",
                "@skip"),
            parameters,
            cancellationToken: cancellationToken));
        return new QueuePage(rows.AsList(), counts, matching, filter.Page, Math.Max(1, (matching + PageSize - 1) / PageSize));
    }

    /// <summary>The checklist runs a specialist started on a plan, newest first.</summary>
    public async Task<IReadOnlyList<RunSummary>> RunsAsync(Guid planId, Guid specialistId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunSummary>(new CommandDefinition(
            """
            SELECT r.id AS Id, r.plan_revision AS PlanRevision, r.checklist_id AS ChecklistId, r.checklist_version AS ChecklistVersion,
                   r.created_at AS CreatedAt
            FROM checklist_runs r WHERE r.plan_id = @planId AND r.specialist_id = @specialistId
            ORDER BY r.created_at DESC, r.id
            """,
            new { planId, specialistId },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Every API key's id and state (never its hash), for the admin page.</summary>
    public async Task<IReadOnlyList<KeySummary>> KeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeySummary>(new CommandDefinition(
            "SELECT k.id AS Id, k.principal_id AS PrincipalId, k.created_at AS CreatedAt, k.revoked_at AS RevokedAt FROM api_keys k ORDER BY k.created_at, k.id",
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <remarks>Properties, not a tuple: COUNT is a long on SQLite and PostgreSQL and an int on SQL Server.</remarks>
    private sealed class StatusCount
    {
        public string Status { get; init; } = "";

        public long Count { get; init; }
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
