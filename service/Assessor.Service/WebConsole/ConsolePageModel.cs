using Assessor.Service.Http;
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
        Problem = ProblemSummary.From(problem, T.Japanese);
        Response.StatusCode = problem.StatusCode;
    }
}

/// <summary>
/// An RFC 9457 problem as a page shows it, in the reader's language: title, detail, and messages keyed by where they apply.
/// The detail stays as the API wrote it (English): it names this request's particulars.
/// </summary>
public sealed record ProblemSummary(string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public static ProblemSummary From(ProblemHttpResult result, bool japanese)
    {
        var details = result.ProblemDetails;
        var messages = details switch
        {
            _ when japanese && details.Extensions.TryGetValue(Problems.JapaneseErrors, out var ja) && ja is IDictionary<string, string[]> byPath => byPath,
            Microsoft.AspNetCore.Http.HttpValidationProblemDetails validation => validation.Errors,
            _ => new Dictionary<string, string[]>(),
        };
        var errors = new Dictionary<string, string[]>(messages, StringComparer.Ordinal);
        // Problems that concern one member name it in "path" (e.g. unknown-regime).
        if (details.Extensions.TryGetValue("path", out var path) && path is string where && details.Detail is { } detail)
        {
            errors.TryAdd(where, [detail]);
        }

        var code = details.Extensions.TryGetValue("code", out var value) ? value as string : null;
        var title = (japanese ? ProblemTitles.Japanese(code) : null) ?? details.Title ?? "";
        return new(title, details.Detail, errors);
    }

    public string[] At(string key) => Errors.TryGetValue(key, out var messages) ? messages : [];
}
