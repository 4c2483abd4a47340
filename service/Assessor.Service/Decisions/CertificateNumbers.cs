using System.Data.Common;
using System.Globalization;
using Assessor.Domain.Reports;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Decisions;

/// <summary>
/// A certificate number: <c>{prefix}-{year}-{serial}</c>, e.g. <c>CI-2026-000001</c> — the regime's prefix (from
/// <c>reports/certificates.json</c>), the calendar year in Japan (JST) of the decision, and the serial, counted from 1 per
/// prefix and year, six digits or more (docs/certificates.md).
/// </summary>
public sealed record CertificateNumber(string Prefix, int Year, long Serial)
{
    public string Text => string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{Year:D4}-{Serial:D6}");

    /// <summary>The year a certificate decided at <paramref name="decidedAt"/> is numbered in: the calendar year in Japan.</summary>
    public static int YearOf(DateTimeOffset decidedAt) => JapanTime.ToJst(decidedAt).Year;

    public override string ToString() => Text;
}

/// <summary>Assigns certificate numbers in the certifying transaction and records which certification took each.</summary>
public sealed class CertificateNumbers(IDatabase database)
{
    private const string Next = "SELECT COALESCE(MAX(serial), 0) + 1 FROM certificates WHERE prefix = @prefix AND year = @year";

    /// <summary>
    /// The number the next certification of <paramref name="prefix"/> in <paramref name="year"/> is expected to take, read
    /// outside any transaction: the report is rendered for it ahead of time, and rendered again in the rare case that
    /// another certification took it meanwhile.
    /// </summary>
    public async Task<CertificateNumber> ExpectedAsync(string prefix, int year, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var serial = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Next, new { prefix, year }, cancellationToken: cancellationToken));
        return new CertificateNumber(prefix, year, serial);
    }

    /// <summary>
    /// The next number, inside <paramref name="transaction"/>. Called while the audit log is locked (the certification's
    /// event is being appended), so every certifying transaction takes its number in turn and none takes another's.
    /// </summary>
    public static async Task<CertificateNumber> TakeAsync(
        DbConnection connection, DbTransaction transaction, string prefix, int year, CancellationToken cancellationToken)
    {
        var serial = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Next, new { prefix, year }, transaction, cancellationToken: cancellationToken));
        return new CertificateNumber(prefix, year, serial);
    }

    /// <summary>Records the number as taken by the certification of <paramref name="planId"/>.</summary>
    public static Task RecordAsync(
        DbConnection connection, DbTransaction transaction, CertificateNumber number, Guid planId, Guid decisionId, string reportDigest,
        long logIndex, DateTimeOffset issuedAt, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO certificates (number, prefix, year, serial, plan_id, decision_id, report_digest, log_index, issued_at)
            VALUES (@number, @Prefix, @Year, @Serial, @planId, @decisionId, @reportDigest, @logIndex, @issuedAt)
            """,
            new { number = number.Text, number.Prefix, number.Year, number.Serial, planId, decisionId, reportDigest, logIndex, issuedAt },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>The certificate number of a certified plan; null for a plan certified before numbers were assigned.</summary>
    public async Task<string?> OfPlanAsync(Guid planId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT number FROM certificates WHERE plan_id = @planId", new { planId }, cancellationToken: cancellationToken));
    }
}
