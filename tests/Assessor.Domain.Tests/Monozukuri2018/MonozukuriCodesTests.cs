using System.Reflection;
using System.Text.RegularExpressions;
using Assessor.Domain.RegimeDefinitions.Monozukuri2018;

namespace Assessor.Domain.Tests.Monozukuri2018;

/// <summary>docs/regimes/monozukuri-2018.md documents exactly the codes and requirements the regime emits.</summary>
public partial class MonozukuriCodesTests
{
    private static readonly string[] Codes = [.. typeof(MonozukuriCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];

    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedCode();

    private static string Doc() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "regimes", "monozukuri-2018.md"));

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

        Assert.Equal(MonozukuriAssessor.RequirementIds, DocumentedCode().Matches(table).Select(m => m.Groups[1].Value));
    }
}
