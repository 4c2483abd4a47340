using System.Text;
using Assessor.Domain.Reports;
using Assessor.Service.Reports;

namespace Assessor.Api.Tests.Reports;

public class ReportEscapingTests
{
    private const string ScriptName = "<script>alert(1)</script>";
    private const string CellBreakout = "</td><img src=x onerror=alert(1)>";
    private const string MarkdownLink = "*_[x](javascript:alert(1))_*";

    public static CertificationReport Hostile(string name, string purpose, string note) => ReportFixture.Example(
        edit: plan => plan with
        {
            Applicant = plan.Applicant with { Name = name },
            Linkages = [plan.Linkages[0] with { Purpose = purpose }],
        },
        specialistNote: note);

    [Fact]
    public void Html_shows_hostile_text_as_escaped_text()
    {
        var html = Encoding.UTF8.GetString(ReportGoldenTests.Render("certification.html", Hostile(ScriptName, CellBreakout, MarkdownLink)));

        Assert.DoesNotContain(ScriptName, html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;/td&gt;&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Contains(MarkdownLink, html);
    }

    [Fact]
    public void Markdown_shows_hostile_text_without_html_or_live_links()
    {
        var markdown = Encoding.UTF8.GetString(ReportGoldenTests.Render("certification.md", Hostile(ScriptName, CellBreakout + "\n| x | y |", MarkdownLink)));

        Assert.DoesNotContain("<script", markdown);
        Assert.DoesNotContain("<img", markdown);
        Assert.DoesNotContain("](", markdown.Replace("\\](", string.Empty, StringComparison.Ordinal));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", markdown);
        Assert.Contains(@"\*\_\[x\](javascript:alert(1))\_\*", markdown);
        // The newline and pipes stay inside the purpose cell instead of starting a new table row.
        Assert.Contains(@"&lt;/td&gt;&lt;img src=x onerror=alert(1)&gt; \| x \| y \|", markdown);
    }

    [Theory]
    [InlineData("2019-04-01", "2019-04-01")]
    [InlineData("https://assessor.example/api/v1/reports/ab", "https://assessor.example/api/v1/reports/ab")]
    [InlineData("2.50 % (compound)", "2.50 % (compound)")]
    [InlineData("# heading", @"\# heading")]
    [InlineData("- item", @"\- item")]
    [InlineData("1. first", @"1\. first")]
    [InlineData("a *b* `c`", @"a \*b\* \`c\`")]
    public void Markdown_escapes_only_what_would_change_the_rendering(string text, string escaped) =>
        Assert.Equal(escaped, ReportEscaping.Markdown(text));
}
