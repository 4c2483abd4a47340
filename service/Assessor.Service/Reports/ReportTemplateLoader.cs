using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Assessor.Service.Reports;

/// <summary>
/// Resolves <c>include</c> names strictly inside the templates folder: absolute paths, <c>..</c> segments
/// and anything (symbolic links included) that resolves outside the folder are refused.
/// </summary>
internal sealed class ReportTemplateLoader(string root) : ITemplateLoader
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
        Resolve(templateName) ?? throw Refused(callerSpan, templateName);

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        File.ReadAllText(Resolve(RelativeName(templatePath)) ?? throw Refused(callerSpan, templatePath));

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));

    /// <summary>The full path of <paramref name="name"/> inside the folder, or null when it would leave it.</summary>
    public string? Resolve(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || Path.IsPathRooted(name) || name.Contains('\0'))
        {
            return null;
        }

        var segments = name.Split('/', '\\');
        if (segments.Any(segment => segment == ".."))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(_root, name));
        return IsInside(full) && NoLinkLeaves(full) ? full : null;
    }

    public string RelativeName(string fullPath) => Path.GetRelativePath(_root, fullPath).Replace('\\', '/');

    private bool IsInside(string fullPath) => fullPath.StartsWith(_root, StringComparison.Ordinal);

    // A symbolic link anywhere below the root (file or folder) must itself point inside the root.
    private bool NoLinkLeaves(string fullPath)
    {
        for (var path = fullPath; path.Length > _root.Length; path = Path.GetDirectoryName(path)!)
        {
            var info = Directory.Exists(path) ? (FileSystemInfo)new DirectoryInfo(path) : new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target
                && !IsInside(Path.GetFullPath(target.FullName)))
            {
                return false;
            }
        }

        return true;
    }

    private static ReportTemplateException Refused(SourceSpan callerSpan, string name) =>
        new(callerSpan.FileName ?? "?", callerSpan.Start.Line + 1, $"include '{name}' is outside the templates folder or not allowed");
}
