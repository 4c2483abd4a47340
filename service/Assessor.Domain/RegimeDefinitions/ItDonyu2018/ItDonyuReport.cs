using System.Text.Json.Serialization;
using Assessor.Domain.RegimeDefinitions.Subsidies;
using Assessor.Domain.Reports;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary>
/// The IT introduction subsidy's report as data: the JSON report is this record serialised, and the HTML and Markdown
/// reports (templates in <c>reports/it-donyu-2018/</c>) are rendered from that same JSON.
/// </summary>
public sealed record ItDonyuReport : IRegimeReport
{
    public const string SchemaId = "https://assessor.example/reports/it-donyu-2018/v1";

    public string Schema { get; init; } = SchemaId;

    /// <summary>False on every report of a plan not (yet) certified: those are drafts and say so.</summary>
    public required bool Certified { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required ReportPlan Plan { get; init; }

    /// <summary>The plan document exactly as the revision holds it.</summary>
    public required ItDonyuPlan Document { get; init; }

    public required GrantAssessment Assessment { get; init; }

    /// <summary>How the grant was computed: eligible cost × rate before the cap, the floor, the cap and the amount.</summary>
    public required GrantAmountFigures GrantComputation { get; init; }

    /// <summary>Every tool with what it adds to the eligible cost, or why it is excluded.</summary>
    public required IReadOnlyList<ReportTool> Tools { get; init; }

    /// <summary>Every bonus item of the regime and whether the plan claims it.</summary>
    public required IReadOnlyList<ReportBonus> Bonus { get; init; }

    /// <summary>The applicant's self-check on the revision; null when there is none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required ReportSelfCheck? SelfCheck { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required ReportDecision? Decision { get; init; }

    /// <summary>Builds the report; tool lines are read off the <c>tools</c> requirement's own figures.</summary>
    public static ItDonyuReport Create(ItDonyuPlan document, GrantAssessment assessment, ItDonyuRegime regime, RegimeReportInput input)
    {
        var lines = assessment.Requirements.Select(r => r.Figures).OfType<ToolsFigures>().FirstOrDefault()?.Tools.ToDictionary(l => l.Id) ?? [];
        return new ItDonyuReport
        {
            Certified = input.Certified,
            GeneratedAt = input.GeneratedAt,
            Plan = input.Plan,
            Document = document,
            Assessment = assessment,
            GrantComputation = assessment.Requirements.Select(r => r.Figures).OfType<GrantAmountFigures>().FirstOrDefault()
                ?? new GrantAmountFigures(assessment.Grant.EligibleCost, assessment.Grant.Rate, GrantCalculator.BeforeCap(assessment.Grant.EligibleCost, regime),
                    assessment.Grant.Floor, assessment.Grant.Cap, assessment.Grant.Amount),
            Tools = [.. document.Tools.Select(t => lines.GetValueOrDefault(t.Id) is { } line
                ? new ReportTool(t.Id, t.Category, t.Name, t.VendorId, t.ToolId, t.Cost, line.Months, line.MonthsCounted, t.ContractedOn, line.Counted, line.ExcludedBecause)
                : new ReportTool(t.Id, t.Category, t.Name, t.VendorId, t.ToolId, t.Cost, t.Months, null, t.ContractedOn, 0, null))],
            Bonus = [.. regime.Bonus.Select(b => new ReportBonus(b.Item.Id, b.Item.Ja, b.Item.En, assessment.Bonus.Contains(b.Item.Id)))],
            SelfCheck = (input.Attestation as SelfCheckReportAttestation)?.SelfCheck,
            Decision = input.Decision,
        };
    }
}

/// <summary>A tool as the report lists it: as given, and how the grant counts it.</summary>
public sealed record ReportTool(
    string Id, ToolCategory Category, string Name, string? VendorId, string? ToolId, long Cost, int? Months, int? MonthsCounted, DateOnly? ContractedOn,
    long Counted, string? ExcludedBecause);

/// <summary>A bonus item of the regime and whether the plan claims it.</summary>
public sealed record ReportBonus(string Id, string Ja, string En, bool Claimed);
