namespace Assessor.Service.Reports;

/// <summary>A report template that cannot be parsed or loaded; the message reads <c>file:line: reason</c>.</summary>
public sealed class ReportTemplateException(string file, int line, string reason)
    : Exception($"{file}:{line}: {reason}")
{
    /// <summary>The template's path relative to the templates folder.</summary>
    public string File { get; } = file;

    /// <summary>1-based line; 0 when the problem is the file as a whole (e.g. missing).</summary>
    public int Line { get; } = line;

    public string Reason { get; } = reason;
}
