using System.Diagnostics;

namespace Assessor.Service.Reports;

/// <summary>PDF output needs a browser that is not installed.</summary>
public sealed class PdfUnavailableException()
    : Exception("PDF reports need Chromium with Japanese fonts: install the Debian packages chromium and fonts-ipafont "
        + "(apt-get install chromium fonts-ipafont), or set ASSESSOR_CHROMIUM to a Chromium executable.");

/// <summary>
/// Prints report HTML to PDF with Debian's headless Chromium, one short-lived browser per document, each
/// with a fresh profile in its own temporary folder so nothing carries over between documents.
/// </summary>
public sealed class PdfPrinter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private readonly string? _chromiumPath;

    /// <param name="chromiumPath">The browser to run; by default <c>$ASSESSOR_CHROMIUM</c> when set, else the first of
    /// /usr/bin/chromium and /usr/bin/chromium-browser that exists.</param>
    public PdfPrinter(string? chromiumPath = null)
    {
        _chromiumPath = chromiumPath ?? DefaultPath();
    }

    private static string? DefaultPath() =>
        Environment.GetEnvironmentVariable("ASSESSOR_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : KnownPaths.FirstOrDefault(File.Exists);

    public bool IsAvailable => _chromiumPath is not null && File.Exists(_chromiumPath);

    /// <exception cref="PdfUnavailableException">No Chromium executable was found.</exception>
    /// <exception cref="TimeoutException">Chromium did not finish within a minute.</exception>
    public async Task<byte[]> PrintAsync(byte[] html, CancellationToken cancellationToken)
    {
        if (!IsAvailable)
        {
            throw new PdfUnavailableException();
        }

        var work = Directory.CreateTempSubdirectory("assessor-pdf-");
        try
        {
            var htmlPath = Path.Combine(work.FullName, "report.html");
            var pdfPath = Path.Combine(work.FullName, "report.pdf");
            await File.WriteAllBytesAsync(htmlPath, html, cancellationToken);
            await RunChromiumAsync(
                [
                    $"--user-data-dir={Path.Combine(work.FullName, "profile")}",
                    "--no-pdf-header-footer",
                    $"--print-to-pdf={pdfPath}",
                    new Uri(htmlPath).AbsoluteUri,
                ],
                cancellationToken);
            return File.Exists(pdfPath) ? await File.ReadAllBytesAsync(pdfPath, cancellationToken)
                : throw new InvalidOperationException("Chromium exited without writing the PDF.");
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    // A leftover temp folder is not worth failing a finished PDF for.
    private static void DeleteQuietly(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task RunChromiumAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_chromiumPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Headless, offline and quiet: no sandbox (containers run as root), no GPU, no background traffic.
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_chromiumPath}.");
        // Drain both pipes so a chatty browser never blocks on a full buffer.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"Chromium did not print the PDF within {Timeout.TotalSeconds:0} s.");
        }

        await Task.WhenAll(stdout, stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Chromium exited with {process.ExitCode}: {(await stderr).Trim()}");
        }
    }
}
