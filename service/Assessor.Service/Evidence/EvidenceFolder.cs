using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Evidence;

/// <summary>The bytes of a stored evidence file are missing, or are no longer those of its digest.</summary>
public sealed class EvidenceDamagedException(string sha256, string reason) : Exception($"The evidence file {sha256} is damaged: {reason}.")
{
    public string Sha256 { get; } = sha256;
}

/// <summary>
/// Evidence bytes in a folder, content-addressed: <c>ab/cd/abcd…</c> by the lower-case hex SHA-256. A file appears whole or
/// not at all (written beside, flushed to disk, then renamed into place), and is checked against its name on every read.
/// </summary>
public sealed class EvidenceFolder(IOptions<EvidenceOptions> options)
{
    private string Root => Path.GetFullPath(options.Value.Folder ?? throw new InvalidOperationException($"{EvidenceOptions.Section}:Folder is not set."));

    /// <summary>The file's path for a digest (already checked to be 64 lower-case hex digits by the callers).</summary>
    public string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256[2..4], sha256);

    /// <summary>Stores <paramref name="content"/> under its digest; an intact copy already there is kept, a damaged one replaced.</summary>
    public async Task WriteAsync(string sha256, byte[] content, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        if (await IntactAsync(path, sha256, cancellationToken))
        {
            return;
        }

        // The temporary file sits in the same folder tree, so the rename stays on one file system and is atomic.
        var temporary = Path.Combine(Root, ".incoming", $"{sha256}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.GetDirectoryName(temporary)!);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The bytes stored under <paramref name="sha256"/>, verified against it.</summary>
    public async Task<byte[]> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(PathOf(sha256), cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new EvidenceDamagedException(sha256, "its file is missing");
        }

        return Convert.ToHexStringLower(SHA256.HashData(content)) == sha256
            ? content
            : throw new EvidenceDamagedException(sha256, "its file's bytes no longer have its SHA-256");
    }

    private static async Task<bool> IntactAsync(string path, string sha256, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken)) == sha256;
    }
}
