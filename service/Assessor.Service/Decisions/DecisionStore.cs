using System.Data.Common;
using Assessor.Domain.Log;
using Assessor.Domain.Procedure;
using Assessor.Service.Log;
using Assessor.Service.Plans;
using Assessor.Service.Reports;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Decisions;

public sealed record DecisionRecord(Guid Id, Decision Decision, string? Reason, Guid ReviewerId, DateTimeOffset DecidedAt);

public sealed record DecisionRow(Guid Id, long PlanRevision, Decision Decision, string? Reason, string ReviewerName, DateTimeOffset DecidedAt);

/// <summary>
/// The one writer of a decision: the plan's new status, the decision itself and, for a certification, its certificate
/// number, the signed report and its files, and the decision's event in the audit log (naming the number), all in one
/// transaction, so a certified plan always has its report and its number, and its certification is always in the log.
/// </summary>
public sealed class DecisionStore(IDatabase database, AuditLog log)
{
    /// <summary>
    /// Records <paramref name="decision"/> on <paramref name="plan"/> as it was read and assessed. False when the plan
    /// changed since (a revision, a sign-off or another decision moved its version): nobody decides on evidence that is gone.
    /// </summary>
    public async Task<bool> RecordAsync(PlanRow plan, DecisionRecord decision, PendingCertification? certification, LogActor actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE plans SET status = @status, version = version + 1, updated_at = @DecidedAt
            WHERE id = @Id AND version = @Version
            """,
            new { plan.Id, plan.Version, status = PlanLifecycle.StatusAfter(decision.Decision).ToWire(), decision.DecidedAt },
            transaction,
            cancellationToken: cancellationToken));
        if (changed != 1)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO decisions (id, plan_id, plan_revision, decision, reason, reviewer_id, decided_at)
            VALUES (@Id, @planId, @revision, @decision, @Reason, @ReviewerId, @DecidedAt)
            """,
            new { decision.Id, planId = plan.Id, revision = plan.CurrentRevision, decision = decision.Decision.ToWire(), decision.Reason, decision.ReviewerId, decision.DecidedAt },
            transaction,
            cancellationToken: cancellationToken));
        await log.AppendAsync(connection, transaction, async index =>
        {
            if (certification is null)
            {
                return LogEntries.Decided(actor, plan, decision.Decision, decision.DecidedAt, certified: null, certificateNumber: null);
            }

            // The log is locked from here to the commit: the number taken now is taken by no other certification.
            var number = await CertificateNumbers.TakeAsync(connection, transaction, certification.Prefix, certification.Year, cancellationToken);
            var certified = await certification.ForAsync(index, number, cancellationToken);
            await StoreReportAsync(connection, transaction, certified, cancellationToken);
            await CertificateNumbers.RecordAsync(connection, transaction, number, plan.Id, decision.Id, certified.Report.ReportDigest, index,
                decision.DecidedAt, cancellationToken);
            return LogEntries.Decided(actor, plan, decision.Decision, decision.DecidedAt, certified, number.Text);
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task StoreReportAsync(DbConnection connection, DbTransaction transaction, SignedReport certified, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO certified_reports (report_digest, plan_id, plan_revision, decision_id, envelope, key_id, created_at)
            VALUES (@ReportDigest, @PlanId, @PlanRevision, @DecisionId, @Envelope, @KeyId, @CreatedAt)
            """,
            certified.Report,
            transaction,
            cancellationToken: cancellationToken));
        foreach (var file in certified.Files)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO report_files (report_digest, format, content_type, sha256, size, body)
                VALUES (@digest, @Format, @ContentType, @Sha256, @size, @Body)
                """,
                new { digest = certified.Report.ReportDigest, file.Format, file.ContentType, file.Sha256, size = file.Body.LongLength, file.Body },
                transaction,
                cancellationToken: cancellationToken));
        }
    }

    /// <summary>The latest decision on a plan, with the reviewer's name.</summary>
    public async Task<DecisionRow?> LatestAsync(Guid planId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<DecisionRow>(new CommandDefinition(
            database.Dialect.Limit(
                """
                SELECT d.id AS Id, d.plan_revision AS PlanRevision, d.decision AS Decision, d.reason AS Reason,
                       p.name AS ReviewerName, d.decided_at AS DecidedAt
                FROM decisions d JOIN principals p ON p.id = d.reviewer_id
                WHERE d.plan_id = @planId ORDER BY d.decided_at DESC
                """,
                "1"),
            new { planId },
            cancellationToken: cancellationToken));
    }
}
