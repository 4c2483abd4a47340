using System.Reflection;
using System.Text.RegularExpressions;

namespace Assessor.Domain.Tests;

/// <summary>A regime's page under docs/regimes/ documents exactly the codes and requirements the regime emits.</summary>
/// <param name="page">The page's file name, e.g. <c>it-donyu-2018.md</c>.</param>
/// <param name="codes">The static class whose string constants are the regime's reason codes.</param>
/// <param name="requirements">The requirement ids in the order the assessment reports them.</param>
public abstract partial class RegimeCodeDocs(string page, Type codes, IEnumerable<string> requirements)
{
    private string[] Codes => [.. codes
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];

    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedCode();

    private string Doc() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "regimes", page));

    [Fact]
    public void Every_code_is_kebab_case_and_unique()
    {
        Assert.All(Codes, code => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", code));
        Assert.Equal(Codes.Length, Codes.Distinct().Count());
    }

    [Fact]
    public void The_doc_lists_every_code_and_no_other()
    {
        var doc = Doc();
        var section = doc[doc.IndexOf("## Reason codes", StringComparison.Ordinal)..];

        Assert.Equal(Codes.Order(), DocumentedCode().Matches(section).Select(m => m.Groups[1].Value).Order());
    }

    [Fact]
    public void The_doc_lists_every_requirement_in_order()
    {
        var doc = Doc();
        var section = doc[doc.IndexOf("## Requirements", StringComparison.Ordinal)..doc.IndexOf("## Reason codes", StringComparison.Ordinal)];
        var table = section[..section.IndexOf("\n\n", section.IndexOf("| ---", StringComparison.Ordinal), StringComparison.Ordinal)];

        Assert.Equal(requirements, DocumentedCode().Matches(table).Select(m => m.Groups[1].Value));
    }
}
