using System.Reflection;
using System.Text.RegularExpressions;

using Assessor.Domain.Assessments;

namespace Assessor.Domain.Tests;

/// <summary>docs/assessment-codes.md documents exactly the codes the engine can emit.</summary>
public partial class ReasonCodesTests
{
    private static readonly string[] Codes = [.. typeof(ReasonCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];

    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedCode();

    [Fact]
    public void Every_code_is_kebab_case_and_unique()
    {
        Assert.All(Codes, code => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", code));
        Assert.Equal(Codes.Length, Codes.Distinct().Count());
    }

    [Fact]
    public void The_doc_lists_every_code_and_no_other()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "assessment-codes.md"));

        var section = doc[doc.IndexOf("## Reason codes", StringComparison.Ordinal)..];

        var documented = DocumentedCode().Matches(section).Select(m => m.Groups[1].Value);

        Assert.Equal(Codes.Order(), documented.Order());
    }
}
