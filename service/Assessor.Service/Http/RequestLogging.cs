using System.Diagnostics;
using System.Security.Claims;

namespace Assessor.Service.Http;

/// <summary>
/// One Information line per request: method, route (the pattern, never the raw path with ids), status, duration, the
/// principal's id and the W3C trace id that every problem answer carries as <c>traceId</c>. Never a key: the
/// Authorization header is not read here.
/// </summary>
public sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
            Completed(logger, context.Request.Method, route, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.User.FindFirstValue(ClaimTypes.NameIdentifier),
                Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} answered {Status} in {DurationMs:0.0} ms for {PrincipalId}, trace {TraceId}")]
    private static partial void Completed(ILogger logger, string method, string route, int status, double durationMs, string? principalId, string traceId);
}
