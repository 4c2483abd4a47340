using System.Diagnostics;
using System.Text;
using Assessor.Service.Reports;
using Xunit.Abstractions;

namespace Assessor.Api.Tests.Reports;

/// <summary>
/// Real-browser checks. Without Chromium (or pdftotext) they are skipped, saying why, and under CI
/// (<c>CI=true</c>) they fail; .ci/run installs chromium, fonts-ipafont and poppler-utils so they run there.
/// </summary>
public class ChromiumReportTests(ITestOutputHelper output)
{
    /// <summary>The browser the PDF printer would use: <c>$ASSESSOR_CHROMIUM</c>, else Debian's.</summary>
    private static string Chromium => PdfTools.Chromium;
    private const string Pdftotext = "/usr/bin/pdftotext";
    private const string Pwn = "document.documentElement.setAttribute('data-pwned','1')";

    [SkippableFact]
    public async Task Hostile_text_does_not_run_in_a_real_browser_and_is_visible_as_text()
    {
        TestDependencies.RequireFile(Chromium, "chromium");

        var name = $"<script>{Pwn}</script>";
        var purpose = $"</td><img src=x onerror=\"{Pwn}\">";
        var html = ReportFixture.Renderer.RenderHtml(ReportEscapingTests.Hostile(name, purpose, "note"), ReportFixture.Stamp);

        var dom = await DumpDomAsync(html);

        Assert.DoesNotContain("data-pwned=\"1\"", dom);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(name).Replace("&#39;", "'", StringComparison.Ordinal), dom);
        Assert.Contains("&lt;/td&gt;&lt;img src=x onerror=", dom);
    }

    [SkippableFact]
    public async Task The_same_payload_unescaped_would_have_been_caught()
    {
        TestDependencies.RequireFile(Chromium, "chromium");

        var dom = await DumpDomAsync(Encoding.UTF8.GetBytes($"<html><body><table><tr><td></td><img src=x onerror=\"{Pwn}\"></td></tr></table></body></html>"));

        Assert.Contains("data-pwned=\"1\"", dom);
    }

    [SkippableFact]
    public async Task Pdf_embeds_the_applicants_japanese_name()
    {
        TestDependencies.RequireFile(Chromium, "chromium");
        TestDependencies.RequireFile(Pdftotext, "pdftotext (poppler-utils)");
        await using var printer = new PdfPrinter(Chromium);

        var html = ReportFixture.Renderer.RenderHtml(ReportFixture.Example(), ReportFixture.Stamp);
        var clock = Stopwatch.StartNew();
        var pdf = await printer.PrintAsync(html, CancellationToken.None);
        output.WriteLine($"PDF of {pdf.Length} bytes in {clock.ElapsedMilliseconds} ms");

        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.Contains("株式会社サンプル製作所", await PdfTextAsync(pdf));
    }

    [Fact]
    public async Task Without_chromium_the_printer_says_what_to_install()
    {
        var printer = new PdfPrinter("/nonexistent");

        Assert.False(printer.IsAvailable);
        var error = await Assert.ThrowsAsync<PdfUnavailableException>(() => printer.PrintAsync([], CancellationToken.None));
        Assert.Contains("chromium", error.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-ipaexfont", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> DumpDomAsync(byte[] html)
    {
        var work = Directory.CreateTempSubdirectory("assessor-dom-");
        try
        {
            var page = Path.Combine(work.FullName, "report.html");
            await File.WriteAllBytesAsync(page, html);
            return await PdfTools.RunAsync(Chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                $"--user-data-dir={Path.Combine(work.FullName, "profile")}", "--virtual-time-budget=2000", "--dump-dom", new Uri(page).AbsoluteUri);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    internal static Task<string> PdfTextAsync(byte[] pdf) => PdfTools.TextAsync(pdf);
}
