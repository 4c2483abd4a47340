using System.IO.Compression;
using System.Text;

namespace Assessor.Service.Evidence;

/// <summary>
/// The media type of an evidence file, read from its bytes (a client's <c>Content-Type</c> is never trusted): PDF, PNG,
/// JPEG, Office Open XML documents (Word, Excel, PowerPoint) and plain UTF-8 text. Anything else is refused.
/// </summary>
public static class EvidenceTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Text = "text/plain; charset=utf-8";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    public static IReadOnlyList<string> All { get; } = [Pdf, Png, Jpeg, Text, Docx, Xlsx, Pptx];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's media type, or null when it is none of the accepted kinds.</summary>
    public static string? Sniff(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (span.StartsWith("PK\u0003\u0004"u8))
        {
            return OfficeOpenXml(bytes);
        }

        return IsText(bytes) ? Text : null;
    }

    /// <summary>A ZIP is an Office document only when it holds the package's content types and the document part.</summary>
    private static string? OfficeOpenXml(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            return !names.Contains("[Content_Types].xml") ? null
                : names.Contains("word/document.xml") ? Docx
                : names.Contains("xl/workbook.xml") ? Xlsx
                : names.Contains("ppt/presentation.xml") ? Pptx
                : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Valid UTF-8 without control characters other than tab and line breaks (so no binary file passes as text).</summary>
    private static bool IsText(byte[] bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        return text.Length > 0 && !text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'));
    }

    /// <summary>The extension a download is saved under, from the sniffed type.</summary>
    public static string Extension(string mediaType) => mediaType switch
    {
        Pdf => ".pdf",
        Png => ".png",
        Jpeg => ".jpg",
        Docx => ".docx",
        Xlsx => ".xlsx",
        Pptx => ".pptx",
        _ => ".txt",
    };
}
