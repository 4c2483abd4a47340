using Assessor.Domain.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.Http;

/// <summary>RFC 9457 problem responses with a stable machine-readable <c>code</c>.</summary>
public static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code };
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, type: $"https://assessor.example/problems/{code}", extensions: all);
    }

    public static ProblemHttpResult NotFound(string what) =>
        Create(StatusCodes.Status404NotFound, "not-found", $"{what} not found", $"No {what.ToLowerInvariant()} with that id is visible to you.");

    /// <summary>
    /// 400 with every problem keyed by its JSON path: <c>errors</c> in English (RFC 9457's validation member) and
    /// <c>errorsJa</c>, the same keys in Japanese.
    /// </summary>
    public static ProblemHttpResult Validation(IEnumerable<ValidationError> errors)
    {
        var byPath = errors.GroupBy(e => e.Path).ToList();
        return TypedResults.Problem(new HttpValidationProblemDetails(byPath.ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid",
            Type = "https://assessor.example/problems/validation",
            Extensions =
            {
                ["code"] = "validation",
                [JapaneseErrors] = byPath.ToDictionary(g => g.Key, g => g.Select(e => e.MessageJa).ToArray()),
            },
        });
    }

    public static ProblemHttpResult Validation(string path, ValidationText message) => Validation([new ValidationError(path, message)]);

    /// <summary>The extension member of a validation problem that holds its messages in Japanese.</summary>
    public const string JapaneseErrors = "errorsJa";
}

/// <summary>Problems the framework writes (binding failures, 401, 404 of unknown routes…) get a stable code too.</summary>
public static class ProblemCodes
{
    public static void AddDefault(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        context.ProblemDetails.Extensions.TryAdd("code", status switch
        {
            StatusCodes.Status400BadRequest => "bad-request",
            StatusCodes.Status401Unauthorized => "unauthorized",
            StatusCodes.Status403Forbidden => "forbidden",
            StatusCodes.Status404NotFound => "not-found",
            StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
            StatusCodes.Status413PayloadTooLarge => "payload-too-large",
            StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
            >= 500 => "internal-error",
            _ => $"http-{status}",
        });
    }
}
