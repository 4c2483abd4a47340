using Assessor.Domain.Assessments;
using Assessor.Domain.Attestations;
using Assessor.Domain.Log;
using Assessor.Domain.Procedure;
using Assessor.Service.Idempotency;
using Assessor.Service.Log;
using Assessor.Service.Plans;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Attestations;

public sealed record SignoffRow(
    Guid Id, Guid RunId, Guid PlanId, long PlanRevision, string KeyId, Verdict Verdict, string Envelope, string StatementSha256, DateTimeOffset SignedAt);

/// <summary>The sign-off that bears on a plan's security requirement: the latest one on its current revision.</summary>
public sealed record CurrentSignoff(
    Guid SignoffId, Guid RunId, Verdict Verdict, string KeyId, DateTimeOffset SignedAt, string ChecklistId, long ChecklistVersion,
    string RegistrationNumber, string Kind, string Name, string EmployerCorporateNumber);

/// <summary>Sign-offs: the one writer of an accepted sign-off, and the reader of the one that counts for a plan.</summary>
public sealed class SignoffStore(IDatabase database, AuditLog log)
{
    private const string SignoffColumns = """
        id AS Id, run_id AS RunId, plan_id AS PlanId, plan_revision AS PlanRevision, key_id AS KeyId, verdict AS Verdict,
        envelope AS Envelope, statement_sha256 AS StatementSha256, signed_at AS SignedAt
        """;

    /// <summary>
    /// Stores a verified sign-off in one transaction, only if the plan is still in review at the run's revision and the
    /// run is unsigned and still at <paramref name="runVersion"/> (no answer changed since the statement was checked).
    /// Both checks are row updates, so on every provider a concurrent answer, sign-off or decision either waits and then
    /// fails its own check, or makes this one fail. A sign-off is new evidence on the plan, so it moves the plan's
    /// version: a reviewer's decision prepared before it no longer applies. The response to an idempotent request is
    /// recorded in the same transaction.
    /// </summary>
    public async Task<bool> SaveAsync(SignoffRow signoff, long runVersion, IdempotentResponse? response, LogActor actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var plan = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE plans SET version = version + 1, updated_at = @SignedAt
            WHERE id = @PlanId AND status = @inReview AND current_revision = @PlanRevision
            """,
            new { signoff.PlanId, signoff.PlanRevision, signoff.SignedAt, inReview = PlanStatus.Submitted.ToWire() },
            transaction,
            cancellationToken: cancellationToken));
        var run = plan == 1 ? await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE checklist_runs SET version = version + 1, signed_at = @SignedAt
            WHERE id = @RunId AND version = @runVersion AND signed_at IS NULL
            """,
            new { signoff.RunId, signoff.SignedAt, runVersion },
            transaction,
            cancellationToken: cancellationToken)) : 0;
        if (run != 1)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO signoffs (id, run_id, plan_id, plan_revision, key_id, verdict, envelope, statement_sha256, signed_at)
            VALUES (@Id, @RunId, @PlanId, @PlanRevision, @KeyId, @verdict, @Envelope, @StatementSha256, @SignedAt)
            """,
            new
            {
                signoff.Id,
                signoff.RunId,
                signoff.PlanId,
                signoff.PlanRevision,
                signoff.KeyId,
                verdict = signoff.Verdict.ToWire(),
                signoff.Envelope,
                signoff.StatementSha256,
                signoff.SignedAt,
            },
            transaction,
            cancellationToken: cancellationToken));
        if (response is not null)
        {
            await response.WriteAsync(connection, transaction, cancellationToken);
        }

        await log.AppendAsync(connection, transaction, LogEntries.SignoffAccepted(actor, signoff), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<SignoffRow?> OfRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SignoffRow>(new CommandDefinition(
            $"SELECT {SignoffColumns} FROM signoffs WHERE run_id = @runId", new { runId }, cancellationToken: cancellationToken));
    }

    public async Task<CurrentSignoff?> CurrentAsync(PlanRow plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var query = database.Dialect.Limit(
            """
            SELECT o.id AS SignoffId, o.run_id AS RunId, o.verdict AS Verdict, o.key_id AS KeyId, o.signed_at AS SignedAt,
                   r.checklist_id AS ChecklistId, r.checklist_version AS ChecklistVersion,
                   s.registration_number AS RegistrationNumber, s.kind AS Kind, s.name AS Name,
                   s.employer_corporate_number AS EmployerCorporateNumber
            FROM signoffs o
            JOIN checklist_runs r ON r.id = o.run_id
            JOIN specialists s ON s.id = r.specialist_id
            WHERE o.plan_id = @planId AND o.plan_revision = @revision
            ORDER BY o.signed_at DESC
            """,
            "1");
        return await connection.QuerySingleOrDefaultAsync<CurrentSignoff>(new CommandDefinition(
            query, new { planId = plan.Id, revision = plan.CurrentRevision }, cancellationToken: cancellationToken));
    }

    /// <summary>The security requirement's input: pending without a sign-off on the current revision, else its verdict.</summary>
    public async Task<SecurityStatus> SecurityStatusAsync(PlanRow plan, CancellationToken cancellationToken)
    {
        var signoff = await CurrentAsync(plan, cancellationToken);
        if (signoff is null)
        {
            return SecurityStatus.Pending;
        }

        var passed = signoff.Verdict == Verdict.Pass;
        var figures = new SecurityFigures(signoff.SignoffId, signoff.RunId, $"{signoff.ChecklistId}@{signoff.ChecklistVersion}",
            new SigningSpecialist(signoff.Name, signoff.RegistrationNumber, WireNames<SpecialistKind>.Parse(signoff.Kind)), signoff.KeyId, signoff.SignedAt,
            signoff.Verdict);
        return new SecurityStatus(
            passed ? RequirementStatus.Pass : RequirementStatus.Fail,
            [passed ? Reasons.SecuritySignedOff(signoff.Name, signoff.RegistrationNumber) : Reasons.SecurityNotSatisfied(signoff.Name, signoff.RegistrationNumber)],
            figures);
    }
}
