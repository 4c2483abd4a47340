using System.Text.Json.Serialization;
using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;
using Assessor.Domain.Reports;

namespace Assessor.Domain.RegimeDefinitions;

/// <summary>What a regime's plans come out as.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutcomeKind>))]
public enum OutcomeKind
{
    /// <summary>A tax benefit (special depreciation or tax credit): the assessment's <c>taxBenefit</c>.</summary>
    [JsonStringEnumMemberName("taxBenefit")] TaxBenefit,

    /// <summary>A grant of money (a subsidy): the assessment's <c>grant</c> and <c>bonus</c>.</summary>
    [JsonStringEnumMemberName("grant")] Grant,
}

/// <summary>A period a regime takes applications or investments in, by the regime's own calendar.</summary>
/// <param name="Id">The window's id within the regime, e.g. <c>round-2</c>.</param>
/// <param name="Opens">The first day of the window, included.</param>
/// <param name="Closes">The last day of the window, included.</param>
/// <param name="DecidedOn">The day the grants of this window are decided (交付決定日), for a subsidy; null otherwise.</param>
public sealed record RegimeWindow(string Id, DateOnly Opens, DateOnly Closes, DateOnly? DecidedOn = null);

/// <summary>An item that earns a plan priority in a subsidy's selection (加点項目).</summary>
/// <param name="Id">The item's stable id as the assessment's <c>bonus</c> lists it.</param>
/// <param name="Ja">What the item is, in Japanese.</param>
/// <param name="En">What the item is, in English.</param>
public sealed record BonusItem(string Id, string Ja, string En);

/// <summary>What the procedure needs to know of any plan document, whatever its regime.</summary>
/// <param name="Regime">The regime the document names.</param>
/// <param name="Title">The plan's title.</param>
/// <param name="ApplicantCorporateNumber">The applying company's corporate number; an applicant key is bound to it.</param>
/// <param name="ApplicantName">The applying company's name.</param>
/// <param name="SpecialistRegistrationNumber">
/// The registration number of the specialist the plan names to attest it, for a regime whose attestation is a specialist
/// sign-off; null otherwise (no specialist ever sees such a plan).
/// </param>
public sealed record PlanSummary(string Regime, string Title, string ApplicantCorporateNumber, string ApplicantName, string? SpecialistRegistrationNumber)
{
    /// <summary>The applicant's industry as the document gives it (its wire name), which picks the certificate's issuing authority; null when not given.</summary>
    public string? Industry { get; init; }

    /// <summary>Whether the applicant says it is an SME, for a regime whose attestors depend on it (an IT Coordinator attests SMEs only); null otherwise.</summary>
    public bool? ApplicantIsSme { get; init; }

    /// <summary>
    /// The corporate numbers of the companies that own the plan together with the applicant (a consortium's other
    /// participants): each may read the plan, only the applicant (the lead) may change it, and an attestor may be none of
    /// them. Empty for a single company.
    /// </summary>
    public IReadOnlyList<string> OtherParticipants { get; init; } = [];
}

/// <summary>A plan document read under its regime: the regime's own document record and the summary the procedure keeps.</summary>
public sealed record RegimeDocument(IRegimeDefinition Regime, object Document, PlanSummary Summary);

/// <summary>
/// One regime: its document, the rules it assesses the document by, its outcome, the attestation it needs and its report.
/// A regime is a folder under <c>Regimes/</c> implementing this, its templates under <c>reports/</c>, and one line in
/// <see cref="RegimeRegistry"/>; the service's plans, assessments, attestations, decisions and reports work on this
/// interface only.
/// </summary>
public interface IRegimeDefinition
{
    /// <summary>The regime's id as a plan's <c>regime</c> names it, e.g. <c>it-donyu-2018</c>.</summary>
    string Id { get; }

    /// <summary>The regime's name in Japanese.</summary>
    string NameJa { get; }

    /// <summary>The regime's name in English.</summary>
    string NameEn { get; }

    /// <summary>The name as reports print it: Japanese, then English in brackets.</summary>
    string Name { get; }

    OutcomeKind Outcome { get; }

    AttestationRequirement Attestation { get; }

    /// <summary>The periods the regime is open in; a plan is judged against them, never against today's date.</summary>
    IReadOnlyList<RegimeWindow> Windows { get; }

    /// <summary>The ids of the requirements the assessment reports, in its order.</summary>
    IReadOnlyList<string> Requirements { get; }

    /// <summary>The items that may appear in the assessment's <c>bonus</c>, in its order (none for a tax).</summary>
    IReadOnlyList<BonusItem> Bonus { get; }

    /// <summary>
    /// The folder of the regime's report templates inside the service's templates folder (<c>""</c>: the folder itself),
    /// holding <c>certification.html.sbn</c> and <c>certification.md.sbn</c>.
    /// </summary>
    string ReportTemplates { get; }

    /// <summary>The document record a plan of this regime is read into (for its JSON Schema).</summary>
    Type DocumentType { get; }

    /// <summary>The record the assessment comes out as (for its JSON Schema).</summary>
    Type AssessmentType { get; }

    /// <summary>The record the JSON report is (for its JSON Schema).</summary>
    Type ReportType { get; }

    /// <summary>The URI the JSON report names in its <c>schema</c> member, which tells the regimes' reports apart.</summary>
    string ReportSchemaId { get; }

    /// <summary>The records the requirements' <c>figures</c> are, one or more per rule (for their JSON Schemas).</summary>
    IReadOnlyList<Type> FiguresTypes { get; }

    /// <summary>Parses and structurally validates a plan document; null with every error (by JSON path) when it is not one.</summary>
    RegimeDocument? Read(ReadOnlySpan<byte> utf8, out IReadOnlyList<ValidationError> errors);

    /// <summary>
    /// Parses a stored revision, which passed <see cref="Read"/> when it was uploaded. It is not validated again: a stricter
    /// validation later must not make a stored plan unreadable.
    /// </summary>
    /// <exception cref="InvalidOperationException">The bytes no longer parse as this regime's document.</exception>
    RegimeDocument Load(ReadOnlySpan<byte> utf8);

    /// <summary>Assesses a document this regime read, with the attestation on record for its revision.</summary>
    IRegimeAssessment Assess(RegimeDocument document, AttestationEvidence evidence);

    /// <summary>The report record (the JSON report) of an assessed document.</summary>
    IRegimeReport CreateReport(RegimeReportInput input);
}

/// <summary>A regime over its own document and assessment records: the typed side of <see cref="IRegimeDefinition"/>.</summary>
public abstract class RegimeDefinition<TDocument, TAssessment> : IRegimeDefinition
    where TDocument : class
    where TAssessment : IRegimeAssessment
{
    public abstract string Id { get; }

    public abstract string NameJa { get; }

    public abstract string NameEn { get; }

    public string Name => $"{NameJa} ({NameEn})";

    public abstract OutcomeKind Outcome { get; }

    public abstract AttestationRequirement Attestation { get; }

    public abstract IReadOnlyList<RegimeWindow> Windows { get; }

    public abstract IReadOnlyList<string> Requirements { get; }

    public virtual IReadOnlyList<BonusItem> Bonus => [];

    public abstract string ReportTemplates { get; }

    public Type DocumentType => typeof(TDocument);

    public Type AssessmentType => typeof(TAssessment);

    public abstract Type ReportType { get; }

    public abstract string ReportSchemaId { get; }

    /// <summary>The public records named <c>…Figures</c> in the namespace of the regime's rules.</summary>
    public abstract IReadOnlyList<Type> FiguresTypes { get; }

    /// <summary>The public records named <c>…Figures</c> in the namespace of <paramref name="rule"/>.</summary>
    protected static IReadOnlyList<Type> FiguresBeside(Type rule) =>
    [
        .. rule.Assembly.GetExportedTypes()
            .Where(t => t.Namespace == rule.Namespace && t.Name.EndsWith("Figures", StringComparison.Ordinal) && t.IsSealed)
            .OrderBy(t => t.Name, StringComparer.Ordinal),
    ];

    public RegimeDocument? Read(ReadOnlySpan<byte> utf8, out IReadOnlyList<ValidationError> errors)
    {
        var document = Deserialize(utf8, out var parseErrors);
        errors = document is null ? parseErrors : Validate(document);
        return document is null || errors.Count > 0 ? null : new RegimeDocument(this, document, Summarise(document));
    }

    public RegimeDocument Load(ReadOnlySpan<byte> utf8)
    {
        var document = Deserialize(utf8, out var errors)
            ?? throw new InvalidOperationException($"A stored {Id} revision no longer parses: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}"))}");
        return new RegimeDocument(this, document, Summarise(document));
    }

    public IRegimeAssessment Assess(RegimeDocument document, AttestationEvidence evidence) => Assess(Typed(document), evidence);

    public IRegimeReport CreateReport(RegimeReportInput input) => CreateReport(Typed(input.Document), (TAssessment)input.Assessment, input);

    /// <summary>Parses the bytes in the API's JSON dialect; null with every shape problem when they are not this regime's document.</summary>
    protected virtual TDocument? Deserialize(ReadOnlySpan<byte> utf8, out IReadOnlyList<ValidationError> errors) => PlanJson.Parse<TDocument>(utf8, out errors);

    /// <summary>Every structural problem of a parsed document, by JSON path; empty when it is well formed.</summary>
    protected abstract IReadOnlyList<ValidationError> Validate(TDocument document);

    protected abstract PlanSummary Summarise(TDocument document);

    public abstract TAssessment Assess(TDocument document, AttestationEvidence evidence);

    protected abstract IRegimeReport CreateReport(TDocument document, TAssessment assessment, RegimeReportInput input);

    private TDocument Typed(RegimeDocument document) =>
        document.Regime == this && document.Document is TDocument typed
            ? typed
            : throw new ArgumentException($"The document was not read by regime {Id}.", nameof(document));
}

/// <summary>What the service knows of a plan when it builds its report.</summary>
/// <param name="Plan">The plan, revision and regime the report is about.</param>
/// <param name="Document">The revision's document, as its regime read it.</param>
/// <param name="Assessment">The revision's assessment.</param>
/// <param name="Attestation">The attestation on record for the revision, when there is one.</param>
/// <param name="Decision">The latest decision, when there is one.</param>
/// <param name="Certified">True only for the report stored at certification.</param>
/// <param name="GeneratedAt">The time the report states it was made.</param>
/// <param name="History">The plan's history from the audit log, compacted, oldest first.</param>
/// <param name="LogIndex">The log index of the certification that stores the report; null on drafts.</param>
public sealed record RegimeReportInput(
    ReportPlan Plan, RegimeDocument Document, IRegimeAssessment Assessment, ReportAttestation? Attestation, ReportDecision? Decision,
    bool Certified, DateTimeOffset GeneratedAt, IReadOnlyList<ReportHistoryEntry> History, long? LogIndex)
{
    /// <summary>The certificate (認定書) the report opens with: its number once certified, the issuing authority, the legal basis.</summary>
    public ReportCertificate? Certificate { get; init; }
}
