using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Assessor.Api.Tests.Contract;

/// <summary>
/// What the service's OpenAPI document promises about responses, checked on real ones: the status is declared for the
/// operation, a body's media type is declared for that status, a JSON body is valid against the declared schema (JSON
/// Schema 2020-12, the dialect of OpenAPI 3.1, by JsonSchema.Net), and every header declared required is there. A request
/// to an <c>/api/</c> path that matches no documented operation may only be answered 404 or 405.
/// </summary>
public sealed partial class ResponseContract
{
    public const string DocumentPath = "/openapi/v1.json";

    private const string ComponentsUri = "https://assessor.test/openapi/components";
    private const string OpenApiRefPrefix = "#/components/schemas/";

    private static readonly Lock Gate = new();
    private static Task<ResponseContract>? shared;

    private readonly List<Operation> operations;
    private readonly BuildOptions build;
    private readonly ConcurrentDictionary<string, Lazy<JsonSchema>> schemas = new(StringComparer.Ordinal);

    // The registry is not safe to read (a $ref resolved while a body is evaluated) while a new schema is registered in it:
    // tests running in parallel then failed to resolve refs that were there. Building and evaluating take turns.
    private readonly Lock registry = new();

    private ResponseContract(JsonElement document)
    {
        Document = document;
        build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        // The components become the $defs of one schema resource that every response schema refers into.
        var components = $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$defs":{{Absolute(document.GetProperty("components").GetProperty("schemas").GetRawText())}}}""";
        JsonSchema.Build(JsonDocument.Parse(components).RootElement, build, new Uri(ComponentsUri));
        operations = [.. document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Select(operation => new Operation(path.Name, operation.Name.ToUpperInvariant(), Template(path.Name), operation.Value)))];
    }

    /// <summary>The OpenAPI document the checks read.</summary>
    public JsonElement Document { get; }

    /// <summary>
    /// The contract of the service under test, read once per test run from the first host that asks: every host runs
    /// the same build of the service, so they all serve the same document.
    /// </summary>
    public static Task<ResponseContract> LoadAsync(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send)
    {
        lock (Gate)
        {
            if (shared is null || shared.IsFaulted || shared.IsCanceled)
            {
                shared = FetchAsync(send);
            }

            return shared;
        }
    }

    private static async Task<ResponseContract> FetchAsync(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, DocumentPath);
        using var response = await send(request, CancellationToken.None);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new ResponseContract(document.RootElement.Clone());
    }

    /// <summary>Every way <paramref name="response"/> breaks the contract of the operation <paramref name="request"/> called; empty when it keeps it.</summary>
    public async Task<IReadOnlyList<string>> ViolationsAsync(HttpRequestMessage request, HttpResponseMessage response)
    {
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString.Split('?')[0];
        var status = (int)response.StatusCode;
        var where = $"{request.Method} {path} → {status}";
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return [];
        }

        var operation = Match(request.Method.Method, path);
        if (operation is null)
        {
            return status is 404 or 405 ? [] : [$"{where}: no operation of the document matches {request.Method} {path}"];
        }

        where = $"{operation.Id} ({request.Method} {operation.Path}) → {status}";
        if (!operation.Responses.TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var declared))
        {
            return [$"{where}: status {status} is not declared (declared: {string.Join(", ", operation.Responses.EnumerateObject().Select(r => r.Name))})"];
        }

        var violations = new List<string>();
        if (declared.TryGetProperty("headers", out var headers))
        {
            foreach (var header in headers.EnumerateObject())
            {
                var required = header.Value.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
                if (required && !response.Headers.TryGetValues(header.Name, out _) && !response.Content.Headers.TryGetValues(header.Name, out _))
                {
                    violations.Add($"{where}: header {header.Name} is declared required but missing");
                }
            }
        }

        var body = await response.Content.ReadAsByteArrayAsync();
        var content = declared.TryGetProperty("content", out var c) ? c : default;
        if (body.Length == 0)
        {
            if (content.ValueKind == JsonValueKind.Object && request.Method != HttpMethod.Head)
            {
                violations.Add($"{where}: no body, but the document declares {string.Join(", ", content.EnumerateObject().Select(m => m.Name))}");
            }

            return violations;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (content.ValueKind != JsonValueKind.Object || !content.TryGetProperty(mediaType, out var media))
        {
            violations.Add($"{where}: a body of {(mediaType.Length == 0 ? "no media type" : mediaType)}, which the document does not declare"
                + (content.ValueKind == JsonValueKind.Object ? $" (declared: {string.Join(", ", content.EnumerateObject().Select(m => m.Name))})" : ""));
            return violations;
        }

        if (media.TryGetProperty("schema", out var schema) && IsJson(mediaType))
        {
            violations.AddRange(Validate(schema, body, where));
        }

        return violations;
    }

    private IEnumerable<string> Validate(JsonElement schema, byte[] body, string where)
    {
        JsonDocument instance;
        try
        {
            instance = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return [$"{where}: the body is not JSON ({e.Message})"];
        }

        using (instance)
        {
            var text = schema.GetRawText();
            EvaluationResults result;
            lock (registry)
            {
                // Built once per schema (Lazy: GetOrAdd may run its factory twice), each registered under a URI of its own.
                var compiled = schemas.GetOrAdd(text, key => new Lazy<JsonSchema>(() => JsonSchema.Build(
                    JsonDocument.Parse($$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","allOf":[{{Absolute(key)}}]}""").RootElement, build,
                    new Uri($"https://assessor.test/openapi/responses/{Guid.NewGuid():N}")))).Value;
                result = compiled.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
            }

            if (result.IsValid)
            {
                return [];
            }

            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({e.Key}): {e.Value}")).Distinct().Take(20);
            var shown = Encoding.UTF8.GetString(body);
            return [$"{where}: the body does not match the declared schema {text}:\n  {string.Join("\n  ", errors)}\n  body: {(shown.Length > 2000 ? shown[..2000] + "…" : shown)}"];
        }
    }

    private Operation? Match(string method, string path) =>
        operations.Where(o => o.Method == method && o.Pattern.IsMatch(path))
            // A literal segment beats a parameter: /plans/{id}/report before /plans/{id}/{x}.
            .OrderByDescending(o => o.Path.Split('/').Count(s => !s.StartsWith('{')))
            .FirstOrDefault();

    private static bool IsJson(string mediaType) => mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static string Absolute(string schemaJson) => schemaJson.Replace($"\"{OpenApiRefPrefix}", $"\"{ComponentsUri}#/$defs/", StringComparison.Ordinal);

    private static Regex Template(string path) =>
        new($"^{ParameterPattern().Replace(Regex.Escape(path).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+")}/?$", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex ParameterPattern();

    private sealed record Operation(string Path, string Method, Regex Pattern, JsonElement Value)
    {
        public string Id => Value.TryGetProperty("operationId", out var id) ? id.GetString()! : $"{Method} {Path}";

        public JsonElement Responses => Value.GetProperty("responses");
    }
}

/// <summary>A response that breaks the OpenAPI document's promise for its operation.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>
/// Installed in every test client (<see cref="AssessorFactory.ClientWithKey"/>, <see cref="ServiceProcess.ClientWithKey"/>):
/// each response is checked against <see cref="ResponseContract"/> before the test sees it, and one that breaks it fails
/// the test with every violation named. A new endpoint or a new answer cannot drift from the document unnoticed.
/// </summary>
public sealed class ContractCheckingHandler : DelegatingHandler
{
    public ContractCheckingHandler()
    {
    }

    public ContractCheckingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri?.AbsolutePath == ResponseContract.DocumentPath)
        {
            return response;
        }

        // Buffered, so the check and the test can both read the body.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var contract = await ResponseContract.LoadAsync((documentRequest, token) => base.SendAsync(WithBase(documentRequest, request), token));
        var violations = await contract.ViolationsAsync(request, response);
        return violations.Count == 0 ? response : throw new ContractViolationException(string.Join("\n", violations));
    }

    private static HttpRequestMessage WithBase(HttpRequestMessage documentRequest, HttpRequestMessage original)
    {
        documentRequest.RequestUri = new Uri(original.RequestUri!, ResponseContract.DocumentPath);
        return documentRequest;
    }
}
