using System.Globalization;
using System.Text;
using Assessor.Domain.Reports;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Assessor.Service.Reports;

/// <summary>
/// Renders a certification report as HTML or Markdown from the Scriban templates in one folder. Every
/// template is parsed once here; each render gets its own <see cref="TemplateContext"/>, so rendering is
/// thread-safe. Templates receive only pre-escaped strings (see reports/README.md). The tax regime's main templates
/// are at the top of the folder and must be there; another regime's are in its own subfolder and are looked up when
/// one of its reports is rendered.
/// </summary>
public sealed class ReportRenderer
{
    private const string HtmlTemplate = "certification.html.sbn";
    private const string MarkdownTemplate = "certification.md.sbn";
    private const string CertificateTemplate = "certificate.html.sbn";

    // Chromium's header and footer templates for the report's PDF, shared by every regime; without them the PDF has none.
    private const string PdfHeaderTemplate = "pdf_header.html.sbn";
    private const string PdfFooterTemplate = "pdf_footer.html.sbn";

    private readonly ReportTemplateLoader _loader;
    private readonly Dictionary<string, Template> _templatesByPath;
    private readonly Template _html;
    private readonly Template _markdown;

    /// <exception cref="ReportTemplateException">A template is missing, unreadable or has a syntax error.</exception>
    public ReportRenderer(string templatesFolder)
    {
        if (!Directory.Exists(templatesFolder))
        {
            throw new ReportTemplateException(templatesFolder, 0, "the templates folder does not exist");
        }

        _loader = new ReportTemplateLoader(templatesFolder);
        _templatesByPath = Directory.EnumerateFiles(templatesFolder, "*.sbn", SearchOption.AllDirectories)
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToDictionary(path => path, Parse, StringComparer.Ordinal);
        _html = Main(HtmlTemplate);
        _markdown = Main(MarkdownTemplate);
        Version = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\0",
            _templatesByPath.Keys.Select(path => $"{_loader.RelativeName(path)}\0{File.ReadAllText(path)}")))));
    }

    /// <summary>The templates' identity: the SHA-256 of every template's name and text, as parsed at start.</summary>
    public string Version { get; }

    /// <exception cref="ReportTemplateException">A template failed at render time (an unknown variable, a refused include).</exception>
    public byte[] RenderHtml(CertificationReport report, ReportStamp stamp) =>
        Render(_html, report, stamp, ReportEscaping.Html);

    public byte[] RenderMarkdown(CertificationReport report, ReportStamp stamp) =>
        Render(_markdown, report, stamp, ReportEscaping.Markdown);

    /// <summary>Renders any regime's report with the main templates of <paramref name="templates"/> (a subfolder, <c>""</c> for the top).</summary>
    /// <param name="format">
    /// <see cref="ReportFormats.Html"/>, <see cref="ReportFormats.Markdown"/> or <see cref="ReportFormats.Certificate"/> (the
    /// certificate page alone, as HTML to print).
    /// </param>
    /// <exception cref="ReportTemplateException">The regime's main template is missing, or failed at render time.</exception>
    public byte[] Render(string templates, string format, IRegimeReport report, ReportStamp stamp) => format switch
    {
        ReportFormats.Html => Render(Main(MainName(templates, HtmlTemplate)), report, stamp, ReportEscaping.Html),
        ReportFormats.Markdown => Render(Main(MainName(templates, MarkdownTemplate)), report, stamp, ReportEscaping.Markdown),
        ReportFormats.Certificate => Render(Main(MainName(templates, CertificateTemplate)), report, stamp, ReportEscaping.Html),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Only HTML, Markdown and the certificate page are rendered from templates."),
    };

    /// <summary>
    /// The running header and the page numbers of a report's PDF (Chromium's header and footer templates, rendered from
    /// <c>pdf_header.html.sbn</c> and <c>pdf_footer.html.sbn</c> with the report's data, escaped like the HTML); none when
    /// those templates are not installed.
    /// </summary>
    public PdfPageOptions PageFurniture(IRegimeReport report, ReportStamp stamp)
    {
        string? Optional(string name) => _loader.Resolve(name) is { } path && _templatesByPath.TryGetValue(path, out var template)
            ? Encoding.UTF8.GetString(Render(template, report, stamp, ReportEscaping.Html))
            : null;

        return new PdfPageOptions(Optional(PdfHeaderTemplate), Optional(PdfFooterTemplate));
    }

    /// <summary>The names of the main templates a regime's reports need, relative to the templates folder.</summary>
    public static IReadOnlyList<string> MainTemplates(string templates) =>
        [MainName(templates, HtmlTemplate), MainName(templates, MarkdownTemplate), MainName(templates, CertificateTemplate)];

    /// <summary>True when <paramref name="name"/> (relative to the templates folder) was found and parsed at start.</summary>
    public bool Has(string name) => _loader.Resolve(name) is { } path && _templatesByPath.ContainsKey(path);

    private static string MainName(string templates, string main) => templates.Length == 0 ? main : $"{templates}/{main}";

    private byte[] Render(Template template, IRegimeReport report, ReportStamp stamp, Func<string, string> escape)
    {
        var context = new TemplateContext
        {
            StrictVariables = true,
            TemplateLoader = _loader,
            NewLine = "\n",
        };
        context.PushCulture(CultureInfo.InvariantCulture);
        // Partials were parsed up front; the include function finds them here and never re-reads a file.
        foreach (var (path, partial) in _templatesByPath)
        {
            context.CachedTemplates[path] = partial;
        }

        var model = ReportModel.Create(report, stamp, escape);
        // Scriban's fixed defaults would stop (or cut short) the reports of large plans the service accepts.
        ReportRenderLimits.For(model).ApplyTo(context);
        context.PushGlobal(ReportFunctions.Create(stamp, escape));
        context.PushGlobal(model);
        try
        {
            return Encoding.UTF8.GetBytes(template.Render(context));
        }
        catch (ScriptRuntimeException error)
        {
            // One exception type for every template fault, refused includes and strict-variable misses alike.
            var reason = (error.InnerException as ReportTemplateException)?.Reason ?? error.OriginalMessage;
            throw new ReportTemplateException(error.Span.FileName ?? "?", error.Span.Start.Line + 1, reason);
        }
    }

    private Template Parse(string path)
    {
        var name = _loader.RelativeName(path);
        if (_loader.Resolve(name) is null)
        {
            throw new ReportTemplateException(name, 0, "the template resolves outside the templates folder");
        }

        var template = Template.Parse(File.ReadAllText(path), name);
        if (template.Messages.FirstOrDefault(m => m.Type == ParserMessageType.Error) is { } error)
        {
            throw new ReportTemplateException(name, error.Span.Start.Line + 1, error.Message);
        }

        return template;
    }

    private Template Main(string name) =>
        _loader.Resolve(name) is { } path && _templatesByPath.TryGetValue(path, out var template)
            ? template
            : throw new ReportTemplateException(name, 0, "the template is missing");
}
