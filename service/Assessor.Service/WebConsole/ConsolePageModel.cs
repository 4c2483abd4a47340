using Assessor.Service.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessor.Service.WebConsole;

/// <summary>What every console page shares: the caller, the words, and a problem from an API handler shown at its fields.</summary>
public abstract class ConsolePageModel(ConsoleText text) : PageModel
{
    public ConsoleText T { get; } = text;

    public Caller Caller => Caller.From(User);

    /// <summary>A confirmation named by the redirect after a successful form (only the words of <see cref="ConsoleText"/>).</summary>
    public string? Notice { get; private set; }

    /// <summary>The refusal of the last form, with its problems by JSON path or field name.</summary>
    public ProblemSummary? Problem { get; protected set; }

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (Request.Query["notice"].ToString() is { Length: > 0 } notice && ConsoleText.Knows(notice))
        {
            Notice = T[notice];
        }

        base.OnPageHandlerExecuting(context);
    }

    /// <summary>An empty form field is an absent one.</summary>
    protected static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Shows a handler's problem on the page again, with the problem's status.</summary>
    protected void Refused(ProblemHttpResult problem)
    {
        Problem = ProblemSummary.From(problem);
        Response.StatusCode = problem.StatusCode;
    }
}

/// <summary>An RFC 9457 problem as a page shows it: title, detail, and messages keyed by where they apply.</summary>
public sealed record ProblemSummary(string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public static ProblemSummary From(ProblemHttpResult result)
    {
        var details = result.ProblemDetails;
        var errors = details is Microsoft.AspNetCore.Http.HttpValidationProblemDetails validation
            ? new Dictionary<string, string[]>(validation.Errors, StringComparer.Ordinal)
            : new Dictionary<string, string[]>(StringComparer.Ordinal);
        // Problems that concern one member name it in "path" (e.g. unknown-regime).
        if (details.Extensions.TryGetValue("path", out var path) && path is string where && details.Detail is { } detail)
        {
            errors.TryAdd(where, [detail]);
        }

        return new(details.Title ?? "", details.Detail, errors);
    }

    public string[] At(string key) => Errors.TryGetValue(key, out var messages) ? messages : [];
}
