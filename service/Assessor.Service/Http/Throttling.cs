using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Assessor.Service.Http;

/// <summary>A request refused to protect the service: 429 (this caller sent too many) or 503 (everyone together did).</summary>
public sealed class ThrottledException(int status, string code, string title, string detail, TimeSpan retryAfter) : Exception(detail)
{
    public const string RateLimited = "rate-limited";
    public const string PdfBusy = "pdf-busy";

    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Title { get; } = title;

    /// <summary>Whole seconds, at least one, as sent in <c>Retry-After</c>.</summary>
    public int RetryAfterSeconds { get; } = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    public static ThrottledException TooMany(string detail, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, RateLimited, "Too many requests", detail, retryAfter);

    public static ThrottledException PdfRendersBusy(TimeSpan retryAfter) =>
        new(StatusCodes.Status503ServiceUnavailable, PdfBusy, "Every PDF printer is busy",
            "The service prints only a few PDFs at a time and its queue is full; retry after the time in Retry-After. "
            + "The HTML, Markdown and JSON formats are not limited.", retryAfter);

    /// <summary>Writes the refusal as an RFC 9457 problem with <c>Retry-After</c>.</summary>
    public async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = Status;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = Status,
                Title = Title,
                Detail = Message,
                Type = $"https://assessor.example/problems/{Code}",
                Extensions = { ["code"] = Code, ["retryAfter"] = RetryAfterSeconds },
            },
        });
    }
}

/// <summary>Turns a <see cref="ThrottledException"/> thrown anywhere in a request into its problem (and logs no error).</summary>
public sealed class ThrottledExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ThrottledException refusal)
        {
            return false;
        }

        await refusal.WriteAsync(httpContext);
        return true;
    }
}
