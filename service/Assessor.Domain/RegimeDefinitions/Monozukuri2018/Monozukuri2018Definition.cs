using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.Reports;

namespace Assessor.Domain.RegimeDefinitions.Monozukuri2018;

/// <summary>
/// The Monozukuri subsidy (<c>monozukuri-2018</c>) as a regime: its document is <see cref="MonozukuriPlan"/>, owned by one company
/// or a consortium of 2 to 10, its figures <see cref="MonozukuriRegime.Of2018"/>, its outcome a grant per participant and in
/// total, and a certified support organisation confirms it. Its report templates are in <c>reports/monozukuri-2018/</c>.
/// </summary>
public sealed class Monozukuri2018Definition(MonozukuriRegime regime) : RegimeDefinition<MonozukuriPlan, MonozukuriAssessment>
{
    public static Monozukuri2018Definition Instance { get; } = new(MonozukuriRegime.Of2018);

    public MonozukuriRegime Figures => regime;

    public override string Id => regime.Id;

    public override string NameJa => "ものづくり・商業・サービス経営力向上支援補助金（ものづくり補助金）";

    public override string NameEn => "Monozukuri subsidy, 2018";

    public override OutcomeKind Outcome => OutcomeKind.Grant;

    public override AttestationRequirement Attestation => regime.Attestation;

    public override IReadOnlyList<RegimeWindow> Windows => [.. regime.Rounds.Select(r => new RegimeWindow($"round-{r.Number}", r.Opens, r.Closes))];

    public override IReadOnlyList<string> Requirements => MonozukuriAssessor.RequirementIds;

    public override IReadOnlyList<BonusItem> Bonus => regime.Bonus;

    public override string ReportTemplates => regime.Id;

    public override Type ReportType => typeof(MonozukuriReport);

    public override string ReportSchemaId => MonozukuriReport.SchemaId;

    public override IReadOnlyList<Type> FiguresTypes { get; } = [.. FiguresBeside(typeof(ParticipantRules)), typeof(ParticipantGrant)];

    public override MonozukuriAssessment Assess(MonozukuriPlan document, AttestationEvidence evidence) =>
        MonozukuriAssessor.Assess(document, regime, evidence as ConsortiumEvidence ?? ConsortiumEvidence.Nothing);

    protected override IReadOnlyList<ValidationError> Validate(MonozukuriPlan document) => MonozukuriValidator.Validate(document);

    /// <summary>The lead applies: its corporate number is the one the uploading key must be bound to (the first participant when no single lead is marked).</summary>
    protected override PlanSummary Summarise(MonozukuriPlan document)
    {
        var lead = document.Participants.FirstOrDefault(p => p.IsLead) ?? document.Participants[0];
        // The support organisation named is the attestor: it alone sees the submitted plan and may confirm it.
        var organisation = document.SupportOrganisation?.RegistrationNumber is { } number ? Identifiers.Normalize(number) : null;
        return new(document.Regime, document.Title, lead.CorporateNumber, lead.Name, organisation)
        {
            Industry = lead.Industry.ToWire(),
            OtherParticipants = [.. document.Participants.Select(p => p.CorporateNumber).Where(n => n != lead.CorporateNumber).Distinct()],
        };
    }

    protected override IRegimeReport CreateReport(MonozukuriPlan document, MonozukuriAssessment assessment, RegimeReportInput input) =>
        MonozukuriReport.Create(document, assessment, regime, input);
}
