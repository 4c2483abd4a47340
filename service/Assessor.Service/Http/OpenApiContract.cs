using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Assessor.Service.Http;

/// <summary>A response header as the OpenAPI document declares it; <see cref="Required"/> means every such response carries it.</summary>
public sealed record ResponseHeader(string Name, string Description, bool Required = true)
{
    public static readonly ResponseHeader ETag = new("ETag",
        "The entity tag of what was returned. For a plan: send it back in `If-Match` to revise or submit exactly this version. "
        + "For a file (revision, statement, report): `\"sha256:\"` and the hex SHA-256 of its bytes; send it in `If-None-Match` to revalidate.");

    public static readonly ResponseHeader Location = new("Location", "The path of the resource just created.");

    public static readonly ResponseHeader RetryAfter = new("Retry-After", "Whole seconds to wait before retrying.");

    public static readonly ResponseHeader ContentDisposition = new("Content-Disposition",
        "`attachment` with the file name to save it under (e.g. `plan-<id>-r<revision>.pdf`).");

    public static readonly ResponseHeader NoStore = new("Cache-Control", "`no-store`: the response shows an API key once, so no cache may keep it.");

    public static readonly ResponseHeader Immutable = new("Cache-Control", "`private, max-age=31536000, immutable`: a revision never changes.");

    public static readonly ResponseHeader PublicImmutable = new("Cache-Control",
        "`public, max-age=31536000, immutable`: what a report digest names never changes, so any cache may keep it for ever.");

    public static readonly ResponseHeader Digest = new("Digest", "`sha-256=` and the base64 SHA-256 of the bytes (RFC 3230).");

    public static readonly ResponseHeader ReprDigest = new("Repr-Digest", "`sha-256=:` the base64 SHA-256 of the bytes `:` (RFC 9530).");

    internal OpenApiHeader ToOpenApi() => new()
    {
        Description = Description,
        Required = Required,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}

/// <summary>
/// Endpoint metadata for what the framework cannot infer from a handler's signature: the headers a response carries,
/// request headers read straight from the request, the closed value sets of string parameters, and responses with
/// several media types. Each is an OpenAPI operation transformer on that endpoint alone.
/// </summary>
public static class OpenApiContract
{
    /// <summary>Declares headers on the response with <paramref name="status"/>, which must be declared already.</summary>
    public static TBuilder WithResponseHeaders<TBuilder>(this TBuilder builder, int status, params ResponseHeader[] headers)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            Response(operation, status, context).AddHeaders(headers);
            return Task.CompletedTask;
        });

    /// <summary>Declares a request header the handler reads (or replaces the framework's description of one it binds).</summary>
    public static TBuilder WithRequestHeader<TBuilder>(this TBuilder builder, string name, string description, bool required = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            var existing = operation.Parameters.FirstOrDefault(p => p.In == ParameterLocation.Header && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
            {
                operation.Parameters.Remove(existing);
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Header,
                Required = required,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });

    /// <summary>Describes a query or path parameter, optionally as one of a closed set of values (a named enum schema).</summary>
    public static TBuilder WithParameter<TBuilder>(this TBuilder builder, string name, string description, ClosedSet? values = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var parameter = operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name)
                ?? throw new InvalidOperationException($"{context.Description.RelativePath} has no parameter '{name}' to describe.");
            parameter.Description = description;
            if (values is not null)
            {
                parameter.Schema = values.Reference(context.Document);
            }

            return Task.CompletedTask;
        });

    /// <summary>Declares headers on every 2xx response of the endpoint (or of every endpoint in a group).</summary>
    public static TBuilder WithSuccessHeaders<TBuilder>(this TBuilder builder, params ResponseHeader[] headers)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var (_, response) in (operation.Responses ?? []).Where(r => r.Key.StartsWith('2')))
            {
                (response as OpenApiResponse)?.AddHeaders(headers);
            }

            return Task.CompletedTask;
        });

    /// <summary>
    /// Adds a further media type to a response whose body is a file in one of several formats: text, or else bytes
    /// (a string with format <c>binary</c>).
    /// </summary>
    public static TBuilder WithResponseContent<TBuilder>(this TBuilder builder, int status, string mediaType, bool text = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var response = Response(operation, status, context);
            response.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            response.Content[mediaType] = new OpenApiMediaType
            {
                Schema = text ? new OpenApiSchema { Type = JsonSchemaType.String } : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
            };
            return Task.CompletedTask;
        });

    /// <summary>Declares a response body of a component schema (for a file whose bytes are a document of that schema).</summary>
    public static TBuilder WithResponseContent<TBuilder>(this TBuilder builder, int status, string mediaType, string component)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var response = Response(operation, status, context);
            response.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            response.Content[mediaType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(component, context.Document) };
            return Task.CompletedTask;
        });

    internal static OpenApiResponse Response(OpenApiOperation operation, int status, OpenApiOperationTransformerContext context) =>
        operation.Responses?.GetValueOrDefault(status.ToString(CultureInfo.InvariantCulture)) as OpenApiResponse
        ?? throw new InvalidOperationException($"{context.Description.HttpMethod} {context.Description.RelativePath} declares no {status} response.");
}

/// <summary>
/// A closed set of string values the API accepts or returns, declared once as a named enum schema
/// (<c>#/components/schemas/{Name}</c>) so generated clients get one enum type for it.
/// </summary>
public sealed class ClosedSet(string name, string description, Func<IEnumerable<string>> values)
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public IReadOnlyList<string> Values => [.. values()];

    public OpenApiSchema ToSchema() => new()
    {
        Type = JsonSchemaType.String,
        Description = Description,
        Enum = [.. Values.Select(v => (JsonNode)JsonValue.Create(v))],
    };

    /// <summary>A reference to the named schema; <see cref="ComponentSchemasTransformer"/> adds the component to the document.</summary>
    public OpenApiSchemaReference Reference(OpenApiDocument? document) => new(Name, document);
}
