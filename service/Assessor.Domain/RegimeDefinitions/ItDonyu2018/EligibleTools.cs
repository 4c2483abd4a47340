using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary>One tool as the grant counts it: either its counted amount or the code it is excluded with.</summary>
/// <param name="Id">The tool's id.</param>
/// <param name="Category">The tool's category.</param>
/// <param name="Cost">The tool's cost as given.</param>
/// <param name="Counted">The amount it adds to the eligible cost; 0 when excluded.</param>
/// <param name="Months">For <c>cloud</c>: the months its cost covers (12 when not given); null for other categories.</param>
/// <param name="MonthsCounted">For <c>cloud</c>: the months counted, at most 12; null for other categories.</param>
/// <param name="ExcludedBecause">The code of the first exclusion that applies; null when the tool counts.</param>
public sealed record ToolLine(string Id, ToolCategory Category, long Cost, long Counted, int? Months, int? MonthsCounted, string? ExcludedBecause);

/// <summary>
/// The tools that count toward the grant and how much each adds. Exclusions are checked in this order and the first that
/// applies is the reason: a never-eligible category (hardware, lease), a tool that names no registered vendor or tool id, a
/// contract made before the round's grant decision. A cloud service counts its first 12 months, cost × min(months, 12) ÷
/// months truncated to whole yen; every other eligible category counts in full.
/// </summary>
public sealed record EligibleTools(IReadOnlyList<ToolLine> Lines, long EligibleCost, IReadOnlyList<ExcludedItem> Excluded, bool HasBase, IReadOnlyList<Reason> Notes)
{
    public static EligibleTools Compute(ItDonyuPlan plan, ItDonyuRegime regime)
    {
        var round = regime.Round(plan.Round);
        var lines = new List<ToolLine>();
        var notes = new List<Reason>();
        foreach (var tool in plan.Tools)
        {
            var code = ExclusionOf(tool, regime, round);
            int? months = null;
            int? monthsCounted = null;
            long counted = 0;
            if (code is null)
            {
                if (tool.Category == ToolCategory.Cloud)
                {
                    months = tool.Months ?? regime.CloudMonthsDefault;
                    monthsCounted = Math.Min(months.Value, regime.CloudMonthsCounted);
                    counted = (long)(Fraction.Of(tool.Cost) * new Fraction(monthsCounted.Value, months.Value)).Floor();
                    if (monthsCounted < months)
                    {
                        notes.Add(ItDonyuReasons.CloudMonthsCapped(tool, months.Value, monthsCounted.Value, counted));
                    }
                }
                else
                {
                    counted = tool.Cost;
                }
            }
            else
            {
                notes.Add(ItDonyuReasons.Excluded(tool, code, round));
            }

            lines.Add(new ToolLine(tool.Id, tool.Category, tool.Cost, counted, months, monthsCounted, code));
        }

        return new EligibleTools(
            lines,
            lines.Sum(l => l.Counted),
            [.. lines.Where(l => l.ExcludedBecause is not null).Select(l => new ExcludedItem(l.Id, l.ExcludedBecause!))],
            lines.Any(l => l.ExcludedBecause is null && regime.BaseCategories.Contains(l.Category)),
            notes);
    }

    /// <summary>The first exclusion that applies to <paramref name="tool"/>, or null when it counts.</summary>
    public static string? ExclusionOf(ItTool tool, ItDonyuRegime regime, ApplicationRound? round)
    {
        if (regime.ExcludedCategories.FirstOrDefault(e => e.Category == tool.Category) is { } excluded)
        {
            return excluded.Code;
        }

        if (string.IsNullOrWhiteSpace(tool.VendorId) || string.IsNullOrWhiteSpace(tool.ToolId))
        {
            return ItDonyuCodes.ToolNotRegistered;
        }

        // Without a known round there is no decision date to compare with; the window requirement fails such a plan.
        return tool.ContractedOn is { } contracted && round is not null && contracted < round.GrantDecidedOn
            ? ItDonyuCodes.ContractedBeforeDecision
            : null;
    }
}

/// <summary><c>tools</c>: the eligible base holds at least one software or cloud item. Every exclusion is listed with its reason.</summary>
public sealed class ToolsRule : IItDonyuRule
{
    public string Id => ItDonyuRequirements.Tools;

    public RequirementResult Evaluate(ItDonyuContext context)
    {
        var tools = context.Tools;
        List<Reason> reasons = [tools.HasBase ? ItDonyuReasons.ToolsBaseMet(tools.EligibleCost) : ItDonyuReasons.NoSoftwareOrCloud(), .. tools.Notes];
        return RequirementResult.Decide(Id, tools.HasBase, reasons, new ToolsFigures(tools.EligibleCost, tools.Lines, tools.Excluded));
    }
}

/// <summary>The figures of <c>tools</c>: the eligible cost, every tool's line, and the excluded ones with their codes.</summary>
/// <param name="EligibleCost">The eligible cost in yen: what every counted tool adds.</param>
/// <param name="Tools">Every tool of the plan, in order, with what it adds or why it is excluded.</param>
/// <param name="Excluded">The excluded tools with the code of the first exclusion that applies.</param>
public sealed record ToolsFigures(long EligibleCost, IReadOnlyList<ToolLine> Tools, IReadOnlyList<ExcludedItem> Excluded);
