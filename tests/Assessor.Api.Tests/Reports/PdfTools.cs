using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;

namespace Assessor.Api.Tests.Reports;

/// <summary>
/// Reads PDFs back with poppler-utils (Debian's; .ci/run installs it): <c>pdftotext</c> for the text, <c>pdffonts</c> for
/// the embedded fonts, <c>pdftoppm</c> for page images. Tests that need them call <see cref="Require"/> first, which skips
/// without them and fails under CI.
/// </summary>
internal static class PdfTools
{
    private const string Pdftotext = "/usr/bin/pdftotext";
    private const string Pdffonts = "/usr/bin/pdffonts";
    private const string Pdftoppm = "/usr/bin/pdftoppm";

    /// <summary>The browser the PDF printer would use: <c>$ASSESSOR_CHROMIUM</c>, else Debian's.</summary>
    public static string Chromium { get; } =
        Environment.GetEnvironmentVariable("ASSESSOR_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    /// <summary>Skips (or fails under CI) unless Chromium and poppler-utils are installed.</summary>
    public static void Require()
    {
        TestDependencies.RequireFile(Chromium, "chromium");
        foreach (var tool in new[] { Pdftotext, Pdffonts, Pdftoppm })
        {
            TestDependencies.RequireFile(tool, $"{Path.GetFileName(tool)} (poppler-utils)");
        }
    }

    /// <summary>
    /// The PDF's text; with <paramref name="mode"/> <c>-layout</c>, laid out as on the page, or <c>-raw</c>, in the order it
    /// was drawn (which keeps turned text, such as the draft watermark, whole).
    /// </summary>
    public static Task<string> TextAsync(byte[] pdf, string? mode = null) =>
        WithFileAsync(pdf, file => RunAsync(Pdftotext, [.. mode is null ? Array.Empty<string>() : [mode], "-enc", "UTF-8", file, "-"]));

    /// <summary>The fonts <c>pdffonts</c> lists: name (subset tag removed), type, embedded, subset.</summary>
    public static async Task<IReadOnlyList<(string Name, string Type, bool Embedded, bool Subset)>> FontsAsync(byte[] pdf)
    {
        var listing = await WithFileAsync(pdf, file => RunAsync(Pdffonts, file));
        // "name  type  encoding  emb sub uni object ID": the name never holds spaces (or is "[none]"), the type may.
        return [.. listing.Split('\n').Skip(2).Where(line => line.Length > 0).Select(line =>
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var name = columns[0].Contains('+', StringComparison.Ordinal) ? columns[0][(columns[0].IndexOf('+', StringComparison.Ordinal) + 1)..] : columns[0];
            var flags = columns[^5..^2];
            return (name, string.Join(' ', columns[1..^6]), flags[0] == "yes", flags[1] == "yes");
        })];
    }

    /// <summary>Page <paramref name="page"/> (1-based) as an 8-bit grey image at <paramref name="dpi"/>.</summary>
    public static async Task<GreyImage> PageAsync(byte[] pdf, int page, int dpi)
    {
        var folder = Directory.CreateTempSubdirectory("assessor-ppm-");
        try
        {
            var file = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            var pageNumber = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await RunAsync(Pdftoppm, "-f", pageNumber, "-l", pageNumber, "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-gray",
                "-singlefile", file, Path.Combine(folder.FullName, "page"));
            return GreyImage.ReadPgm(await File.ReadAllBytesAsync(Path.Combine(folder.FullName, "page.pgm")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> WithFileAsync(byte[] pdf, Func<string, Task<string>> run)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            return await run(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await stderr;
        return await stdout;
    }
}

/// <summary>An 8-bit grey image: read from <c>pdftoppm -gray</c>'s PGM, and stored as (and read back from) 8-bit grey PNG.</summary>
internal sealed class GreyImage(int width, int height, byte[] pixels)
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public int Width => width;

    public int Height => height;

    private byte[] Pixels => pixels;

    /// <summary>A binary PGM (<c>P5</c>, width, height, maximum 255, then one byte a pixel).</summary>
    public static GreyImage ReadPgm(byte[] pgm)
    {
        var fields = new List<int>();
        var at = 2;
        while (fields.Count < 3)
        {
            while (char.IsWhiteSpace((char)pgm[at]))
            {
                at++;
            }

            var start = at;
            while (!char.IsWhiteSpace((char)pgm[at]))
            {
                at++;
            }

            fields.Add(int.Parse(System.Text.Encoding.ASCII.GetString(pgm, start, at - start), System.Globalization.CultureInfo.InvariantCulture));
        }

        if (pgm[0] != 'P' || pgm[1] != '5' || fields[2] != 255)
        {
            throw new InvalidDataException("Only binary 8-bit PGMs are read.");
        }

        return new GreyImage(fields[0], fields[1], pgm.AsSpan(at + 1, fields[0] * fields[1]).ToArray());
    }

    public static GreyImage ReadPng(byte[] png)
    {
        if (!png.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a PNG file.");
        }

        int width = 0, height = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[9] != 0 || data[12] != 0)
                {
                    throw new InvalidDataException("Only 8-bit grey, non-interlaced PNGs are read.");
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new byte[(width + 1) * height];
        inflate.ReadExactly(raw);
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (width + 1)];
            for (var x = 0; x < width; x++)
            {
                int a = x > 0 ? pixels[(y * width) + x - 1] : 0, b = y > 0 ? pixels[((y - 1) * width) + x] : 0;
                int c = x > 0 && y > 0 ? pixels[((y - 1) * width) + x - 1] : 0;
                var value = raw[(y * (width + 1)) + 1 + x];
                pixels[(y * width) + x] = (byte)(value + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter {filter} is unknown."),
                });
            }
        }

        return new GreyImage(width, height, pixels);
    }

    public byte[] ToPng()
    {
        using var compressed = new MemoryStream();
        using (var deflate = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                deflate.WriteByte(0);
                deflate.Write(pixels, y * width, width);
            }
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// The share of pixels that differ by more than a faint grey step: anti-aliasing noise is ignored, moved or changed
    /// text is not. Images of different sizes differ entirely.
    /// </summary>
    public double DifferenceFrom(GreyImage other)
    {
        if (other.Width != width || other.Height != height)
        {
            return 1;
        }

        var differing = 0;
        for (var i = 0; i < pixels.Length; i++)
        {
            if (Math.Abs(pixels[i] - other.Pixels[i]) > 48)
            {
                differing++;
            }
        }

        return (double)differing / pixels.Length;
    }

    /// <summary>PNG's chunk checksum (CRC-32, ISO 3309): the BCL has none without another package.</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }
}
