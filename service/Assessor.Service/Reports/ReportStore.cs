using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Reports;

public sealed record ReportFile(string Format, string ContentType, string Sha256, byte[] Body);

public sealed record CertifiedReport(string ReportDigest, Guid PlanId, long PlanRevision, Guid DecisionId, string Envelope, string KeyId, DateTimeOffset CreatedAt);

/// <summary>A certified report ready to store: the signed record and every rendered file.</summary>
public sealed record SignedReport(CertifiedReport Report, IReadOnlyList<ReportFile> Files);

/// <summary>One stored file of a certified report.</summary>
/// <param name="Format"><c>html</c>, <c>md</c>, <c>json</c> or <c>pdf</c>.</param>
/// <param name="ContentType">The file's media type, e.g. <c>text/html; charset=utf-8</c>.</param>
/// <param name="Sha256">The lower-case hex SHA-256 of the file's bytes; <c>GET /reports/{digest}</c> finds the report by it too.</param>
/// <param name="Size">The file's size in bytes.</param>
public sealed record ReportFileInfo(string Format, string ContentType, string Sha256, long Size);

/// <summary>Certified reports: written once by the certify decision (see DecisionStore), then only read.</summary>
public sealed class ReportStore(IDatabase database)
{
    public async Task<(CertifiedReport Report, ReportFile? File)?> GetForPlanAsync(Guid planId, string format, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var report = await connection.QuerySingleOrDefaultAsync<CertifiedReport>(new CommandDefinition(
            $"SELECT {ReportColumns} FROM certified_reports WHERE plan_id = @planId", new { planId }, cancellationToken: cancellationToken));
        if (report is null)
        {
            return null;
        }

        var file = await connection.QuerySingleOrDefaultAsync<ReportFile>(new CommandDefinition(
            """
            SELECT format AS Format, content_type AS ContentType, sha256 AS Sha256, body AS Body
            FROM report_files WHERE report_digest = @digest AND format = @format
            """,
            new { digest = report.ReportDigest, format },
            cancellationToken: cancellationToken));
        return (report, file);
    }

    /// <summary>One file of the certified report <paramref name="reportDigest"/>, with the plan revision it certifies.</summary>
    public async Task<CertifiedFile?> GetFileAsync(string reportDigest, string format, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<FileRow>(
            new CommandDefinition(
                """
                SELECT f.format AS Format, f.content_type AS ContentType, f.sha256 AS Sha256, f.body AS Body, r.plan_id AS PlanId,
                       r.plan_revision AS PlanRevision
                FROM report_files f JOIN certified_reports r ON r.report_digest = f.report_digest
                WHERE f.report_digest = @reportDigest AND f.format = @format
                """,
                new { reportDigest, format },
                cancellationToken: cancellationToken));
        return row is null ? null : new CertifiedFile(new ReportFile(row.Format, row.ContentType, row.Sha256, row.Body), row.PlanId, row.PlanRevision);
    }

    private sealed record FileRow(string Format, string ContentType, string Sha256, byte[] Body, Guid PlanId, long PlanRevision);

    /// <summary>The certified report that <paramref name="sha256"/> names: its own digest or that of any of its files.</summary>
    public async Task<(CertifiedReport Report, IReadOnlyList<ReportFileInfo> Files)?> FindAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var report = await connection.QuerySingleOrDefaultAsync<CertifiedReport>(new CommandDefinition(
            $"""
            SELECT {ReportColumns} FROM certified_reports
            WHERE report_digest = @sha256 OR report_digest IN (SELECT report_digest FROM report_files WHERE sha256 = @sha256)
            """,
            new { sha256 },
            cancellationToken: cancellationToken));
        if (report is null)
        {
            return null;
        }

        var files = await connection.QueryAsync<ReportFileInfo>(new CommandDefinition(
            """
            SELECT format AS Format, content_type AS ContentType, sha256 AS Sha256, size AS Size
            FROM report_files WHERE report_digest = @digest ORDER BY format
            """,
            new { digest = report.ReportDigest },
            cancellationToken: cancellationToken));
        return (report, files.AsList());
    }

    private const string ReportColumns = """
        report_digest AS ReportDigest, plan_id AS PlanId, plan_revision AS PlanRevision, decision_id AS DecisionId,
        envelope AS Envelope, key_id AS KeyId, created_at AS CreatedAt
        """;
}
