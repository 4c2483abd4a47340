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

    /// <summary>A URI naming this report's format and version: <c>https://assessor.example/reports/it-donyu-2018/v1</c>.</summary>
    public string Schema { get; init; } = SchemaId;

    /// <summary>False on every report of a plan not (yet) certified: those are drafts and say so.</summary>
    public required bool Certified { get; init; }

    /// <summary>When the report was rendered (ISO-8601, UTC): the certification time, or a draft's last plan change.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The plan and revision the report is about.</summary>
    public required ReportPlan Plan { get; init; }

    /// <summary>The plan document exactly as the revision holds it.</summary>
    public required ItDonyuPlan Document { get; init; }

    /// <summary>The assessment of that revision.</summary>
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

    /// <summary>The reviewer's latest decision; null before one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required ReportDecision? Decision { get; init; }

    /// <summary>The plan's history from the audit log, oldest first (see <see cref="ReportHistory"/>).</summary>
    public IReadOnlyList<ReportHistoryEntry> History { get; init; } = [];

    /// <summary>The log index of the event that certifies the plan and stores this report; absent on drafts.</summary>
    public long? LogIndex { get; init; }

    /// <summary>The certificate (交付決定通知書) the report opens with; its number is absent on drafts.</summary>
    public ReportCertificate? Certificate { get; init; }

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
            History = input.History,
            LogIndex = input.LogIndex,
            Certificate = input.Certificate,
        };
    }
}

/// <summary>A tool as the report lists it: as given, and how the grant counts it.</summary>
/// <param name="Id">The tool's id in the plan.</param>
/// <param name="Category">The tool's category.</param>
/// <param name="Name">What the tool is.</param>
/// <param name="VendorId">The registered vendor's id; absent when not given.</param>
/// <param name="ToolId">The registered tool's id; absent when not given.</param>
/// <param name="Cost">The tool's cost in yen, as given.</param>
/// <param name="Months">For cloud: the months the cost covers; absent otherwise.</param>
/// <param name="MonthsCounted">For cloud: the months counted, at most 12; absent otherwise.</param>
/// <param name="ContractedOn">When the tool was contracted; absent when not given.</param>
/// <param name="Counted">What it adds to the eligible cost, in yen; 0 when excluded.</param>
/// <param name="ExcludedBecause">The code of the first exclusion that applies; null when it counts.</param>
public sealed record ReportTool(
    string Id, ToolCategory Category, string Name, string? VendorId, string? ToolId, long Cost, int? Months, int? MonthsCounted, DateOnly? ContractedOn,
    long Counted, string? ExcludedBecause);
