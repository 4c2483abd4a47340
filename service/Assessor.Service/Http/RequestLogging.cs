using System.Diagnostics;
using System.Security.Claims;

namespace Assessor.Service.Http;

/// <summary>
/// One Information line per request: method, route (the pattern, never the raw path with ids), status, duration and
/// the principal's id. Never a key: the Authorization header is not read here.
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
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.User.FindFirstValue(ClaimTypes.NameIdentifier));
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} answered {Status} in {DurationMs:0.0} ms for {PrincipalId}")]
    private static partial void Completed(ILogger logger, string method, string route, int status, double durationMs, string? principalId);
}
