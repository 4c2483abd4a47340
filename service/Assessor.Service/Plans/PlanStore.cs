using System.Data.Common;
using Assessor.Domain.Log;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Service.Idempotency;
using Assessor.Service.Log;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Plans;

public sealed record PlanRow(
    Guid Id,
    string ApplicantCorporateNumber,
    string ApplicantName,
    string Regime,
    string Title,
    PlanStatus Status,
    long CurrentRevision,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record RevisionRow(Guid PlanId, long Number, byte[] Body, string Sha256, Guid AuthorId, DateTimeOffset CreatedAt);

/// <summary>What a revision says about its plan, kept in columns for listing and scoping.</summary>
public sealed record PlanFacts(string ApplicantCorporateNumber, string ApplicantName, string Regime, string Title, string? SpecialistRegistrationNumber)
{
    /// <summary>A consortium's participants other than the applicant (the lead): they may read the plan (see <see cref="PlanScope"/>).</summary>
    public IReadOnlyList<string> OtherParticipants { get; init; } = [];
}

/// <summary>A new revision's exact bytes and digest.</summary>
public sealed record RevisionContent(byte[] Body, string Sha256, PlanFacts Facts);

public abstract record PlanChange
{
    public sealed record Done(PlanRow Plan) : PlanChange;

    public sealed record NotFound : PlanChange;

    public sealed record Stale : PlanChange;

    public sealed record WrongState(PlanStatus Status) : PlanChange;
}

public sealed class PlanStore(IDatabase database, AuditLog log, TimeProvider clock)
{
    private const string PlanColumns = """
        p.id AS Id, p.applicant_corporate_number AS ApplicantCorporateNumber, p.applicant_name AS ApplicantName,
        p.regime AS Regime, p.title AS Title, p.status AS Status, p.current_revision AS CurrentRevision,
        p.version AS Version, p.created_at AS CreatedAt, p.updated_at AS UpdatedAt
        """;

    /// <summary>A new plan at revision 1, not stored yet: its response can be prepared before <see cref="CreateAsync"/> stores it.</summary>
    public PlanRow New(RevisionContent content)
    {
        var now = clock.GetUtcNow();
        return new PlanRow(Guid.NewGuid(), content.Facts.ApplicantCorporateNumber, content.Facts.ApplicantName, content.Facts.Regime,
            content.Facts.Title, PlanStatus.Draft, CurrentRevision: 1, Version: 1, now, now);
    }

    /// <summary>Stores <paramref name="plan"/> (from <see cref="New"/>) with its first revision, and the response to an idempotent request with it.</summary>
    public async Task CreateAsync(PlanRow plan, RevisionContent content, LogActor author, IdempotentResponse? response, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO plans (id, applicant_corporate_number, applicant_name, regime, title, status, current_revision, version,
                               specialist_registration_number, created_at, updated_at)
            VALUES (@Id, @ApplicantCorporateNumber, @ApplicantName, @Regime, @Title, @Status, @CurrentRevision, @Version,
                    @SpecialistRegistrationNumber, @CreatedAt, @UpdatedAt)
            """,
            new
            {
                plan.Id,
                plan.ApplicantCorporateNumber,
                plan.ApplicantName,
                plan.Regime,
                plan.Title,
                Status = plan.Status.ToWire(),
                plan.CurrentRevision,
                plan.Version,
                content.Facts.SpecialistRegistrationNumber,
                plan.CreatedAt,
                plan.UpdatedAt,
            },
            transaction,
            cancellationToken: cancellationToken));
        await InsertRevisionAsync(connection, transaction, plan.Id, 1, content, author.Id!.Value, plan.CreatedAt, cancellationToken);
        await IndexParticipantsAsync(connection, transaction, plan.Id, plan.CreatedAt, content.Facts, replacing: false, cancellationToken);
        if (response is not null)
        {
            await response.WriteAsync(connection, transaction, cancellationToken);
        }

        await log.AppendAsync(connection, transaction, LogEntries.PlanCreated(author, plan, content), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<PlanRow?> GetAsync(Guid id, PlanScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetAsync(connection, null, id, scope, cancellationToken);
    }

    /// <summary>
    /// A plan with its current revision and latest decision, in one query: GET /plans/{id} made three round trips before,
    /// which on PostgreSQL cost a third of its throughput each (issue 19).
    /// </summary>
    public async Task<(PlanRow Plan, RevisionRow Revision, PlanDecisionView? Decision)?> GetCurrentAsync(
        Guid id, PlanScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PlanRow, RevisionRow, PlanDecisionView?, (PlanRow, RevisionRow, PlanDecisionView?)>(
            new CommandDefinition(
                $"""
                SELECT {PlanColumns},
                       r.plan_id AS PlanId, r.number AS Number, r.body AS Body, r.sha256 AS Sha256,
                       r.author_id AS AuthorId, r.created_at AS CreatedAt,
                       d.decision AS Decision, d.reason AS Reason, d.plan_revision AS Revision, d.decided_at AS DecidedAt
                FROM plans p
                JOIN plan_revisions r ON r.plan_id = p.id AND r.number = p.current_revision
                LEFT JOIN decisions d ON d.plan_id = p.id
                    AND d.decided_at = (SELECT MAX(latest.decided_at) FROM decisions latest WHERE latest.plan_id = p.id)
                WHERE p.id = @id AND {scope.Predicate}
                """,
                scope.With(new { id }),
                cancellationToken: cancellationToken),
            (plan, revision, decision) => (plan, revision, decision),
            splitOn: "PlanId,Decision");
        return rows.FirstOrDefault() is (not null, not null, _) found ? found : null;
    }

    public async Task<RevisionRow?> GetRevisionAsync(Guid planId, long number, PlanScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RevisionRow>(new CommandDefinition(
            $"""
            SELECT r.plan_id AS PlanId, r.number AS Number, r.body AS Body, r.sha256 AS Sha256,
                   r.author_id AS AuthorId, r.created_at AS CreatedAt
            FROM plan_revisions r JOIN plans p ON p.id = r.plan_id
            WHERE r.plan_id = @planId AND r.number = @number AND {scope.Predicate}
            """,
            scope.With(new { planId, number }),
            cancellationToken: cancellationToken));
    }

    /// <summary>Plans in creation order after <paramref name="after"/>, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<PlanRow>> ListAsync(
        PlanScope scope, PlanStatus? status, (DateTimeOffset CreatedAt, Guid Id)? after, int limit, CancellationToken cancellationToken)
    {
        // Only the conditions that apply, and the cursor as a range on created_at (which the listing indexes lead with, after
        // the applicant): "x IS NULL OR …" and a bare OR make every provider walk the index from the start and test each row,
        // so a deep page cost as many row reads as the plans before it (issue 11: 30 pages/s at 100,000 plans).
        var listing = scope.Listing;
        var query = $"""
            SELECT {PlanColumns} FROM {listing.From}
            WHERE {listing.Predicate}
              {(status is null ? "" : "AND p.status = @status")}
              {(after is null ? "" : $"AND {listing.CreatedAt} >= @afterCreatedAt AND ({listing.CreatedAt} > @afterCreatedAt OR {listing.Id} > @afterId)")}
            ORDER BY {listing.CreatedAt}, {listing.Id}
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PlanRow>(new CommandDefinition(
            database.Dialect.Limit(query, "@limit"),
            scope.With(new { status = status?.ToWire(), afterCreatedAt = after?.CreatedAt, afterId = after?.Id, limit }),
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Stores a new revision when <paramref name="expectedVersion"/> is still current and the plan is revisable.</summary>
    public Task<PlanChange> ReviseAsync(
        Guid id, PlanScope scope, long expectedVersion, RevisionContent content, LogActor author, CancellationToken cancellationToken) =>
        ChangeAsync(id, scope, expectedVersion, PlanAction.Revise, author, content, async (connection, transaction, plan, now) =>
        {
            var number = plan.CurrentRevision + 1;
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE plans SET current_revision = @number, version = version + 1, status = @draft, title = @Title,
                       applicant_name = @ApplicantName, regime = @Regime,
                       specialist_registration_number = @SpecialistRegistrationNumber, updated_at = @now
                WHERE id = @id AND version = @expectedVersion
                """,
                new
                {
                    id,
                    number,
                    expectedVersion,
                    now,
                    draft = PlanLifecycle.StatusAfter(PlanAction.Revise).ToWire(),
                    content.Facts.Title,
                    content.Facts.ApplicantName,
                    content.Facts.Regime,
                    content.Facts.SpecialistRegistrationNumber,
                },
                transaction,
                cancellationToken: cancellationToken));
            if (changed == 1)
            {
                await InsertRevisionAsync(connection, transaction, id, number, content, author.Id!.Value, now, cancellationToken);
                await IndexParticipantsAsync(connection, transaction, id, plan.CreatedAt, content.Facts, replacing: true, cancellationToken);
            }

            return changed == 1;
        }, cancellationToken);

    /// <summary>draft → submitted (see <see cref="PlanLifecycle"/>); <paramref name="expectedVersion"/> is checked when given.</summary>
    public Task<PlanChange> SubmitAsync(Guid id, PlanScope scope, long? expectedVersion, LogActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, scope, expectedVersion, PlanAction.Submit, actor, null, async (connection, transaction, plan, now) =>
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE plans SET status = @submitted, version = version + 1, updated_at = @now
                WHERE id = @id AND version = @version
                """,
                new { id, version = plan.Version, now, submitted = PlanLifecycle.StatusAfter(PlanAction.Submit).ToWire() },
                transaction,
                cancellationToken: cancellationToken)) == 1,
            cancellationToken);

    private async Task<PlanChange> ChangeAsync(
        Guid id,
        PlanScope scope,
        long? expectedVersion,
        PlanAction action,
        LogActor actor,
        RevisionContent? content,
        Func<DbConnection, DbTransaction, PlanRow, DateTimeOffset, Task<bool>> apply,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var plan = await GetAsync(connection, transaction, id, scope, cancellationToken);
        if (plan is null)
        {
            return new PlanChange.NotFound();
        }

        if (expectedVersion is { } expected && expected != plan.Version)
        {
            return new PlanChange.Stale();
        }

        if (!PlanLifecycle.Allows(plan.Status, action))
        {
            return new PlanChange.WrongState(plan.Status);
        }

        // The UPDATE re-checks the version, so a writer that slipped in since the read loses here.
        if (!await apply(connection, transaction, plan, clock.GetUtcNow()))
        {
            return new PlanChange.Stale();
        }

        var updated = await GetAsync(connection, transaction, id, scope, cancellationToken);
        await log.AppendAsync(connection, transaction, LogEntries.PlanChanged(action, actor, updated!, content), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PlanChange.Done(updated!);
    }

    /// <summary>
    /// Moves the plan's version on for new evidence on <paramref name="revision"/> (a self-check answer, a participant's
    /// confirmation), only while that revision is current and the plan's status allows <paramref name="action"/>: a draft report
    /// or a decision prepared before it no longer applies. The plan row is updated first, in the caller's transaction: it
    /// serialises the change with a concurrent revision on every provider. False when the plan moved on.
    /// </summary>
    public static async Task<bool> TouchAsync(
        DbConnection connection, DbTransaction transaction, Guid planId, long revision, PlanAction action, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The statuses are the lifecycle's own wire names (constants), written into the SQL as PlanScope does.
        var open = string.Join(", ", PlanLifecycle.From(action).Select(s => $"'{s.ToWire()}'"));
        return await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE plans SET version = version + 1, updated_at = @now
            WHERE id = @planId AND current_revision = @revision AND status IN ({open})
            """,
            new { planId, revision, now },
            transaction,
            cancellationToken: cancellationToken)) == 1;
    }

    private static Task<PlanRow?> GetAsync(DbConnection connection, DbTransaction? transaction, Guid id, PlanScope scope, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<PlanRow>(new CommandDefinition(
            $"SELECT {PlanColumns} FROM plans p WHERE p.id = @id AND {scope.Predicate}",
            scope.With(new { id }),
            transaction,
            cancellationToken: cancellationToken));

    private static Task InsertRevisionAsync(
        DbConnection connection, DbTransaction transaction, Guid planId, long number, RevisionContent content, Guid authorId,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO plan_revisions (plan_id, number, body, sha256, author_id, created_at)
            VALUES (@planId, @number, @Body, @Sha256, @authorId, @now)
            """,
            new { planId, number, content.Body, content.Sha256, authorId, now },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Who may read the plan from now on: the applicant and the participants the new revision lists, replacing the previous
    /// revision's, in the revision's transaction so the index never disagrees with the current revision.
    /// </summary>
    private static async Task IndexParticipantsAsync(
        DbConnection connection, DbTransaction transaction, Guid planId, DateTimeOffset planCreatedAt, PlanFacts facts, bool replacing,
        CancellationToken cancellationToken)
    {
        // A new plan has no entries to replace: one statement less in the writer's turn.
        if (replacing)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM plan_participants WHERE plan_id = @planId", new { planId }, transaction, cancellationToken: cancellationToken));
        }

        // A number that is not a valid corporate number belongs to no key (the regime's own rules fail it), so it is not indexed.
        var companies = facts.OtherParticipants.Where(CorporateNumber.IsValid).Prepend(facts.ApplicantCorporateNumber)
            .Distinct(StringComparer.Ordinal);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO plan_participants (plan_id, corporate_number, plan_created_at) VALUES (@planId, @corporateNumber, @planCreatedAt)",
            companies.Select(corporateNumber => new { planId, corporateNumber, planCreatedAt }),
            transaction,
            cancellationToken: cancellationToken));
    }
}
