using System.ComponentModel.DataAnnotations;

namespace Assessor.Service.Evidence;

/// <summary>Limits on evidence files and where their bytes are kept (<c>Assessor:Evidence</c>).</summary>
public sealed class EvidenceOptions
{
    public const string Section = "Assessor:Evidence";

    /// <summary>Bytes in the database, in <c>evidence_blobs.content</c> (the default).</summary>
    public const string DatabaseStorage = "database";

    /// <summary>Bytes in files under <see cref="Folder"/>, named by their SHA-256; the database keeps the metadata.</summary>
    public const string FolderStorage = "folder";

    /// <summary>The largest evidence file accepted, in bytes; 10 MiB unless configured (at most 100 MiB: a file is read into memory whole).</summary>
    [Range(1, 100 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Where new files' bytes go: <c>database</c> or <c>folder</c>. Files already stored stay where they were put.</summary>
    [RegularExpression("^(database|folder)$", ErrorMessage = "Assessor:Evidence:Storage must be database or folder.")]
    public string Storage { get; set; } = DatabaseStorage;

    /// <summary>The folder for <c>folder</c> storage; every instance of the service must see the same one.</summary>
    public string? Folder { get; set; }
}
