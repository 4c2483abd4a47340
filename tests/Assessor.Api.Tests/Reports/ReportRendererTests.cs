using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Assessor.Service.Reports;
using QRCoder;

namespace Assessor.Api.Tests.Reports;

public class ReportGoldenTests
{
    /// <summary>
    /// The example report must render exactly as the checked-in golden files. After an intended template
    /// change, rewrite them and review the diff:
    /// <c>ASSESSOR_UPDATE_GOLDEN=1 dotnet test tests/Assessor.Api.Tests --filter Golden</c>
    /// </summary>
    [Theory]
    [InlineData("certification.html")]
    [InlineData("certification.md")]
    public void Example_report_matches_golden_file(string goldenName)
    {
        var rendered = Render(goldenName, ReportFixture.Example());
        var goldenPath = Path.Combine(SourceFolder(), "golden", goldenName);
        if (Environment.GetEnvironmentVariable("ASSESSOR_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(goldenPath, rendered);
            return;
        }

        Assert.True(File.Exists(goldenPath), $"{goldenPath} is missing; run with ASSESSOR_UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(Encoding.UTF8.GetString(File.ReadAllBytes(goldenPath)), Encoding.UTF8.GetString(rendered));
    }

    [Theory]
    [InlineData("certification.html")]
    [InlineData("certification.md")]
    public void Rendering_twice_gives_identical_bytes(string name)
    {
        var first = Render(name, ReportFixture.Example());
        var second = Render(name, ReportFixture.Example());
        Assert.Equal(first, second);
    }

    internal static byte[] Render(string name, Domain.Reports.CertificationReport report) => name.EndsWith(".html", StringComparison.Ordinal)
        ? ReportFixture.Renderer.RenderHtml(report, ReportFixture.Stamp)
        : ReportFixture.Renderer.RenderMarkdown(report, ReportFixture.Stamp);

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

public class ReportContentTests
{
    private const string DraftJa = "下書き — 未認定";

    [Theory]
    [InlineData("certification.html")]
    [InlineData("certification.md")]
    public void Draft_report_carries_the_draft_banner_and_a_certified_one_does_not(string name)
    {
        var draft = Encoding.UTF8.GetString(ReportGoldenTests.Render(name, ReportFixture.Example(certified: false)));
        var certified = Encoding.UTF8.GetString(ReportGoldenTests.Render(name, ReportFixture.Example(certified: true)));

        Assert.Contains(DraftJa, draft);
        Assert.Contains("DRAFT — not certified", draft);
        Assert.DoesNotContain(DraftJa, certified);
        Assert.DoesNotContain("DRAFT", certified);
    }

    [Fact]
    public void Html_report_shows_figures_formulas_verification_and_a_qr_code()
    {
        var html = Encoding.UTF8.GetString(ReportGoldenTests.Render("certification.html", ReportFixture.Example()));

        Assert.Contains("株式会社サンプル製作所", html);
        Assert.Contains("30.00% × ¥54,000,000 = ¥16,200,000", html);
        Assert.Contains(ReportFixture.Stamp.Digest, html);
        Assert.Contains(ReportFixture.Stamp.VerifyUrl, html);
        Assert.Contains("assessor-cli verify-report", html);
        Assert.Contains("<svg", html);
        Assert.Contains("vpn-config.pdf", html);
        Assert.Contains("審査 一郎", html);
    }

    [Fact]
    public void Every_qr_code_draws_exactly_the_modules_of_the_verification_link()
    {
        var html = Encoding.UTF8.GetString(ReportGoldenTests.Render("certification.html", ReportFixture.Example()));
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(ReportFixture.Stamp.VerifyUrl, QRCodeGenerator.ECCLevel.M);
        var size = data.ModuleMatrix.Count;
        var expected = Enumerable.Range(0, size).SelectMany(y => Enumerable.Range(0, size).Where(x => data.ModuleMatrix[y][x]).Select(x => (x, y))).ToHashSet();

        var codes = Regex.Matches(html, "<svg[^>]*>.*?</svg>", RegexOptions.Singleline);
        Assert.Equal(2, codes.Count); // the report's verification section and the certificate page
        foreach (Match code in codes)
        {
            Assert.Contains($"viewBox=\"0 0 {size} {size}\"", code.Value);
            Assert.Equal(expected, Drawn(Regex.Match(code.Value, " d=\"([^\"]*)\"").Groups[1].Value));
        }
    }

    /// <summary>The modules a path of horizontal strokes covers: "M x y.5" starts a row, "m dx 0" skips, "h w" draws w modules.</summary>
    private static HashSet<(int X, int Y)> Drawn(string path)
    {
        var drawn = new HashSet<(int, int)>();
        var (x, y) = (0, 0);
        foreach (Match step in Regex.Matches(path, "([Mmh])(-?[0-9.]+)(?: (-?[0-9.]+))?"))
        {
            var first = step.Groups[2].Value;
            switch (step.Groups[1].Value)
            {
                case "M":
                    Assert.EndsWith(".5", step.Groups[3].Value);
                    (x, y) = (int.Parse(first, CultureInfo.InvariantCulture), (int)double.Parse(step.Groups[3].Value, CultureInfo.InvariantCulture));
                    break;
                case "m":
                    Assert.Equal("0", step.Groups[3].Value);
                    x += int.Parse(first, CultureInfo.InvariantCulture);
                    break;
                default:
                    var width = int.Parse(first, CultureInfo.InvariantCulture);
                    for (var i = 0; i < width; i++)
                    {
                        Assert.True(drawn.Add((x + i, y)), $"module {x + i},{y} drawn twice");
                    }

                    x += width;
                    break;
            }
        }

        return drawn;
    }
}
