using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Http;

/// <summary>
/// 200 with a JSON body of a few KiB, serialized whole before it is sent, with its <c>Content-Length</c>. What
/// <c>TypedResults.Ok</c> writes, byte for byte, without streaming the serializer into the response in chunked
/// framing: on the hottest answers (an assessment, a plan, a page of plans) that cost measurably more CPU per request
/// (docs/benchmarks.md, "JSON answers written whole"). A serializer failure happens before anything is sent, so it
/// becomes a clean problem response instead of a cut-off body.
/// </summary>
public sealed class JsonAnswer<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public T Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        // As Ok<T> does: the value's own type, so a derived record writes all its members.
        var body = JsonSerializer.SerializeToUtf8Bytes(Value, options.GetTypeInfo(Value?.GetType() ?? typeof(T)));
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonAnswer.ContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    /// <summary>The OpenAPI description of Ok&lt;T&gt;: 200 with <typeparamref name="T"/> as application/json.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

public static class JsonAnswer
{
    /// <summary>What the service's JSON answers are sent as (the stored answer of an idempotent request too).</summary>
    public const string ContentType = "application/json; charset=utf-8";

    public static JsonAnswer<T> Of<T>(T value) => new(value);
}
