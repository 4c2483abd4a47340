using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assessor.Service.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Assessor.Api.Tests.Reports;

/// <summary>
/// One long-lived browser prints every PDF, a page per document: it is started once, replaced when it dies (also in the
/// middle of a print, which is then tried again), and 16 drafts at once queue for it rather than being refused.
/// </summary>
public sealed class PdfBrowserTests
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("ASSESSOR_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    [SkippableFact]
    public async Task A_browser_that_dies_while_printing_is_replaced_and_the_print_tried_again()
    {
        using var chromium = FakeChromium.Create();
        await using var factory = Factory(chromium.Path);
        using var applicant = await factory.ApplicantAsync();
        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync(await DraftPdfAsync(applicant))).StatusCode);
        chromium.DieAtNextPrint();

        var response = await applicant.GetAsync(await DraftPdfAsync(applicant));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(2, chromium.Launches);
    }

    [SkippableFact]
    public async Task Sixteen_drafts_at_once_queue_for_the_printer_with_the_default_limits()
    {
        using var chromium = FakeChromium.Create();
        await using var factory = Factory(chromium.Path);
        using var applicant = await factory.ApplicantAsync();
        var urls = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            urls.Add(await DraftPdfAsync(applicant));
        }

        var responses = await Task.WhenAll(urls.Select(url => applicant.GetAsync(url)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(16, chromium.Started);
        Assert.Equal(1, chromium.Launches);
        Assert.InRange(chromium.MostAtOnce, 1, new Service.Http.PdfRenderLimit().MaxConcurrent);
    }

    [SkippableFact]
    public async Task A_real_chromium_prints_pages_in_one_browser_and_is_restarted_after_it_is_killed()
    {
        TestDependencies.RequireFile(Chromium, "chromium");
        await using var factory = Factory(Chromium);
        using var applicant = await factory.ApplicantAsync();
        var printer = factory.Services.GetRequiredService<PdfPrinter>();
        for (var i = 0; i < 2; i++)
        {
            await AssertPdfAsync(await applicant.GetAsync(await DraftPdfAsync(applicant)));
        }

        Assert.Equal(1, printer.Launches);
        var pid = printer.BrowserProcessId ?? throw new InvalidOperationException("No browser is running after two prints.");
        using (var browser = Process.GetProcessById(pid))
        {
            browser.Kill(entireProcessTree: true);
            await browser.WaitForExitAsync();
        }

        await AssertPdfAsync(await applicant.GetAsync(await DraftPdfAsync(applicant)));
        Assert.Equal(2, printer.Launches);
        Assert.NotEqual(pid, printer.BrowserProcessId);
    }

    [SkippableFact]
    public async Task A_footer_template_prints_page_numbers()
    {
        TestDependencies.RequireFile(Chromium, "chromium");
        TestDependencies.RequireFile("/usr/bin/pdftotext", "pdftotext (poppler-utils)");
        await using var printer = new PdfPrinter(Chromium);
        var html = ReportFixture.Renderer.RenderHtml(ReportFixture.Example(), ReportFixture.Stamp);

        var pdf = await printer.PrintAsync(html, new PdfPageOptions(FooterTemplate:
            "<div style=\"font-size:8pt;width:100%;text-align:center\">PAGE <span class=\"pageNumber\"></span> OF <span class=\"totalPages\"></span></div>"),
            CancellationToken.None);

        var text = await PdfTextAsync(pdf);
        Assert.Contains("PAGE 1 OF", text);
        Assert.Contains("株式会社サンプル製作所", text);
    }

    [SkippableFact]
    public async Task A_page_prints_one_document_after_another_and_nothing_of_the_one_before_shows()
    {
        TestDependencies.RequireFile(Chromium, "chromium");
        TestDependencies.RequireFile("/usr/bin/pdftotext", "pdftotext (poppler-utils)");
        await using var printer = new PdfPrinter(Chromium);
        // The first document leaves what a page could keep: its text, a style that would add text to the next one's
        // paragraphs, a title the header would print, and a page size of its own.
        var first = Encoding.UTF8.GetBytes(
            "<html><head><meta charset=\"utf-8\"><title>FIRST TITLE</title><style>p::after { content: ' FIRST STYLE'; } "
            + "@page { size: A5; }</style></head><body><p>FIRST TEXT</p></body></html>");
        var second = Encoding.UTF8.GetBytes("<html><head><meta charset=\"utf-8\"></head><body><p>SECOND TEXT</p></body></html>");
        var titled = new PdfPageOptions(HeaderTemplate: "<div style=\"font-size:8pt\">HEADER <span class=\"title\"></span></div>");

        var firstPdf = await printer.PrintAsync(first, titled, CancellationToken.None);
        var secondPdf = await printer.PrintAsync(second, titled, CancellationToken.None);

        Assert.Equal(1, printer.PagesOpened);
        var firstText = await PdfTextAsync(firstPdf);
        Assert.Contains("FIRST TITLE", firstText);
        Assert.Contains("FIRST STYLE", firstText);
        var secondText = await PdfTextAsync(secondPdf);
        Assert.Contains("SECOND TEXT", secondText);
        Assert.Contains("HEADER", secondText);
        Assert.DoesNotContain("FIRST", secondText);
        // A5 (148 × 210 mm) for the first; the second has no page size of its own, so Chromium's default (Letter).
        Assert.Equal("420 595", MediaBox(firstPdf));
        Assert.Equal("612 792", MediaBox(secondPdf));
    }

    [SkippableFact]
    public async Task A_kept_page_whose_renderer_died_is_not_printed_in_again()
    {
        TestDependencies.RequireFile(Chromium, "chromium");
        await using var printer = new PdfPrinter(Chromium);
        var html = Encoding.UTF8.GetBytes("<html><head><meta charset=\"utf-8\"></head><body><p>TEXT</p></body></html>");
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await printer.PrintAsync(html, CancellationToken.None)));
        var renderers = Renderers(printer.BrowserProcessId ?? throw new InvalidOperationException("No browser after a print."));
        Assert.NotEmpty(renderers);
        foreach (var renderer in renderers)
        {
            using var process = Process.GetProcessById(renderer);
            process.Kill();
            await process.WaitForExitAsync();
        }

        // The browser reports the crash on the page's session; the kept page is known dead once that has arrived.
        var waited = Stopwatch.StartNew();
        while (printer.CrashedPages == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "Chromium never said the kept page's renderer died.");
            await Task.Delay(20);
        }

        var clock = Stopwatch.StartNew();
        var pdf = await printer.PrintAsync(html, CancellationToken.None);

        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the print took {clock.Elapsed}: it waited on the dead page");
        Assert.Equal(2, printer.PagesOpened);
        Assert.Equal(1, printer.Launches);
    }

    [SkippableFact]
    public async Task The_printed_copy_runs_no_script_and_fetches_nothing()
    {
        TestDependencies.RequireFile(Chromium, "chromium");
        TestDependencies.RequireFile("/usr/bin/pdftotext", "pdftotext (poppler-utils)");
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var printer = new PdfPrinter(Chromium);
        var html = Encoding.UTF8.GetBytes(
            $"<html><head><meta charset=\"utf-8\"></head><body><p>SAFE TEXT</p><img src=\"http://127.0.0.1:{port}/beacon\">"
            + "<script>document.body.insertAdjacentHTML('beforeend', '<p>SCRIPT RAN</p>')</script></body></html>");

        var text = await PdfTextAsync(await printer.PrintAsync(html, CancellationToken.None));

        Assert.Contains("SAFE TEXT", text);
        Assert.DoesNotContain("SCRIPT RAN", text);
        Assert.False(listener.Pending(), "the browser fetched the image while printing");
    }

    private static AssessorFactory Factory(string chromiumPath) =>
        new(TestDatabase.Sqlite(), ownsDatabase: true)
        {
            Settings = { ["Assessor:Reports:ChromiumPath"] = chromiumPath, ["Assessor:RateLimits:DraftPdfs:PermitLimit"] = "100" },
        };

    /// <summary>A new plan's draft PDF address: a plan never printed before, so nothing is served from memory.</summary>
    private static async Task<string> DraftPdfAsync(HttpClient applicant)
    {
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return $"/api/v1/plans/{(await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()}/report?format=pdf";
    }

    private static async Task AssertPdfAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    /// <summary>The renderer processes under <paramref name="browser"/> (Chromium's <c>--type=renderer</c>).</summary>
    private static List<int> Renderers(int browser)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var id) && File.Exists(Path.Combine(folder, "stat")))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                    parents[id] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // Gone meanwhile.
                }
            }
        }

        var tree = new HashSet<int> { browser };
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var (child, parent) in parents)
            {
                grown |= tree.Contains(parent) && tree.Add(child);
            }
        }

        return [.. tree.Where(pid => File.Exists($"/proc/{pid}/cmdline")
            && File.ReadAllText($"/proc/{pid}/cmdline").Contains("--type=renderer", StringComparison.Ordinal))];
    }

    /// <summary>The first page's width and height in whole points, from the PDF's <c>/MediaBox</c>.</summary>
    private static string MediaBox(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Match(Encoding.Latin1.GetString(pdf), @"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]") is { Success: true } box
            ? $"{Points(box.Groups[1].Value)} {Points(box.Groups[2].Value)}"
            : "none";

    private static double Points(string value) => Math.Round(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            var start = new ProcessStartInfo("/usr/bin/pdftotext") { RedirectStandardOutput = true };
            foreach (var argument in new[] { "-enc", "UTF-8", file, "-" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
