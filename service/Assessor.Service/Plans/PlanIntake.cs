using System.Security.Cryptography;
using Assessor.Domain.Plans;
using Assessor.Service.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.Plans;

/// <summary>
/// Reads an uploaded plan as raw bytes (they are what a revision keeps and its digest covers), parses
/// and validates it. Problems come back as results, never exceptions.
/// </summary>
public static class PlanIntake
{
    public const int MaxPlanBytes = 1024 * 1024;

    public sealed record Accepted(byte[] Body, string Sha256, PlanDocument Plan)
    {
        public RevisionContent ToRevision() => new(Body, Sha256, new PlanFacts(
            Plan.Applicant.CorporateNumber, Plan.Applicant.Name, Plan.Regime, Plan.Title, Plan.SecurityExpert?.RegistrationNumber));
    }

    public static async Task<(Accepted? Plan, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type",
                "A plan must be sent as application/json"));
        }

        var body = await ReadLimitedAsync(request, cancellationToken);
        if (body is null)
        {
            return (null, Problems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large",
                "The plan is too large", $"A plan document may be at most {MaxPlanBytes} bytes."));
        }

        var plan = PlanJson.Parse(body, out var parseError);
        if (plan is null)
        {
            return (null, Problems.Validation([parseError!]));
        }

        var errors = PlanValidator.Validate(plan);
        if (errors.Count > 0)
        {
            return (null, Problems.Validation(errors));
        }

        return (new Accepted(body, Convert.ToHexStringLower(SHA256.HashData(body)), plan), null);
    }

    /// <summary>The whole body, or null when it exceeds the limit (declared or actual).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxPlanBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxPlanBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
