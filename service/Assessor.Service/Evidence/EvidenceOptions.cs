using System.ComponentModel.DataAnnotations;

namespace Assessor.Service.Evidence;

/// <summary>Limits on evidence files (<c>Assessor:Evidence</c>).</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Assessor:Evidence";

    /// <summary>The largest evidence file accepted, in bytes; 10 MiB unless configured (at most 100 MiB: files are kept in the database).</summary>
    [Range(1, 100 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;
}
