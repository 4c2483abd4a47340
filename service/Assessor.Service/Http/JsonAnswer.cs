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

    public Task ExecuteAsync(HttpContext httpContext) =>
        JsonAnswer.WriteAsync(httpContext, StatusCodes.Status200OK, JsonAnswer.Serialize(httpContext, Value));

    /// <summary>The OpenAPI description of Ok&lt;T&gt;: 200 with <typeparamref name="T"/> as application/json.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

/// <summary>
/// 201 with its <c>Location</c> and a JSON body written whole, as <see cref="JsonAnswer{T}"/> writes a 200. A request
/// with an <c>Idempotency-Key</c> has had its answer serialized already, to be recorded with the effect: those very
/// bytes are sent, so the first answer and every replay are the same bytes, and the answer is serialized once.
/// </summary>
public sealed class JsonCreated<T>(string location, T value, byte[]? recordedBody)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public string Location { get; } = location;

    public T Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => StatusCodes.Status201Created;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Location = Location;
        return JsonAnswer.WriteAsync(httpContext, StatusCodes.Status201Created, recordedBody ?? JsonAnswer.Serialize(httpContext, Value));
    }

    /// <summary>The OpenAPI description of Created&lt;T&gt;: 201 with <typeparamref name="T"/> as application/json.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(T), ["application/json"]));
}

public static class JsonAnswer
{
    /// <summary>What the service's JSON answers are sent as (the stored answer of an idempotent request too).</summary>
    public const string ContentType = "application/json; charset=utf-8";

    public static JsonAnswer<T> Of<T>(T value) => new(value);

    /// <summary>A 201 whose body is <paramref name="recordedBody"/> when the request recorded one for replays, else <paramref name="value"/> serialized.</summary>
    public static JsonCreated<T> Created<T>(string location, T value, byte[]? recordedBody) => new(location, value, recordedBody);

    /// <summary>The value in the API's JSON dialect, as Ok&lt;T&gt; writes it: by its own type, so a derived record writes all its members.</summary>
    public static byte[] Serialize<T>(HttpContext httpContext, T value)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return JsonSerializer.SerializeToUtf8Bytes(value, options.GetTypeInfo(value?.GetType() ?? typeof(T)));
    }

    /// <summary>Sends a whole JSON body with its status and exact <c>Content-Length</c>.</summary>
    public static Task WriteAsync(HttpContext httpContext, int status, byte[] body) =>
        httpContext.Response.WriteWholeAsync(status, ContentType, body, httpContext.RequestAborted);
}

public static class WholeBody
{
    /// <summary>
    /// Sends a body already made in full, with its status, type and exact <c>Content-Length</c>, in one write: what the JSON
    /// answers, replays of idempotent requests and certified files share. Other headers are set before this is called.
    /// </summary>
    public static async Task WriteWholeAsync(this HttpResponse response, int status, string? contentType, byte[] body, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }
}
