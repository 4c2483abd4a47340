using System.Runtime.CompilerServices;
using Assessor.Domain.Reports;
using Assessor.Service.Reports;
using Xunit.Abstractions;

namespace Assessor.Api.Tests.Reports;

/// <summary>
/// The printed report as a reader sees it: its fonts, and page images compared with stored ones, so an accidental layout
/// change is seen. After an intended change, regenerate the images and look at them:
/// <c>ASSESSOR_UPDATE_VISUAL=1 dotnet test tests/Assessor.Api.Tests --filter PdfTypesetting</c>.
/// </summary>
public sealed class PdfTypesettingTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Pixels that differ by more than a faint grey step, as a share of the page: anti-aliasing stays well below it, a
    // moved table or a reflowed paragraph well above.
    private const double Tolerance = 0.015;
    private const int Dpi = 50;

    private PdfPrinter? printer;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (printer is not null)
        {
            await printer.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task The_pdf_embeds_the_proportional_ipaex_faces_as_subsets_and_no_outline_fonts()
    {
        PdfTools.Require();
        var pdf = await PrintAsync(ReportFixture.Example(), ReportFormats.Pdf);

        var fonts = await PdfTools.FontsAsync(pdf);

        output.WriteLine($"PDF of {pdf.Length} bytes: {string.Join(", ", fonts.Select(f => $"{f.Name} ({f.Type})"))}");
        Assert.Contains(fonts, f => f.Name == "IPAexGothic");
        Assert.Contains(fonts, f => f.Name == "IPAexMincho");
        Assert.All(fonts, f => Assert.True(f.Embedded && f.Subset, $"{f.Name} is not embedded as a subset"));
        // A synthesised bold is printed as outlines (Type 3): large, and not text to a reader.
        Assert.DoesNotContain(fonts, f => f.Type.StartsWith("Type 3", StringComparison.Ordinal));
        Assert.DoesNotContain(fonts, f => f.Name.StartsWith("IPAGothic", StringComparison.Ordinal));
        Assert.True(pdf.Length < 700_000, $"The example's PDF weighs {pdf.Length} bytes.");
    }

    [SkippableFact]
    public async Task Times_are_japan_time_and_the_certificate_date_is_in_the_era_calendar()
    {
        PdfTools.Require();
        var text = await PdfTools.TextAsync(await PrintAsync(ReportFixture.Example(), ReportFormats.Pdf), "-layout");

        // The fixture decided at 2026-01-15 08:00 UTC: 17:00 in Japan, 令和8年.
        Assert.Contains("令和8年1月15日", text);
        Assert.Contains("2026-01-15 17:00:00 JST", text);
        Assert.DoesNotContain("+00:00", text);
        Assert.Contains("4,867,768.60", text);
    }

    [SkippableTheory]
    [InlineData("certificate", ReportFormats.Certificate, 1)]
    [InlineData("report-certificate-page", ReportFormats.Pdf, 1)]
    [InlineData("report-table-page", ReportFormats.Pdf, 3)]
    [InlineData("draft-certificate", ReportFormats.Certificate, 1)]
    public async Task Pages_look_as_they_did(string name, string format, int page)
    {
        PdfTools.Require();
        var report = ReportFixture.Example(certified: !name.StartsWith("draft", StringComparison.Ordinal));
        var image = await PdfTools.PageAsync(await PrintAsync(report, format), page, Dpi);
        var stored = Path.Combine(VisualFolder(), $"{name}.png");
        if (Environment.GetEnvironmentVariable("ASSESSOR_UPDATE_VISUAL") == "1")
        {
            await File.WriteAllBytesAsync(stored, image.ToPng());
            return;
        }

        Assert.True(File.Exists(stored), $"{stored} is missing; run with ASSESSOR_UPDATE_VISUAL=1 to create it.");
        var difference = image.DifferenceFrom(GreyImage.ReadPng(await File.ReadAllBytesAsync(stored)));
        output.WriteLine($"{name}: {difference:P2} of the page differs");
        Assert.True(difference <= Tolerance,
            $"Page {page} of the {format} differs from {name}.png on {difference:P2} of its area (tolerance {Tolerance:P1}). If the change is intended, "
            + "regenerate with ASSESSOR_UPDATE_VISUAL=1 and look at the images.");
    }

    [Fact]
    public void The_image_comparison_sees_a_change_and_ignores_none()
    {
        var blank = new GreyImage(10, 10, Enumerable.Repeat((byte)255, 100).ToArray());
        var marked = new GreyImage(10, 10, [.. Enumerable.Repeat((byte)0, 5), .. Enumerable.Repeat((byte)255, 95)]);
        var faint = new GreyImage(10, 10, Enumerable.Repeat((byte)240, 100).ToArray());

        Assert.Equal(0.05, marked.DifferenceFrom(blank), 3);
        Assert.Equal(0, faint.DifferenceFrom(blank));
        Assert.Equal(1, blank.DifferenceFrom(new GreyImage(5, 20, new byte[100])));
        Assert.Equal(0, GreyImage.ReadPng(marked.ToPng()).DifferenceFrom(marked));
    }

    private async Task<byte[]> PrintAsync(IRegimeReport report, string format)
    {
        printer ??= new PdfPrinter(PdfTools.Chromium);
        var renderer = ReportFixture.Renderer;
        var html = renderer.Render("", format == ReportFormats.Certificate ? ReportFormats.Certificate : ReportFormats.Html, report, ReportFixture.Stamp);
        var page = format == ReportFormats.Certificate ? PdfPageOptions.Plain : renderer.PageFurniture(report, ReportFixture.Stamp);
        return await printer.PrintAsync(html, page, CancellationToken.None);
    }

    private static string VisualFolder([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "visual");
}
