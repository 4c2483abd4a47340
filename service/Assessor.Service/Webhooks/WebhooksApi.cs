using System.Security.Claims;
using Assessor.Service.Http;
using Assessor.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Webhooks;

/// <summary>An endpoint to register.</summary>
/// <param name="Url">Where to POST the events: an absolute http or https URL, without credentials; its host must resolve to public addresses.</param>
/// <param name="AllowPrivateNetwork">Admins only: allow a loopback, link-local or private address (e.g. a receiver inside the ministry's network).</param>
public sealed record CreateWebhookRequest(string? Url, bool? AllowPrivateNetwork);

/// <summary>A webhook endpoint.</summary>
/// <param name="Id">The endpoint's id.</param>
/// <param name="Url">Where events are sent.</param>
/// <param name="Enabled">False once the endpoint was disabled after repeated failed deliveries.</param>
/// <param name="PrivateNetworkAllowed">True when an admin allowed private addresses for it.</param>
/// <param name="CreatedAt">When it was registered (ISO-8601, UTC).</param>
/// <param name="DisabledAt">When it was disabled; absent while enabled.</param>
public sealed record WebhookView(Guid Id, string Url, bool Enabled, bool PrivateNetworkAllowed, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt);

/// <summary>A newly registered endpoint, with its signing secret (shown in this answer only).</summary>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Secret">The Standard Webhooks signing secret (<c>whsec_</c> and base64): verify every delivery's <c>webhook-signature</c> with it.</param>
public sealed record CreatedWebhookView(WebhookView Endpoint, string Secret);

/// <summary>An endpoint's new signing secret (shown in this answer only), and until when the one it replaced still signs.</summary>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="Secret">The new Standard Webhooks signing secret (<c>whsec_</c> and base64).</param>
/// <param name="PreviousSecretUntil">Until then every delivery also carries a signature with the previous secret (ISO-8601, UTC).</param>
public sealed record RotatedWebhookSecretView(WebhookView Endpoint, string Secret, DateTimeOffset PreviousSecretUntil);

/// <summary>One event's delivery to an endpoint.</summary>
/// <param name="Id">The delivery's id, sent as <c>webhook-id</c> on every attempt.</param>
/// <param name="EventType"><c>plan.submitted</c>, <c>plan.returned</c>, <c>plan.rejected</c>, <c>plan.certified</c> or <c>plan.signed-off</c>.</param>
/// <param name="LogIndex">The audit-log index of the event announced.</param>
/// <param name="PlanId">The plan the event is about.</param>
/// <param name="Status"><c>pending</c> (to be sent or retried), <c>delivered</c> or <c>failed</c> (given up).</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="NextAttemptAt">When it is (or was last) due to be sent (ISO-8601, UTC).</param>
/// <param name="LastStatus">The HTTP status of the last attempt; absent when there was no answer.</param>
/// <param name="LastError">Why the last attempt failed; absent after a success.</param>
/// <param name="CreatedAt">When the event was put in the outbox (ISO-8601, UTC).</param>
/// <param name="DeliveredAt">When it was delivered; absent until then.</param>
public sealed record WebhookDeliveryView(
    Guid Id, string EventType, long LogIndex, Guid PlanId, string Status, long Attempts, DateTimeOffset NextAttemptAt, long? LastStatus, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);

public static class WebhooksApi
{
    public const int DeliveryPage = 100;

    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<WebhookStore>().AddHostedService<WebhookSender>();
    }

    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/webhooks").WithTags("Webhooks")
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.Applicant},{Roles.Admin}" })
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Create).WithName("CreateWebhook").WithSummary("Register a webhook endpoint; its signing secret is shown once")
            .WithDescription("Applicants hear of their own company's plans, admins of every plan: `plan.submitted`, `plan.returned`, `plan.rejected`, "
                + "`plan.certified` and `plan.signed-off`, signed the Standard Webhooks way (`webhook-id`, `webhook-timestamp`, `webhook-signature`). "
                + "See docs/webhooks.md.")
            .NoStore().ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithResponseHeaders(StatusCodes.Status201Created, ResponseHeader.Location, ResponseHeader.NoStore);
        group.MapGet("/", List).WithName("ListWebhooks").WithSummary("The caller's webhook endpoints")
            .WithDescription("Every endpoint the caller registered, oldest first, without secrets.");
        group.MapGet("/{id:guid}/deliveries", Deliveries).WithName("ListWebhookDeliveries").WithSummary("The endpoint's delivery log, newest first")
            .WithDescription($"The latest {DeliveryPage} deliveries to one of the caller's endpoints: status, attempts, next try and the last error.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhook").WithSummary("Delete (disable) one of the caller's webhook endpoints")
            .WithDescription("Nothing is sent to it any more: its pending deliveries are given up and no new event is queued for it. It stays listed, "
                + "disabled, with its delivery log. Deleting an endpoint that is already disabled changes nothing (204).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/secret", RotateSecret).WithName("RotateWebhookSecret")
            .WithSummary("Give one of the caller's endpoints a new signing secret; it is shown once")
            .WithDescription("For a grace period (`Assessor:Webhooks:PreviousSecretHours`, a day unless configured) every delivery carries two "
                + "`v1,` signatures in `webhook-signature`, one per secret, so the receiver can switch secrets without missing a delivery. "
                + "Rotating again within that period drops the oldest secret at once. See docs/webhooks.md.")
            .NoStore().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithResponseHeaders(StatusCodes.Status200OK, ResponseHeader.NoStore);
        return group;
    }

    public static async Task<Results<Created<CreatedWebhookView>, ProblemHttpResult>> Create(
        CreateWebhookRequest request, ClaimsPrincipal user, WebhookStore webhooks, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (WebhookAddresses.ShapeProblem(request.Url, out var uri) is { } shape)
        {
            return Problems.Validation("$.url", shape);
        }

        var privateAllowed = request.AllowPrivateNetwork == true;
        if (privateAllowed && caller.Role != Roles.Admin)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "forbidden", "Only an admin may allow private addresses",
                "allowPrivateNetwork lets the service send requests into private networks; ask an admin to register this endpoint.");
        }

        var (_, problem) = await WebhookAddresses.ResolveAsync(uri!.IdnHost, privateAllowed, cancellationToken);
        if (problem is not null)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "endpoint-not-allowed", "The service may not send to this address", problem);
        }

        var endpoint = await webhooks.CreateAsync(caller, uri.AbsoluteUri, privateAllowed, cancellationToken);
        return TypedResults.Created($"/api/v1/webhooks/{endpoint.Id}/deliveries", new CreatedWebhookView(View(endpoint), endpoint.Secret));
    }

    public static async Task<Ok<WebhookView[]>> List(ClaimsPrincipal user, WebhookStore webhooks, CancellationToken cancellationToken) =>
        TypedResults.Ok((await webhooks.OwnedByAsync(Caller.From(user).Id, cancellationToken)).Select(View).ToArray());

    public static async Task<Results<Ok<WebhookDeliveryView[]>, ProblemHttpResult>> Deliveries(
        Guid id, ClaimsPrincipal user, WebhookStore webhooks, CancellationToken cancellationToken)
    {
        var endpoint = await webhooks.GetAsync(id, cancellationToken);
        if (endpoint is null || endpoint.OwnerId != Caller.From(user).Id)
        {
            return Problems.NotFound("Webhook");
        }

        return TypedResults.Ok((await webhooks.DeliveriesAsync(id, DeliveryPage, cancellationToken))
            .Select(d => new WebhookDeliveryView(d.Id, d.EventType, d.LogIndex, d.PlanId, d.Status, d.Attempts, d.NextAttemptAt, d.LastStatus, d.LastError,
                d.CreatedAt, d.DeliveredAt)).ToArray());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, ClaimsPrincipal user, WebhookStore webhooks, CancellationToken cancellationToken) =>
        await webhooks.DeleteAsync(id, Caller.From(user), cancellationToken) == WebhookChange.Done ? TypedResults.NoContent() : Problems.NotFound("Webhook");

    public static async Task<Results<Ok<RotatedWebhookSecretView>, ProblemHttpResult>> RotateSecret(
        Guid id, ClaimsPrincipal user, WebhookStore webhooks, IOptions<WebhookOptions> options, CancellationToken cancellationToken)
    {
        var (change, endpoint) = await webhooks.RotateSecretAsync(id, Caller.From(user), TimeSpan.FromHours(options.Value.PreviousSecretHours), cancellationToken);
        return change switch
        {
            WebhookChange.Done => TypedResults.Ok(new RotatedWebhookSecretView(View(endpoint!), endpoint!.Secret, endpoint.PreviousSecretUntil!.Value)),
            WebhookChange.Disabled => Problems.Create(StatusCodes.Status409Conflict, "webhook-disabled", "The endpoint is disabled",
                "Nothing is sent to a disabled endpoint, so it has no secret to rotate; register a new endpoint instead."),
            _ => Problems.NotFound("Webhook"),
        };
    }

    private static WebhookView View(WebhookEndpointRow e) => new(e.Id, e.Url, e.DisabledAt is null, e.PrivateAllowedBy is not null, e.CreatedAt, e.DisabledAt);
}
