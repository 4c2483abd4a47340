using System.Security.Cryptography;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Service.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.Plans;

/// <summary>
/// Reads an uploaded plan as raw bytes (they are what a revision keeps and its digest covers), and has the regime its
/// <c>regime</c> names parse and validate it (a plan naming no known regime is read as the first registered regime's, then
/// refused as <c>unknown-regime</c>). Problems come back as results, never exceptions.
/// </summary>
public static class PlanIntake
{
    public const int MaxPlanBytes = 1024 * 1024;

    public sealed record Accepted(byte[] Body, RegimeDocument Document)
    {
        // Only a stored revision needs its digest: an unsaved assessment (POST /assessments) never hashes its body.
        public string Sha256 => field ??= Convert.ToHexStringLower(SHA256.HashData(Body));

        public string ApplicantCorporateNumber => Document.Summary.ApplicantCorporateNumber;

        public RevisionContent ToRevision() => new(Body, Sha256, new PlanFacts(
            Document.Summary.ApplicantCorporateNumber, Document.Summary.ApplicantName, Document.Summary.Regime, Document.Summary.Title,
            Document.Summary.SpecialistRegistrationNumber)
        {
            OtherParticipants = Document.Summary.OtherParticipants,
        });
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

        return Read(body);
    }

    /// <summary>An uploaded plan's bytes, however they arrived (a JSON request, or the console's form).</summary>
    public static (Accepted? Plan, ProblemHttpResult? Problem) Read(byte[] body)
    {
        var document = RegimeRegistry.For(body).Read(body, out var errors);
        if (document is null)
        {
            return (null, Problems.Validation(errors));
        }

        if (!RegimeRegistry.TryGet(document.Summary.Regime, out _))
        {
            return (null, UnknownRegime(document.Summary.Regime));
        }

        return (new Accepted(body, document), null);
    }

    /// <summary>A structurally valid plan under a regime this service does not assess: 422, not 400.</summary>
    public static ProblemHttpResult UnknownRegime(string regime) =>
        Problems.Create(StatusCodes.Status422UnprocessableEntity, "unknown-regime", "The plan names a regime this service does not assess",
            $"Regime '{regime}' is unknown; known regimes: {string.Join(", ", RegimeRegistry.All.Select(r => r.Id))}.",
            new Dictionary<string, object?> { ["path"] = "$.regime" });

    /// <summary>The whole body, or null when it exceeds the limit (declared or actual).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxPlanBytes)
        {
            return null;
        }

        // The usual case, a declared length: read straight into the one array that is kept, nothing else allocated.
        if (request.ContentLength is { } declared)
        {
            var body = new byte[declared];
            var filled = 0;
            int got;
            while (filled < body.Length && (got = await request.Body.ReadAsync(body.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += got;
            }

            // Fewer bytes than declared cannot happen with Kestrel (it fails the read); more is refused like any overlong body.
            return filled == body.Length && await request.Body.ReadAsync(new byte[1], cancellationToken) == 0 ? body : null;
        }

        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxPlanBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
