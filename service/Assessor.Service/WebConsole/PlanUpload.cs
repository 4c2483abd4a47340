using System.Text;
using Assessor.Service.Http;
using Assessor.Service.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.WebConsole;

/// <summary>A plan from the console's upload form (a file, or the document pasted), read by the API's own intake.</summary>
public sealed record PlanUpload(PlanIntake.Accepted? Accepted, ProblemHttpResult? Problem, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public static async Task<PlanUpload> ReadAsync(IFormFile? file, string? pasted, CancellationToken cancellationToken)
    {
        byte[] body;
        if (file is { Length: > 0 })
        {
            if (file.Length > PlanIntake.MaxPlanBytes)
            {
                return new(null, Problems.Validation("file", new(
                    $"A plan document may be at most {PlanIntake.MaxPlanBytes} bytes.", $"計画書は {PlanIntake.MaxPlanBytes} バイトまでです。")), []);
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        else if (!string.IsNullOrWhiteSpace(pasted))
        {
            // The pasted text is kept as its UTF-8 bytes, exactly as a file with the same text would be.
            body = Encoding.UTF8.GetBytes(pasted);
        }
        else
        {
            return new(null, Problems.Validation("document", new("Give a file or paste the document.", "ファイルを選ぶか、計画書を貼り付けてください。")), []);
        }

        var (accepted, problem) = PlanIntake.Read(body);
        return new(accepted, problem, accepted is null ? JsonFields.FlattenOrNone(body) : []);
    }
}

/// <summary>What the upload form shows: where it posts, and the last refusal with the uploaded fields.</summary>
public sealed record UploadForm(string Action, string Legend, string? ETag, ProblemSummary? Problem, IReadOnlyList<KeyValuePair<string, string>> Fields, string? Pasted)
{
    /// <summary>Problems at paths the document does not have (a required member left out), shown after its fields.</summary>
    public IEnumerable<KeyValuePair<string, string[]>> Unplaced =>
        Problem is null ? [] : Problem.Errors.Where(e => e.Key.StartsWith('$') && Fields.All(f => f.Key != e.Key));
}
