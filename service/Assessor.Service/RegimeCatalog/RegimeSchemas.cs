using System.Text.Json;
using System.Text.Json.Nodes;
using Assessor.Domain.RegimeDefinitions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Assessor.Service.RegimeCatalog;

/// <summary>
/// Each regime's document as a standalone JSON Schema, cut out of the service's own OpenAPI document (where
/// <see cref="RegimeSchemasTransformer"/> puts every regime's document), so the two always say the same thing. Built once.
/// </summary>
public sealed class RegimeSchemas(IServiceProvider services)
{
    public const string OpenApiDocumentName = "v1";

    private const string ComponentPrefix = "#/components/schemas/";

    private readonly Lazy<Task<IReadOnlyDictionary<string, JsonElement>>> _schemas = new(() => BuildAsync(services));

    public Task<IReadOnlyDictionary<string, JsonElement>> DocumentSchemasAsync(CancellationToken cancellationToken) =>
        _schemas.Value.WaitAsync(cancellationToken);

    private static async Task<IReadOnlyDictionary<string, JsonElement>> BuildAsync(IServiceProvider services)
    {
        var provider = services.GetRequiredKeyedService<IOpenApiDocumentProvider>(OpenApiDocumentName);
        var document = await provider.GetOpenApiDocumentAsync(CancellationToken.None);
        using var text = new StringWriter();
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        var components = JsonNode.Parse(text.ToString())!["components"]!["schemas"]!.AsObject();
        return RegimeRegistry.All.ToDictionary(r => r.Id, r => Standalone(components, r.DocumentType.Name));
    }

    /// <summary>
    /// The component <paramref name="name"/> with every schema it refers to, directly or not, under <c>$defs</c>. What only
    /// the OpenAPI document needs is left out: the <c>allOf</c> of the base all regimes' documents share (the document's
    /// own members already say all of it), discriminators and <c>x-</c> extensions, which refer to the other regimes.
    /// </summary>
    public static JsonElement Standalone(JsonObject components, string name)
    {
        var root = Component(components, name);
        root.AsObject().Remove("allOf");
        var defs = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var pending = new Queue<string>(References(root));
        while (pending.TryDequeue(out var referenced))
        {
            if (referenced == name || defs.ContainsKey(referenced))
            {
                continue;
            }

            var schema = Component(components, referenced);
            defs[referenced] = schema;
            foreach (var next in References(schema))
            {
                pending.Enqueue(next);
            }
        }

        var standalone = new JsonObject();
        foreach (var (key, value) in root.AsObject())
        {
            standalone[key] = value?.DeepClone();
        }

        if (defs.Count > 0)
        {
            standalone["$defs"] = new JsonObject(defs.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value)));
        }

        Rewrite(standalone, name);
        return JsonSerializer.SerializeToElement(standalone);
    }

    private static JsonNode Component(JsonObject components, string name)
    {
        var component = components[name]?.DeepClone() ?? throw new InvalidOperationException($"The OpenAPI document has no schema '{name}'.");
        WithoutOpenApiOnly(component);
        return component;
    }

    private static void WithoutOpenApiOnly(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).Where(k => k == "discriminator" || k.StartsWith("x-", StringComparison.Ordinal)).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, value) in obj)
                {
                    if (value is not null)
                    {
                        WithoutOpenApiOnly(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        WithoutOpenApiOnly(item);
                    }
                }

                break;
        }
    }

    private static IEnumerable<string> References(JsonNode node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "$ref" && p.Value?.GetValue<string>() is { } target && target.StartsWith(ComponentPrefix, StringComparison.Ordinal)
            ? [target[ComponentPrefix.Length..]]
            : p.Value is null ? [] : References(p.Value)),
        JsonArray array => array.SelectMany(item => item is null ? [] : References(item)),
        _ => [],
    };

    /// <summary>Points every reference at <c>$defs</c>, and a reference to the root itself at the root.</summary>
    private static void Rewrite(JsonNode node, string root)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"]?.GetValue<string>() is { } target && target.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                {
                    var name = target[ComponentPrefix.Length..];
                    obj["$ref"] = name == root ? "#" : $"#/$defs/{name}";
                }

                foreach (var (_, value) in obj.ToList())
                {
                    if (value is not null)
                    {
                        Rewrite(value, root);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Rewrite(item, root);
                    }
                }

                break;
        }
    }
}
