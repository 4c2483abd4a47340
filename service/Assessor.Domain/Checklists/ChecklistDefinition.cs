namespace Assessor.Domain.Checklists;

/// <summary>Every text a specialist or applicant reads exists in Japanese first and English alongside.</summary>
public sealed class LocalizedText
{
    /// <summary>The text in Japanese.</summary>
    public required string Ja { get; init; }

    /// <summary>The same text in English.</summary>
    public required string En { get; init; }
}

/// <summary>A group of items, declared in the file so that items can only name categories that exist.</summary>
public sealed class ChecklistCategory
{
    /// <summary>The category's id within the checklist (e.g. <c>governance</c>); items name it in <c>category</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The category's title in Japanese and English.</summary>
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

/// <summary>One question of a checklist, with what a specialist should look at and what evidence to expect.</summary>
public sealed class ChecklistItem
{
    /// <summary>The item's id, unique within the checklist; answers are given per item id.</summary>
    public required string Id { get; init; }

    /// <summary>The <c>id</c> of the category the item belongs to.</summary>
    public required string Category { get; init; }

    /// <summary>The question the specialist answers, in Japanese and English.</summary>
    public required LocalizedText Question { get; init; }

    /// <summary>How to judge the answer: what to check and what a satisfying measure looks like.</summary>
    public required LocalizedText Guidance { get; init; }

    /// <summary>
    /// True for a mandatory item: a run cannot be signed off until every mandatory item is answered, and a mandatory
    /// item answered <c>not-satisfied</c> makes the verdict (and the <c>security</c> requirement) fail.
    /// </summary>
    public required bool Mandatory { get; init; }

    /// <summary>The evidence a specialist is expected to see (documents, settings, logs), in Japanese and English.</summary>
    public required LocalizedText Evidence { get; init; }

    /// <summary>Where the item comes from in public frameworks; each list may be empty.</summary>
    public ChecklistMappings Mappings { get; init; } = new();
}

/// <summary>
/// One published version of a checklist. A version never changes once published; a change is a new
/// definition with the next version number.
/// </summary>
public sealed class ChecklistDefinition
{
    /// <summary>The checklist's id (e.g. <c>ci-tax-security</c>); a checklist run names it with <c>version</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The version number, from 1; a published version never changes.</summary>
    public required int Version { get; init; }

    /// <summary>The checklist's title in Japanese and English.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>What the checklist is for and when to use it, in Japanese and English.</summary>
    public required LocalizedText Description { get; init; }

    /// <summary>The categories the items are grouped in.</summary>
    public required IReadOnlyList<ChecklistCategory> Categories { get; init; }

    /// <summary>The items, in checklist order (the order of answers in a signed statement).</summary>
    public required IReadOnlyList<ChecklistItem> Items { get; init; }

    /// <summary>Present only for self-assessments that add up to a score.</summary>
    public SelfCheckScoring? Scoring { get; init; }
}
