using Assessor.Domain.Checklists;

namespace Assessor.Domain.Tests.Checklists;

public class ChecklistCatalogTests
{
    private static ChecklistDefinition Definition(string id, int version) => new()
    {
        Id = id,
        Version = version,
        Title = new() { Ja = "題", En = "Title" },
        Description = new() { Ja = "説明", En = "Description" },
        Categories = [],
        Items = [],
    };

    [Fact]
    public void Finds_a_definition_by_id_and_version()
    {
        var first = Definition("ci-tax-security", 1);
        var second = Definition("ci-tax-security", 2);
        var catalog = new ChecklistCatalog([first, second]);

        Assert.True(catalog.TryGet("ci-tax-security", 2, out var found));
        Assert.Same(second, found);
        Assert.False(catalog.TryGet("ci-tax-security", 3, out _));
        Assert.Equal([first, second], catalog.All);
    }

    [Fact]
    public void Refuses_two_definitions_with_the_same_id_and_version()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new ChecklistCatalog([Definition("ipa-self-check", 1), Definition("ipa-self-check", 1)]));

        Assert.Contains("'ipa-self-check' version 1", error.Message);
    }
}
