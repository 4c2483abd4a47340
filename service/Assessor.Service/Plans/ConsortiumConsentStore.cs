using Assessor.Domain.Log;
using Assessor.Domain.Procedure;
using Assessor.Service.Log;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Plans;

/// <summary>A participant's confirmation of one revision, bound to that revision's digest.</summary>
public sealed record ConsentRow(Guid PlanId, long PlanRevision, string PlanSha256, string CorporateNumber, Guid PrincipalId, DateTimeOffset CreatedAt);

public abstract record ConsentChange
{
    /// <summary>The confirmation on record; <paramref name="Created"/> is false when the company had confirmed this revision already.</summary>
    public sealed record Done(ConsentRow Consent, bool Created) : ConsentChange;

    /// <summary>The plan moved on to another revision (or status) since it was read.</summary>
    public sealed record Moved : ConsentChange;
}

/// <summary>
/// The consortium participants' confirmations (連携体参加者の同意) of a plan's revisions. Only the current revision's count:
/// a new revision leaves the earlier ones on record, for the history, and bound to a revision no longer assessed.
/// </summary>
public sealed class ConsortiumConsentStore(IDatabase database, AuditLog log, TimeProvider clock)
{
    private const string Columns = """
        plan_id AS PlanId, plan_revision AS PlanRevision, plan_sha256 AS PlanSha256, corporate_number AS CorporateNumber,
        principal_id AS PrincipalId, created_at AS CreatedAt
        """;

    /// <summary>
    /// Records <paramref name="corporateNumber"/>'s confirmation of <paramref name="plan"/>'s current revision, while that
    /// revision is still current and the plan may be confirmed. A confirmation is new evidence on the plan, so it moves the
    /// plan's version on in the same transaction (<see cref="PlanStore.TouchAsync"/>).
    /// </summary>
    public async Task<ConsentChange> GiveAsync(PlanRow plan, string planSha256, string corporateNumber, LogActor actor, CancellationToken cancellationToken)
    {
        var consent = new ConsentRow(plan.Id, plan.CurrentRevision, planSha256, corporateNumber,
            actor.Id ?? throw new ArgumentException("A confirmation is given by a principal.", nameof(actor)), clock.GetUtcNow());
        if (await GetAsync(consent) is { } existing)
        {
            return new ConsentChange.Done(existing, Created: false);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await PlanStore.TouchAsync(connection, transaction, plan.Id, plan.CurrentRevision, PlanAction.Consent, consent.CreatedAt, cancellationToken))
        {
            return new ConsentChange.Moved();
        }

        var inserted = await database.UnlessDuplicateAsync(() => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO consortium_consents (plan_id, plan_revision, plan_sha256, corporate_number, principal_id, created_at)
            SELECT @PlanId, @PlanRevision, @PlanSha256, @CorporateNumber, @PrincipalId, @CreatedAt
            WHERE NOT EXISTS (SELECT 1 FROM consortium_consents
                              WHERE plan_id = @PlanId AND plan_revision = @PlanRevision AND corporate_number = @CorporateNumber)
            """,
            consent,
            transaction,
            cancellationToken: cancellationToken)));
        if (inserted != 1)
        {
            // Another request of the same company got there first: its confirmation stands, this one changes nothing.
            await transaction.RollbackAsync(cancellationToken);
            return new ConsentChange.Done((await GetAsync(consent))!, Created: false);
        }

        await log.AppendAsync(connection, transaction, LogEntries.ConsentGiven(actor, consent), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ConsentChange.Done(consent, Created: true);

        async Task<ConsentRow?> GetAsync(ConsentRow key)
        {
            await using var reader = await database.OpenAsync(cancellationToken);
            return await reader.QuerySingleOrDefaultAsync<ConsentRow>(new CommandDefinition(
                $"SELECT {Columns} FROM consortium_consents WHERE plan_id = @PlanId AND plan_revision = @PlanRevision AND corporate_number = @CorporateNumber",
                key,
                cancellationToken: cancellationToken));
        }
    }

    /// <summary>Every confirmation of the plan, of any revision: the latest revision first, then in the order given.</summary>
    public async Task<IReadOnlyList<ConsentRow>> ListAsync(Guid planId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ConsentRow>(new CommandDefinition(
            $"SELECT {Columns} FROM consortium_consents WHERE plan_id = @planId ORDER BY plan_revision DESC, created_at, corporate_number",
            new { planId },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The corporate numbers of the companies that confirmed the plan's current revision: the only confirmations that count.</summary>
    public async Task<IReadOnlySet<string>> CurrentAsync(PlanRow plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT corporate_number FROM consortium_consents WHERE plan_id = @planId AND plan_revision = @revision",
            new { planId = plan.Id, revision = plan.CurrentRevision },
            cancellationToken: cancellationToken));
        return rows.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The companies the plan's current revision lists besides its applicant (the lead): those whose confirmation it needs.</summary>
    public async Task<IReadOnlyList<string>> OtherParticipantsAsync(PlanRow plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT corporate_number FROM plan_participants WHERE plan_id = @planId AND corporate_number <> @lead ORDER BY corporate_number",
            new { planId = plan.Id, lead = plan.ApplicantCorporateNumber },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
