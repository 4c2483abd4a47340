using System.Diagnostics.CodeAnalysis;

namespace Assessor.Domain.Checklists;

/// <summary>The published checklists, looked up by id and version.</summary>
public sealed class ChecklistCatalog
{
    private readonly Dictionary<(string Id, int Version), ChecklistDefinition> byKey = [];

    public ChecklistCatalog(IEnumerable<ChecklistDefinition> definitions)
    {
        var all = new List<ChecklistDefinition>();
        foreach (var definition in definitions)
        {
            // Two files claiming one version would make an attestation ambiguous about what was answered.
            if (!byKey.TryAdd((definition.Id, definition.Version), definition))
            {
                throw new ArgumentException(
                    $"Checklist '{definition.Id}' version {definition.Version} is defined more than once.",
                    nameof(definitions));
            }

            all.Add(definition);
        }

        All = all;
    }

    public IReadOnlyList<ChecklistDefinition> All { get; }

    public bool TryGet(string id, int version, [MaybeNullWhen(false)] out ChecklistDefinition definition) =>
        byKey.TryGetValue((id, version), out definition);
}
