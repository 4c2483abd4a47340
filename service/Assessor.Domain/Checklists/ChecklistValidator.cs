using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Assessor.Domain.Checklists;

/// <summary>
/// The rules a well-formed YAML checklist must still meet. Stops at the first problem and points at the
/// object that breaks it (for an item: the line where the item starts).
/// </summary>
internal sealed partial class ChecklistValidator(string fileName, IReadOnlyDictionary<object, Mark> locations)
{
    private const int FirstMetiDirective = 1;
    private const int LastMetiDirective = 10;

    /// <summary>Number of controls in each theme of ISO/IEC 27001:2022 Annex A (A.5 to A.8).</summary>
    private static readonly Dictionary<int, int> IsoControlsPerTheme = new() { [5] = 37, [6] = 8, [7] = 14, [8] = 34 };

    public void Validate(ChecklistDefinition definition)
    {
        if (!Slug().IsMatch(definition.Id))
        {
            Fail(definition, $"Checklist id '{definition.Id}' must be lower-case words joined by '-'.");
        }

        if (definition.Version < 1)
        {
            Fail(definition, $"Version {definition.Version} must be 1 or more.");
        }

        RequireText(definition.Title, "title");
        RequireText(definition.Description, "description");
        var categoryIds = ValidateCategories(definition);
        ValidateItems(definition, categoryIds);
        if (definition.Scoring is { } scoring)
        {
            ValidateScoring(scoring, definition.Items.Count);
        }
    }

    private HashSet<string> ValidateCategories(ChecklistDefinition definition)
    {
        if (definition.Categories.Count == 0)
        {
            Fail(definition, "A checklist needs at least one category.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in definition.Categories)
        {
            if (!Slug().IsMatch(category.Id))
            {
                Fail(category, $"Category id '{category.Id}' must be lower-case words joined by '-'.");
            }

            if (!ids.Add(category.Id))
            {
                Fail(category, $"Category '{category.Id}' is declared twice.");
            }

            RequireText(category.Title, $"category '{category.Id}' title");
        }

        return ids;
    }

    private void ValidateItems(ChecklistDefinition definition, HashSet<string> categoryIds)
    {
        if (definition.Items.Count == 0)
        {
            Fail(definition, "A checklist needs at least one item.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in definition.Items)
        {
            if (!ItemId().IsMatch(item.Id))
            {
                Fail(item, $"Item id '{item.Id}' must be upper-case letters, '-' and two or more digits, like 'GOV-01'.");
            }

            if (!ids.Add(item.Id))
            {
                Fail(item, $"Item id '{item.Id}' is used twice.");
            }

            if (!categoryIds.Contains(item.Category))
            {
                Fail(item, $"Item '{item.Id}' names category '{item.Category}', which is not declared under categories.");
            }

            RequireText(item.Question, $"item '{item.Id}' question");
            RequireText(item.Guidance, $"item '{item.Id}' guidance");
            RequireText(item.Evidence, $"item '{item.Id}' evidence");
            ValidateMappings(item);
        }
    }

    private void ValidateMappings(ChecklistItem item)
    {
        foreach (var directive in item.Mappings.MetiDirectives)
        {
            if (directive is < FirstMetiDirective or > LastMetiDirective)
            {
                Fail(item, $"Item '{item.Id}' maps to METI directive {directive}; the guidelines have directives {FirstMetiDirective} to {LastMetiDirective}.");
            }
        }

        foreach (var subcategory in item.Mappings.NistCsf)
        {
            if (!NistCsfSubcategory().IsMatch(subcategory))
            {
                Fail(item, $"Item '{item.Id}' maps to '{subcategory}', which is not a NIST CSF 2.0 subcategory id like 'PR.AA-01'.");
            }
        }

        foreach (var control in item.Mappings.Iso27001)
        {
            if (!IsIsoAnnexAControl(control))
            {
                Fail(item, $"Item '{item.Id}' maps to '{control}', which is not an ISO/IEC 27001:2022 Annex A control (A.5.1–A.5.37, A.6.1–A.6.8, A.7.1–A.7.14, A.8.1–A.8.34).");
            }
        }
    }

    private static bool IsIsoAnnexAControl(string id)
    {
        var match = IsoAnnexAControl().Match(id);
        if (!match.Success)
        {
            return false;
        }

        var theme = int.Parse(match.Groups["theme"].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups["control"].Value, CultureInfo.InvariantCulture);
        return IsoControlsPerTheme.TryGetValue(theme, out var lastNumber) && number <= lastNumber;
    }

    private void ValidateScoring(SelfCheckScoring scoring, int itemCount)
    {
        var points = scoring.Points;
        if (scoring.Maximum != itemCount * points.Done)
        {
            Fail(scoring, $"Maximum {scoring.Maximum} must equal {itemCount} items × {points.Done} points for 'done'.");
        }

        // Every reachable total must fall in exactly one band, so the bands run without gap or overlap
        // from the total of all worst answers up to the maximum.
        var lowest = itemCount * new[] { points.Done, points.Partly, points.NotDone, points.Unknown, points.NotApplicable }.Min();
        var next = lowest;
        foreach (var band in scoring.Bands)
        {
            if (band.From != next || band.To < band.From)
            {
                Fail(band, $"Band {band.From}..{band.To} must start at {next} and not end before it starts; bands run upwards from {lowest} to {scoring.Maximum} without gaps.");
            }

            RequireText(band.Meaning, $"band {band.From}..{band.To} meaning");
            RequireText(band.SecurityAction, $"band {band.From}..{band.To} securityAction");
            next = band.To + 1;
        }

        if (next != scoring.Maximum + 1)
        {
            Fail(scoring, $"The bands must end at the maximum {scoring.Maximum}.");
        }
    }

    private void RequireText(LocalizedText text, string what)
    {
        if (string.IsNullOrWhiteSpace(text.Ja) || string.IsNullOrWhiteSpace(text.En))
        {
            Fail(text, $"The {what} needs both 'ja' and 'en' text.");
        }
    }

    private void Fail(object located, string reason)
    {
        var mark = locations.TryGetValue(located, out var found) ? found : Mark.Empty;
        throw new ChecklistFormatException(fileName, mark.Line, mark.Column, reason);
    }

    /// <summary>Checklist and category ids: lower-case words joined by '-', safe in URLs and file names.</summary>
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex(@"^[A-Z]+-[0-9]{2,}$")]
    private static partial Regex ItemId();

    [GeneratedRegex(@"^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-[0-9]{2}$")]
    private static partial Regex NistCsfSubcategory();

    [GeneratedRegex(@"^A\.(?<theme>[0-9])\.(?<control>[1-9][0-9]?)$")]
    private static partial Regex IsoAnnexAControl();
}
