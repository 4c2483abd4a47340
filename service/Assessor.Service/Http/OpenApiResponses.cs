using System.Globalization;
using Assessor.Service.Idempotency;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Assessor.Service.Http;

/// <summary>
/// Declares the answers every operation of a kind can give, whatever its handler returns, because something in front of
/// the handler gives them: 401 without a valid key and 403 for a role that may not call it (authorization), 429 when the
/// caller's address is throttled (every operation), 400/413/415 for a body that cannot be read, the
/// <c>Idempotency-Key</c> header with its 400/409/422, and <c>Location</c> on every 201. Every problem response refers
/// to the one problem schema, and statuses described only by their reason phrase get a description saying when they
/// happen.
/// </summary>
/// <remarks>Runs after <see cref="BearerRequirementTransformer"/>, whose security requirement it reads.</remarks>
internal sealed class CrossCuttingResponsesTransformer : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    private static readonly ResponseHeader Authenticate = new("WWW-Authenticate", "`Bearer`: send an API key as `Authorization: Bearer <key>`.");

    private static readonly ResponseHeader Replayed = new("Idempotent-Replayed",
        "`true` when this is the recorded response of an earlier request with the same `Idempotency-Key`; absent otherwise.", Required: false);

    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [400] = "The request is not valid. `validation`: `errors` names every invalid member at once; `bad-request`: the body or a parameter "
            + "could not be read at all (malformed JSON, an unknown member, a wrong type).",
        [401] = "`unauthorized`: no API key, or an unknown or revoked one.",
        [403] = "`forbidden`: your role may not call this operation; or a rule of the operation refuses you (see `code`).",
        [404] = "`not-found`: nothing with that id exists, or it is not visible to you.",
        [409] = "The current state does not allow it; `code` says why (e.g. `illegal-transition` with `currentState`).",
        [412] = "`stale-etag`: `If-Match` no longer matches the plan; read it again and retry with the new ETag.",
        [413] = "`payload-too-large`: the body is larger than 1 MiB.",
        [415] = "`unsupported-media-type`: the body must be sent as `application/json`.",
        [422] = "The request is well-formed but cannot be carried out; `code` says why.",
        [428] = "`precondition-required`: this operation needs `If-Match`.",
        [429] = "`rate-limited`: too many failed authentications from your address (or, for PDFs, too many drafts from you); retry after `Retry-After` seconds.",
        [503] = "The service cannot do this now; `code` says why, and `Retry-After` when to retry if it can tell.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Responses ??= [];
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (operation.Security?.Any(requirement => requirement.Count > 0) == true)
        {
            Problem(operation, context, 401).AddHeaders(Authenticate);
        }

        if (metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles)))
        {
            Problem(operation, context, 403);
        }

        Problem(operation, context, 429).AddHeaders(ResponseHeader.RetryAfter);
        if (operation.RequestBody is not null || context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body))
        {
            Problem(operation, context, 400);
            Problem(operation, context, 413);
            Problem(operation, context, 415);
        }

        if (metadata.OfType<IdempotentEndpoint>().Any())
        {
            DeclareIdempotency(operation, context);
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse declared)
            {
                continue;
            }

            var code = int.Parse(status, CultureInfo.InvariantCulture);
            if (code == StatusCodes.Status201Created)
            {
                declared.AddHeaders(ResponseHeader.Location);
            }

            if (Descriptions.TryGetValue(code, out var description) && (declared.Description is null || declared.Description == ReasonPhrases.GetReasonPhrase(code)))
            {
                declared.Description = description;
            }
        }

        return Task.CompletedTask;
    }

    private static void DeclareIdempotency(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyMiddleware.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = $"A key of 1 to {IdempotencyMiddleware.MaxKeyLength} printable characters that makes a retry safe: a retry with the same key "
                + "(per caller) gets the first response back (`Idempotent-Replayed: true`) and creates nothing new. The same key on a different "
                + "request is refused (422 `idempotency-key-reused`); a retry while the first is still running gets 409 `idempotency-in-progress` "
                + "with `Retry-After`.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyMiddleware.MaxKeyLength },
        });
        Problem(operation, context, 400);
        Problem(operation, context, 409).AddHeaders(ResponseHeader.RetryAfter with { Required = false });
        Problem(operation, context, 422);
        foreach (var (status, response) in operation.Responses!)
        {
            if (status.StartsWith('2') && response is OpenApiResponse success)
            {
                success.AddHeaders(Replayed);
            }
        }
    }

    /// <summary>The operation's problem response with this status, declared now if it was not.</summary>
    private static OpenApiResponse Problem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.GetValueOrDefault(key) is not OpenApiResponse response)
        {
            response = new OpenApiResponse { Description = ReasonPhrases.GetReasonPhrase(status) };
            operation.Responses![key] = response;
        }

        response.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
        if (!response.Content.ContainsKey(ProblemJson))
        {
            response.Content[ProblemJson] = new OpenApiMediaType { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) };
        }

        return response;
    }
}

internal static class OpenApiResponseExtensions
{
    public static OpenApiResponse AddHeaders(this OpenApiResponse response, params ResponseHeader[] headers)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            response.Headers[header.Name] = header.ToOpenApi();
        }

        return response;
    }
}
