using System.Data.Common;
using System.Text.Json;
using Assessor.Domain.Log;
using Assessor.Service.Identity;
using Assessor.Service.Log;
using Assessor.Service.Plans;
using Assessor.Service.Storage;
using Dapper;

namespace Assessor.Service.Webhooks;

/// <summary>An endpoint; <see cref="PreviousSecret"/> is the secret a rotation replaced, still signed with until <see cref="PreviousSecretUntil"/>.</summary>
public sealed record WebhookEndpointRow(
    Guid Id, Guid OwnerId, string Url, string Secret, Guid? PrivateAllowedBy, long ConsecutiveFailures, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt,
    string? PreviousSecret, DateTimeOffset? PreviousSecretUntil);

/// <summary>What changing an endpoint came to.</summary>
public enum WebhookChange
{
    Done,

    /// <summary>Not the caller's endpoint, or no such endpoint.</summary>
    NotFound,

    /// <summary>The endpoint is disabled: nothing is sent to it any more.</summary>
    Disabled,
}

public sealed record WebhookDeliveryRow(
    Guid Id, Guid EndpointId, string EventType, long LogIndex, Guid PlanId, string Payload, string Status, long Attempts,
    DateTimeOffset NextAttemptAt, long? LastStatus, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);

/// <summary>The delivery states: waiting (to be sent or retried), delivered, or given up.</summary>
public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

/// <summary>Webhook endpoints and the outbox of their deliveries.</summary>
public sealed class WebhookStore(IDatabase database, AuditLog log, TimeProvider clock)
{
    /// <summary>The log actions announced to webhooks, and the event type each is delivered as.</summary>
    public static readonly IReadOnlyDictionary<string, string> EventTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [LogActions.PlanSubmitted] = "plan.submitted",
        [LogActions.PlanReturned] = "plan.returned",
        [LogActions.PlanRejected] = "plan.rejected",
        [LogActions.PlanCertified] = "plan.certified",
        [LogActions.SignoffAccepted] = "plan.signed-off",
    };

    private const string EndpointColumns = """
        id AS Id, owner_id AS OwnerId, url AS Url, secret AS Secret, private_allowed_by AS PrivateAllowedBy,
        consecutive_failures AS ConsecutiveFailures, created_at AS CreatedAt, disabled_at AS DisabledAt,
        previous_secret AS PreviousSecret, previous_secret_until AS PreviousSecretUntil
        """;

    private const string DeliveryColumns = """
        id AS Id, endpoint_id AS EndpointId, event_type AS EventType, log_index AS LogIndex, plan_id AS PlanId, payload AS Payload,
        status AS Status, attempts AS Attempts, next_attempt_at AS NextAttemptAt, last_status AS LastStatus, last_error AS LastError,
        created_at AS CreatedAt, delivered_at AS DeliveredAt
        """;

    /// <summary>
    /// Writes one delivery per enabled endpoint whose owner may see the plan, in the transaction of the change the event
    /// records (called by <see cref="AuditLog"/> as it appends the event), so no announced change is lost and none is
    /// announced that did not commit. An applicant's endpoints hear of the plans its company may read (<see cref="PlanScope"/>:
    /// those it applies for or takes part in as a consortium's participant); an admin's of every plan.
    /// </summary>
    public static async Task EnqueueAsync(DbConnection connection, DbTransaction transaction, LogEvent e, CancellationToken cancellationToken)
    {
        if (e.Plan is not { } plan || !EventTypes.TryGetValue(e.Action, out var type))
        {
            return;
        }

        var endpoints = await connection.QueryAsync<Guid>(new CommandDefinition(
            $"""
            SELECT e.id FROM webhook_endpoints e JOIN principals o ON o.id = e.owner_id JOIN plans p ON p.id = @planId
            WHERE e.disabled_at IS NULL AND (o.role = @admin OR {PlanScope.ReadableByCompany("o.corporate_number")})
            ORDER BY e.id
            """,
            new { admin = Roles.Admin, planId = plan.Id },
            transaction,
            cancellationToken: cancellationToken));
        if (endpoints.AsList() is [])
        {
            return;
        }

        var payload = JsonSerializer.Serialize(new
        {
            type,
            timestamp = LogEvents.FormatTime(e.Time),
            data = new { planId = plan.Id, revision = plan.Revision, digest = plan.Digest, logIndex = e.Index },
        });
        foreach (var endpoint in endpoints)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO webhook_deliveries (id, endpoint_id, event_type, log_index, plan_id, payload, status, attempts, next_attempt_at, created_at)
                VALUES (@id, @endpoint, @type, @index, @planId, @payload, @pending, 0, @time, @time)
                """,
                new { id = Guid.NewGuid(), endpoint, type, index = e.Index, planId = plan.Id, payload, pending = DeliveryStatus.Pending, time = e.Time },
                transaction,
                cancellationToken: cancellationToken));
        }
    }

    public async Task<WebhookEndpointRow> CreateAsync(Caller owner, string url, bool privateAllowed, CancellationToken cancellationToken)
    {
        var endpoint = new WebhookEndpointRow(Guid.NewGuid(), owner.Id, url, WebhookSignatures.NewSecret(), privateAllowed ? owner.Id : null, 0, clock.GetUtcNow(), null,
            null, null);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_endpoints (id, owner_id, url, secret, private_allowed_by, consecutive_failures, created_at)
            VALUES (@Id, @OwnerId, @Url, @Secret, @PrivateAllowedBy, 0, @CreatedAt)
            """,
            endpoint,
            transaction,
            cancellationToken: cancellationToken));
        await log.AppendAsync(connection, transaction, new LogEntry(LogActions.WebhookCreated, owner.Actor(), new LogSubject("webhook", endpoint.Id.ToString()),
            endpoint.CreatedAt, Details: new Dictionary<string, string> { ["privateNetwork"] = privateAllowed ? "allowed" : "refused" }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return endpoint;
    }

    /// <summary>
    /// Disables the owner's endpoint for good (the owner deleted it): its pending deliveries are given up and nothing more
    /// is queued for it; it stays listed, disabled, with its delivery log. Deleting a disabled endpoint changes nothing.
    /// </summary>
    public async Task<WebhookChange> DeleteAsync(Guid id, Caller owner, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var disabled = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_endpoints SET disabled_at = @now WHERE id = @id AND owner_id = @owner AND disabled_at IS NULL",
            new { id, owner = owner.Id, now }, transaction, cancellationToken: cancellationToken));
        if (disabled == 0)
        {
            return await OwnsAsync(connection, transaction, id, owner.Id, cancellationToken) ? WebhookChange.Done : WebhookChange.NotFound;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET status = @failed, last_error = @error WHERE endpoint_id = @id AND status = @pending",
            new { id, failed = DeliveryStatus.Failed, pending = DeliveryStatus.Pending, error = "The endpoint was deleted." },
            transaction, cancellationToken: cancellationToken));
        await log.AppendAsync(connection, transaction, new LogEntry(LogActions.WebhookDeleted, owner.Actor(), new LogSubject("webhook", id.ToString()), now),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WebhookChange.Done;
    }

    /// <summary>
    /// A new secret for the owner's enabled endpoint; the one it replaces stays in use beside it until
    /// <paramref name="grace"/> has passed (a secret replaced before that is dropped at once).
    /// </summary>
    public async Task<(WebhookChange Change, WebhookEndpointRow? Endpoint)> RotateSecretAsync(
        Guid id, Caller owner, TimeSpan grace, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var secret = WebhookSignatures.NewSecret();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rotated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = @until, secret = @secret
            WHERE id = @id AND owner_id = @owner AND disabled_at IS NULL
            """,
            new { id, owner = owner.Id, secret, until = now + grace }, transaction, cancellationToken: cancellationToken));
        if (rotated == 0)
        {
            return (await OwnsAsync(connection, transaction, id, owner.Id, cancellationToken) ? WebhookChange.Disabled : WebhookChange.NotFound, null);
        }

        await log.AppendAsync(connection, transaction, new LogEntry(LogActions.WebhookSecretRotated, owner.Actor(), new LogSubject("webhook", id.ToString()), now,
            Details: new Dictionary<string, string> { ["previousSecretUntil"] = LogEvents.FormatTime(now + grace) }), cancellationToken);
        var endpoint = await connection.QuerySingleAsync<WebhookEndpointRow>(new CommandDefinition(
            $"SELECT {EndpointColumns} FROM webhook_endpoints WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (WebhookChange.Done, endpoint);
    }

    private static async Task<bool> OwnsAsync(DbConnection connection, DbTransaction transaction, Guid id, Guid ownerId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM webhook_endpoints WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }, transaction,
            cancellationToken: cancellationToken)) > 0;

    public async Task<IReadOnlyList<WebhookEndpointRow>> OwnedByAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<WebhookEndpointRow>(new CommandDefinition(
            $"SELECT {EndpointColumns} FROM webhook_endpoints WHERE owner_id = @ownerId ORDER BY created_at, id", new { ownerId },
            cancellationToken: cancellationToken))).AsList();
    }

    public async Task<WebhookEndpointRow?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<WebhookEndpointRow>(new CommandDefinition(
            $"SELECT {EndpointColumns} FROM webhook_endpoints WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>The endpoint's latest deliveries, newest first.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> DeliveriesAsync(Guid endpointId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<WebhookDeliveryRow>(new CommandDefinition(
            database.Dialect.Limit($"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE endpoint_id = @endpointId ORDER BY log_index DESC, id", "@limit"),
            new { endpointId, limit }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries by moving their next attempt past <paramref name="lease"/>: another
    /// instance (or this one, after a crash) takes a delivery again only when the lease ran out without an outcome.
    /// </summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var due = (await connection.QueryAsync<WebhookDeliveryRow>(new CommandDefinition(
            database.Dialect.Limit(
                $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE status = @pending AND next_attempt_at <= @now ORDER BY next_attempt_at, log_index", "@limit"),
            new { pending = DeliveryStatus.Pending, now, limit }, cancellationToken: cancellationToken))).AsList();
        var claimed = new List<WebhookDeliveryRow>();
        foreach (var delivery in due)
        {
            var taken = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhook_deliveries SET next_attempt_at = @until WHERE id = @Id AND status = @pending AND next_attempt_at = @NextAttemptAt",
                new { delivery.Id, delivery.NextAttemptAt, until = now + lease, pending = DeliveryStatus.Pending }, cancellationToken: cancellationToken));
            if (taken == 1)
            {
                claimed.Add(delivery);
            }
        }

        return claimed;
    }

    public async Task DeliveredAsync(WebhookDeliveryRow delivery, int status, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries SET status = @delivered, attempts = attempts + 1, last_status = @status, last_error = NULL, delivered_at = @now
            WHERE id = @Id
            """,
            new { delivery.Id, delivered = DeliveryStatus.Delivered, status, now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_endpoints SET consecutive_failures = 0 WHERE id = @EndpointId", delivery, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Gives a claimed delivery up without an attempt, its endpoint having been disabled or deleted since: no attempt is
    /// counted, for the endpoint or the delivery. One that the deletion already failed keeps what the deletion said.
    /// </summary>
    public async Task AbandonAsync(WebhookDeliveryRow delivery, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET status = @failed, last_error = @reason WHERE id = @Id AND status = @pending",
            new { delivery.Id, failed = DeliveryStatus.Failed, pending = DeliveryStatus.Pending, reason }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Records a failed attempt: retried at <paramref name="retryAt"/>, or given up when null. A given-up delivery counts
    /// against its endpoint, which is disabled (an event in the audit log) after <paramref name="disableAfter"/> in a row.
    /// </summary>
    public async Task FailedAsync(WebhookDeliveryRow delivery, int? status, string error, DateTimeOffset? retryAt, int disableAfter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries SET status = @state, attempts = attempts + 1, last_status = @status, last_error = @error, next_attempt_at = @next
            WHERE id = @Id
            """,
            new
            {
                delivery.Id,
                state = retryAt is null ? DeliveryStatus.Failed : DeliveryStatus.Pending,
                status,
                error = error.Length > 1000 ? error[..1000] : error,
                next = retryAt ?? now,
            },
            transaction,
            cancellationToken: cancellationToken));
        if (retryAt is null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1 WHERE id = @EndpointId",
                delivery, transaction, cancellationToken: cancellationToken));
            var disabled = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhook_endpoints SET disabled_at = @now WHERE id = @EndpointId AND disabled_at IS NULL AND consecutive_failures >= @disableAfter",
                new { delivery.EndpointId, now, disableAfter }, transaction, cancellationToken: cancellationToken));
            if (disabled == 1)
            {
                await log.AppendAsync(connection, transaction, new LogEntry(LogActions.WebhookDisabled, LogActor.System,
                    new LogSubject("webhook", delivery.EndpointId.ToString()), now), cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
