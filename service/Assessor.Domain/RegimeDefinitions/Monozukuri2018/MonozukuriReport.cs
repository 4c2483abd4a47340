using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.Subsidies;
using Assessor.Domain.Reports;

namespace Assessor.Domain.RegimeDefinitions.Monozukuri2018;

/// <summary>
/// The Monozukuri subsidy's report as data: the JSON report is this record serialised, and the HTML and Markdown reports
/// (templates in <c>reports/monozukuri-2018/</c>) are rendered from that same JSON. Every participant downloads the same report.
/// </summary>
public sealed record MonozukuriReport : IRegimeReport
{
    public const string SchemaId = "https://assessor.example/reports/monozukuri-2018/v1";

    /// <summary>A URI naming this report's format and version: <c>https://assessor.example/reports/monozukuri-2018/v1</c>.</summary>
    public string Schema { get; init; } = SchemaId;

    /// <summary>False on every report of a plan not (yet) certified: those are drafts and say so.</summary>
    public required bool Certified { get; init; }

    /// <summary>When the report was rendered (ISO-8601, UTC): the certification time, or a draft's last plan change.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The plan and revision the report is about.</summary>
    public required ReportPlan Plan { get; init; }

    /// <summary>The plan document exactly as the revision holds it.</summary>
    public required MonozukuriPlan Document { get; init; }

    /// <summary>The assessment of that revision.</summary>
    public required MonozukuriAssessment Assessment { get; init; }

    /// <summary>The participants, in plan order, with whether each passes every requirement judged for it.</summary>
    public required IReadOnlyList<ReportParticipant> Participants { get; init; }

    /// <summary>The data the participants share, with whether each linkage counts as shared between two of them.</summary>
    public required IReadOnlyList<ReportLinkage> Linkages { get; init; }

    /// <summary>The participants' confirmations of the revision (data-sharing type); absent for other types.</summary>
    public ConsentFigures? Consent { get; init; }

    /// <summary>The support organisation's confirmation record: who is named and whether a signed confirmation is on record.</summary>
    public required SupportOrganisationFigures Confirmation { get; init; }

    /// <summary>
    /// The support organisation's signed confirmation as the service verified it (the same record as the tax's security
    /// sign-off, with the organisation as the signer): certification number, key id, time, verdict, statement digest and every
    /// answer; null until one is on record for the revision.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public ReportSecurity? Signoff { get; init; }

    /// <summary>Every bonus item of the regime and whether the plan earns it.</summary>
    public required IReadOnlyList<ReportBonus> Bonus { get; init; }

    /// <summary>The reviewer's latest decision; null before one.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public required ReportDecision? Decision { get; init; }

    /// <summary>The plan's history from the audit log, oldest first (see <see cref="ReportHistory"/>).</summary>
    public IReadOnlyList<ReportHistoryEntry> History { get; init; } = [];

    /// <summary>The log index of the event that certifies the plan and stores this report; absent on drafts.</summary>
    public long? LogIndex { get; init; }

    /// <summary>The certificate (交付決定通知書) the report opens with, addressed to the lead; its number is absent on drafts.</summary>
    public ReportCertificate? Certificate { get; init; }

    public static MonozukuriReport Create(MonozukuriPlan document, MonozukuriAssessment assessment, MonozukuriRegime regime, RegimeReportInput input)
    {
        var members = document.Participants.Select(p => p.CorporateNumber).ToHashSet(StringComparer.Ordinal);
        var figures = assessment.Requirements.Select(r => r.Figures);
        return new MonozukuriReport
        {
            Certified = input.Certified,
            GeneratedAt = input.GeneratedAt,
            Plan = input.Plan,
            Document = document,
            Assessment = assessment,
            Participants = [.. document.Participants.Select(p => new ReportParticipant(
                p.CorporateNumber, p.Name, p.IsLead, p.Industry, p.Employees,
                assessment.Requirements.Where(r => r.Participant == p.CorporateNumber).All(r => r.Status == RequirementStatus.Pass)))],
            Linkages = [.. document.SharedData.Select(l => new ReportLinkage(
                l.Id, l.Data, l.FromParticipant, l.ToParticipant, l.Purpose,
                l.FromParticipant != l.ToParticipant && members.Contains(l.FromParticipant) && members.Contains(l.ToParticipant)))],
            Consent = figures.OfType<ConsentFigures>().FirstOrDefault(),
            Confirmation = figures.OfType<SupportOrganisationFigures>().First(),
            Signoff = (input.Attestation as SignoffReportAttestation)?.Security,
            Bonus = [.. regime.Bonus.Select(b => new ReportBonus(b.Id, b.Ja, b.En, assessment.Bonus.Contains(b.Id)))],
            Decision = input.Decision,
            History = input.History,
            LogIndex = input.LogIndex,
            Certificate = input.Certificate,
        };
    }
}

/// <summary>A participant as the report's table lists it.</summary>
/// <param name="CorporateNumber">The participant's corporate number.</param>
/// <param name="Name">Its name.</param>
/// <param name="IsLead">Whether it is the lead.</param>
/// <param name="Industry">Its industry.</param>
/// <param name="Employees">Its regular employees.</param>
/// <param name="Passes">Whether every requirement judged for it passes.</param>
public sealed record ReportParticipant(string CorporateNumber, string Name, bool IsLead, Industry Industry, int Employees, bool Passes);

/// <summary>A data linkage as the report lists it.</summary>
/// <param name="Id">The linkage's id.</param>
/// <param name="Data">What data is shared.</param>
/// <param name="FromParticipant">The providing participant's corporate number.</param>
/// <param name="ToParticipant">The receiving participant's corporate number.</param>
/// <param name="Purpose">What it is shared for; absent when not given.</param>
/// <param name="Counted">Whether it links two different participants of the plan (and so counts for <c>data-sharing</c>).</param>
public sealed record ReportLinkage(string Id, string Data, string FromParticipant, string ToParticipant, string? Purpose, bool Counted);
