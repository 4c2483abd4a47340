using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions.Subsidies;
using Assessor.Domain.Reports;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary>
/// The IT introduction subsidy (<c>it-donyu-2018</c>) as a regime: its document is <see cref="ItDonyuPlan"/>, its figures
/// <see cref="ItDonyuRegime.Of2018"/>, its rules <see cref="ItDonyuAssessor.Rules"/>, its outcome a grant, and a ★★
/// declaration needs the applicant's own self-check. Its report templates are in <c>reports/it-donyu-2018/</c>.
/// </summary>
public sealed class ItDonyu2018Definition(ItDonyuRegime regime) : RegimeDefinition<ItDonyuPlan, GrantAssessment>
{
    public static ItDonyu2018Definition Instance { get; } = new(ItDonyuRegime.Of2018);

    public ItDonyuRegime Figures => regime;

    public override string Id => regime.Id;

    public override string NameJa => "サービス等生産性向上IT導入支援事業（IT導入補助金）";

    public override string NameEn => "IT introduction subsidy, 2018";

    public override OutcomeKind Outcome => OutcomeKind.Grant;

    public override AttestationRequirement Attestation => new(AttestationKind.ApplicantSelfCheck, ItDonyuRequirements.SecurityAction, regime.SelfCheck);

    public override IReadOnlyList<RegimeWindow> Windows =>
        [.. regime.Rounds.Select(r => new RegimeWindow($"round-{r.Number}", r.Opens, r.Closes, r.GrantDecidedOn))];

    public override IReadOnlyList<string> Requirements => [.. ItDonyuAssessor.Rules.Select(r => r.Id)];

    public override IReadOnlyList<BonusItem> Bonus => [.. regime.Bonus.Select(b => b.Item)];

    public override string ReportTemplates => regime.Id;

    public override Type ReportType => typeof(ItDonyuReport);

    public override string ReportSchemaId => ItDonyuReport.SchemaId;

    public override IReadOnlyList<Type> FiguresTypes { get; } = FiguresBeside(typeof(SmeRule));

    public override GrantAssessment Assess(ItDonyuPlan document, AttestationEvidence evidence) =>
        ItDonyuAssessor.Assess(document, regime, evidence is SelfCheckEvidence selfCheck ? selfCheck.Result : null);

    protected override IReadOnlyList<ValidationError> Validate(ItDonyuPlan document) => ItDonyuValidator.Validate(document);

    protected override PlanSummary Summarise(ItDonyuPlan document) =>
        new(document.Regime, document.Title, document.Applicant.CorporateNumber, document.Applicant.Name, SpecialistRegistrationNumber: null)
        {
            Industry = document.Applicant.Industry.ToWire(),
        };

    protected override IRegimeReport CreateReport(ItDonyuPlan document, GrantAssessment assessment, RegimeReportInput input) =>
        ItDonyuReport.Create(document, assessment, regime, input);
}
