using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.Reports;

namespace Assessor.Domain.RegimeDefinitions.ConnectedIndustries2018;

/// <summary>
/// The Connected Industries tax (<c>connected-industries-2018</c>) as a regime: its document is <see cref="PlanDocument"/>
/// (read by <see cref="PlanJson"/>, checked by <see cref="PlanValidator"/>), its rules and figures are
/// <see cref="Regimes.ConnectedIndustries2018"/>, its outcome the tax benefit, and a registered specialist signs off its
/// security. The templates are the top of the templates folder. Everything here delegates to that code as it was.
/// </summary>
public sealed class ConnectedIndustries2018Definition(Regime regime) : RegimeDefinition<PlanDocument, Assessment>
{
    public static ConnectedIndustries2018Definition Instance { get; } = new(Regimes.ConnectedIndustries2018);

    public override string Id => regime.Id;

    public override string NameJa => "コネクテッド・インダストリーズ税制";

    public override string NameEn => "Connected Industries tax, 2018";

    public override OutcomeKind Outcome => OutcomeKind.TaxBenefit;

    public override AttestationRequirement Attestation { get; } = new(AttestationKind.SpecialistSignoff, RequirementIds.Security, Checklist: null)
    {
        Attestors = AttestationRequirement.SecurityExperts,
    };

    /// <summary>One window: assets acquired and put into service in it qualify, and a plan must start by its end.</summary>
    public override IReadOnlyList<RegimeWindow> Windows => [new("investment", regime.WindowStart, regime.WindowEnd)];

    public override IReadOnlyList<string> Requirements => [.. regime.Rules.Select(r => r.Id)];

    public override string ReportTemplates => "";

    public override Type ReportType => typeof(CertificationReport);

    public override string ReportSchemaId => CertificationReport.SchemaId;

    public override IReadOnlyList<Type> FiguresTypes { get; } = FiguresBeside(typeof(RequirementResult));

    public override Assessment Assess(PlanDocument document, AttestationEvidence evidence) =>
        PlanAssessor.Assess(document, regime, evidence is SignoffEvidence signoff ? signoff.Security : SecurityStatus.Pending);

    protected override IReadOnlyList<ValidationError> Validate(PlanDocument document) => PlanValidator.Validate(document);

    /// <summary>The registry keeps registration numbers normalised: a full-width or padded number in a plan still names its specialist.</summary>
    protected override PlanSummary Summarise(PlanDocument document) => new(
        document.Regime, document.Title, document.Applicant.CorporateNumber, document.Applicant.Name,
        document.SecurityExpert?.RegistrationNumber is { } number ? Identifiers.Normalize(number) : null)
    {
        Industry = string.IsNullOrWhiteSpace(document.Applicant.Industry) ? null : document.Applicant.Industry.Trim(),
        ApplicantIsSme = document.Applicant.IsSme,
    };

    protected override IRegimeReport CreateReport(PlanDocument document, Assessment assessment, RegimeReportInput input) =>
        CertificationReports.Create(input.Plan, document, assessment, (input.Attestation as SignoffReportAttestation)?.Security, input.Decision,
            input.Certified, input.GeneratedAt) with
        { History = input.History, LogIndex = input.LogIndex, Certificate = input.Certificate };
}
