using Assessor.Domain.Assessments;
using Assessor.Service.Plans;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Attestations;

/// <summary>The sign-off that bears on a plan's security requirement: the latest one on its current revision.</summary>
public sealed class SecuritySignoffs(IDatabase database)
{
    public sealed record CurrentSignoff(
        Guid SignoffId, Guid RunId, string Verdict, string KeyId, DateTimeOffset SignedAt, string ChecklistId, long ChecklistVersion,
        string RegistrationNumber, string Kind, string Name);

    public async Task<CurrentSignoff?> CurrentAsync(PlanRow plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var query = database.Dialect.Limit(
            """
            SELECT o.id AS SignoffId, o.run_id AS RunId, o.verdict AS Verdict, o.key_id AS KeyId, o.signed_at AS SignedAt,
                   r.checklist_id AS ChecklistId, r.checklist_version AS ChecklistVersion,
                   s.registration_number AS RegistrationNumber, s.kind AS Kind, s.name AS Name
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

    public async Task<SecurityStatus> SecurityStatusAsync(PlanRow plan, CancellationToken cancellationToken)
    {
        var signoff = await CurrentAsync(plan, cancellationToken);
        if (signoff is null)
        {
            return SecurityStatus.Pending;
        }

        var passed = signoff.Verdict == "pass";
        var figures = new Dictionary<string, object>
        {
            ["signoffId"] = signoff.SignoffId,
            ["runId"] = signoff.RunId,
            ["checklist"] = $"{signoff.ChecklistId}@{signoff.ChecklistVersion}",
            ["specialist"] = new { signoff.Name, signoff.RegistrationNumber, signoff.Kind },
            ["keyId"] = signoff.KeyId,
            ["signedAt"] = signoff.SignedAt,
            ["verdict"] = signoff.Verdict,
        };
        return new SecurityStatus(
            passed ? RequirementStatus.Pass : RequirementStatus.Fail,
            [passed ? Reasons.SecuritySignedOff(signoff.Name, signoff.RegistrationNumber) : Reasons.SecurityNotSatisfied(signoff.Name, signoff.RegistrationNumber)],
            figures);
    }
}
