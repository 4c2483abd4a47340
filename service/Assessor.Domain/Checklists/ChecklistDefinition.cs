namespace Assessor.Domain.Checklists;

/// <summary>Every text a specialist or applicant reads exists in Japanese first and English alongside.</summary>
public sealed class LocalizedText
{
    public required string Ja { get; init; }

    public required string En { get; init; }
}

/// <summary>A group of items, declared in the file so that items can only name categories that exist.</summary>
public sealed class ChecklistCategory
{
    public required string Id { get; init; }

    public required LocalizedText Title { get; init; }
}

/// <summary>Where an item comes from in the public frameworks; ids only, never their text.</summary>
public sealed class ChecklistMappings
{
    /// <summary>METI/IPA Cyber Security Management Guidelines Ver 3.0, directives 1–10.</summary>
    public IReadOnlyList<int> MetiDirectives { get; init; } = [];

    /// <summary>NIST CSF 2.0 subcategory ids such as <c>PR.AA-01</c>.</summary>
    public IReadOnlyList<string> NistCsf { get; init; } = [];

    /// <summary>ISO/IEC 27001:2022 Annex A control ids such as <c>A.8.24</c>.</summary>
    public IReadOnlyList<string> Iso27001 { get; init; } = [];
}

public sealed class ChecklistItem
{
    public required string Id { get; init; }

    public required string Category { get; init; }

    public required LocalizedText Question { get; init; }

    public required LocalizedText Guidance { get; init; }

    /// <summary>A mandatory item answered "not satisfied" fails the sign-off.</summary>
    public required bool Mandatory { get; init; }

    public required LocalizedText Evidence { get; init; }

    public ChecklistMappings Mappings { get; init; } = new();
}

/// <summary>
/// One published version of a checklist. A version never changes once published; a change is a new
/// definition with the next version number.
/// </summary>
public sealed class ChecklistDefinition
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public required LocalizedText Title { get; init; }

    public required LocalizedText Description { get; init; }

    public required IReadOnlyList<ChecklistCategory> Categories { get; init; }

    public required IReadOnlyList<ChecklistItem> Items { get; init; }

    /// <summary>Present only for self-assessments that add up to a score.</summary>
    public SelfCheckScoring? Scoring { get; init; }
}
