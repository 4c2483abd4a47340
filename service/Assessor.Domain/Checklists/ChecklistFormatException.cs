namespace Assessor.Domain.Checklists;

/// <summary>A checklist file that cannot be used, pointing at the place to fix.</summary>
public sealed class ChecklistFormatException(string file, long line, long column, string reason, Exception? inner = null)
    : Exception($"{file}:{line}:{column}: {reason}", inner)
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public long Column { get; } = column;

    public string Reason { get; } = reason;
}
