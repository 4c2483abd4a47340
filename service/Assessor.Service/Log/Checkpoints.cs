using System.Text.Json;
using Assessor.Domain.Attestations;
using Assessor.Domain.Log;
using Assessor.Domain.Plans;
using Assessor.Service.Reports;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Log;

/// <summary>
/// Signs the log's tree heads. The latest checkpoint is signed when first asked for at its size, by whichever instance
/// is asked first, and kept: every checkpoint ever served stays retrievable by its size.
/// </summary>
public sealed class Checkpoints(LogStore log, ServiceSigningKey signingKey, IOptions<LogOptions> options, TimeProvider clock)
{
    /// <summary>The signed checkpoint of the log as it is now.</summary>
    public async Task<StoredCheckpoint> LatestAsync(CancellationToken cancellationToken)
    {
        var frontier = await log.FrontierAsync(cancellationToken);
        if (await log.CheckpointAsync(frontier.Size, cancellationToken) is { } stored)
        {
            return stored;
        }

        var checkpoint = new Checkpoint(options.Value.Origin, frontier.Size, frontier.Root());
        var envelope = signingKey.Sign(checkpoint);
        return await log.KeepCheckpointAsync(
            new StoredCheckpoint(checkpoint.Size, checkpoint.Body(), JsonSerializer.Serialize(envelope, PlanJson.Options), signingKey.KeyId, clock.GetUtcNow()),
            cancellationToken);
    }

    /// <summary>The checkpoint signed at <paramref name="size"/>, if one was.</summary>
    public Task<StoredCheckpoint?> AtAsync(long size, CancellationToken cancellationToken) => log.CheckpointAsync(size, cancellationToken);

    public static CheckpointView View(StoredCheckpoint stored)
    {
        var checkpoint = Checkpoint.TryParse(stored.Body) ?? throw new InvalidOperationException($"The stored checkpoint of size {stored.TreeSize} is malformed.");
        return new CheckpointView(checkpoint.Origin, checkpoint.Size, Convert.ToBase64String(checkpoint.RootHash), System.Text.Encoding.UTF8.GetString(stored.Body),
            stored.KeyId, stored.CreatedAt, JsonSerializer.Deserialize<DsseEnvelope>(stored.Envelope, PlanJson.Options)!);
    }
}

public static class CertificationProofs
{
    /// <summary>The event that certified <paramref name="planId"/>, the latest checkpoint and the inclusion proof between them; null when the log has no such event.</summary>
    public static async Task<ReportLogProof?> CertificationProofAsync(this LogStore log, Guid planId, Checkpoints checkpoints, CancellationToken cancellationToken)
    {
        if (await log.CertificationAsync(planId, cancellationToken) is not { } certified)
        {
            return null;
        }

        var checkpoint = await checkpoints.LatestAsync(cancellationToken);
        var proof = await log.InclusionProofAsync(certified.Idx, checkpoint.TreeSize, cancellationToken);
        return new ReportLogProof(certified.Idx, Convert.ToBase64String(certified.Body), Checkpoints.View(checkpoint), proof.Select(Convert.ToBase64String).ToList());
    }
}
