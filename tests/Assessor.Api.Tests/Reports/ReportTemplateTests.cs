using Assessor.Service.Reports;

namespace Assessor.Api.Tests.Reports;

public sealed class ReportTemplateTests : IDisposable
{
    private readonly DirectoryInfo _sandbox = Directory.CreateTempSubdirectory("assessor-templates-");

    private string Templates => Path.Combine(_sandbox.FullName, "reports");

    public ReportTemplateTests()
    {
        Directory.CreateDirectory(Templates);
        File.WriteAllText(Path.Combine(_sandbox.FullName, "secret"), "TOP SECRET");
        File.WriteAllText(Path.Combine(Templates, "certification.md.sbn"), "md");
    }

    public void Dispose() => _sandbox.Delete(recursive: true);

    [Fact]
    public void Syntax_error_names_the_file_and_line()
    {
        File.WriteAllText(Path.Combine(Templates, "certification.html.sbn"), "<p>fine</p>\n<p>fine</p>\n{{ if report.certified }}\n");

        var error = Assert.Throws<ReportTemplateException>(() => new ReportRenderer(Templates));

        Assert.Equal("certification.html.sbn", error.File);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("certification.html.sbn:3: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_error_in_a_partial_stops_the_constructor_too()
    {
        File.WriteAllText(Path.Combine(Templates, "certification.html.sbn"), "ok");
        Directory.CreateDirectory(Path.Combine(Templates, "parts"));
        File.WriteAllText(Path.Combine(Templates, "parts", "_broken.sbn"), "line one\n{{ for x in }}");

        var error = Assert.Throws<ReportTemplateException>(() => new ReportRenderer(Templates));

        Assert.Equal("parts/_broken.sbn", error.File);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Missing_main_template_is_named()
    {
        var error = Assert.Throws<ReportTemplateException>(() => new ReportRenderer(Templates));
        Assert.Equal("certification.html.sbn", error.File);
    }

    [Theory]
    [InlineData("../secret")]
    [InlineData("parts/../../secret")]
    [InlineData("/etc/passwd")]
    public void Include_cannot_leave_the_templates_folder(string name)
    {
        File.WriteAllText(Path.Combine(Templates, "certification.html.sbn"), $"x\n{{{{ include '{name}' }}}}");
        var renderer = new ReportRenderer(Templates);

        var error = Assert.ThrowsAny<Exception>(() => renderer.RenderHtml(ReportFixture.Example(), ReportFixture.Stamp));

        Assert.DoesNotContain("TOP SECRET", error.ToString());
        var refusal = Assert.IsType<ReportTemplateException>(error);
        Assert.Equal(2, refusal.Line);
    }

    [Fact]
    public void Include_cannot_follow_a_link_out_of_the_folder()
    {
        File.CreateSymbolicLink(Path.Combine(Templates, "_link.sbn"), Path.Combine(_sandbox.FullName, "secret"));
        File.WriteAllText(Path.Combine(Templates, "certification.html.sbn"), "{{ include '_link.sbn' }}");

        Assert.Throws<ReportTemplateException>(() => new ReportRenderer(Templates));
    }
}
