using System.Text.Json;
using Assessor.Domain.Checklists;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;

namespace Assessor.Domain.Reports;

/// <summary>
/// What every regime's report has, whatever else it holds: whether it is certified, the plan revision it is about and the
/// decision, and the plan's history from the audit log. The JSON report is the record serialised; HTML and Markdown are
/// rendered from that JSON.
/// </summary>
public interface IRegimeReport
{
    bool Certified { get; }

    ReportPlan Plan { get; }

    ReportDecision? Decision { get; }

    IReadOnlyList<ReportHistoryEntry> History { get; }

    long? LogIndex { get; }

    ReportCertificate? Certificate { get; }
}

/// <summary>
/// The certificate a report opens with (認定書, or the grant's notice): what it takes from outside the plan and its
/// assessment. The number is assigned in the certifying transaction (see docs/certificates.md); the issuing authority and
/// legal basis are read from <c>reports/certificates.json</c> by the plan's regime and the applicant's industry.
/// </summary>
/// <param name="Number">The certificate number, e.g. <c>CI-2026-000001</c>; null on a draft (not yet certified).</param>
/// <param name="TitleJa">The document's title in Japanese, e.g. 認定書.</param>
/// <param name="TitleEn">The document's title in English.</param>
/// <param name="AuthorityId">The issuing authority's id in the data file, e.g. <c>meti</c>.</param>
/// <param name="AuthorityJa">The issuing authority in Japanese, e.g. 経済産業大臣.</param>
/// <param name="AuthorityEn">The issuing authority in English.</param>
/// <param name="AuthorityBasis">
/// Why that authority: <c>industry</c> (the applicant's industry is listed), <c>default</c> (it is not, or not given: the
/// regime's default) or <c>regime</c> (the regime has one issuer whatever the industry).
/// </param>
/// <param name="Industry">The applicant's industry as the plan gives it; null when not given.</param>
/// <param name="MeasureJa">The measure the certificate grants, in Japanese.</param>
/// <param name="MeasureEn">The measure, in English.</param>
/// <param name="LegalBasisJa">The statute it is issued under, in Japanese.</param>
/// <param name="LegalBasisEn">The statute, in English.</param>
/// <param name="SigningKeyId">The id of the service key that signs the certified report; null on a draft.</param>
public sealed record ReportCertificate(
    string? Number,
    string TitleJa,
    string TitleEn,
    string AuthorityId,
    string AuthorityJa,
    string AuthorityEn,
    string AuthorityBasis,
    string? Industry,
    string MeasureJa,
    string MeasureEn,
    string LegalBasisJa,
    string LegalBasisEn,
    string? SigningKeyId);

/// <summary>The attestation a report shows, of the kind the plan's regime needs.</summary>
public abstract record ReportAttestation;

/// <summary>A specialist's sign-off, as the service verified it.</summary>
public sealed record SignoffReportAttestation(ReportSecurity Security) : ReportAttestation;

/// <summary>The applicant's self-check run on the revision.</summary>
public sealed record SelfCheckReportAttestation(ReportSelfCheck SelfCheck) : ReportAttestation;

/// <summary>The applicant's self-check as a report shows it: the checklist, every answer with its points, and the score.</summary>
/// <param name="ChecklistId">The checklist's id.</param>
/// <param name="ChecklistVersion">The checklist's version.</param>
/// <param name="ChecklistTitleJa">The checklist's title in Japanese.</param>
/// <param name="ChecklistTitleEn">The checklist's title in English.</param>
/// <param name="Answered">How many items are answered.</param>
/// <param name="Items">How many items the checklist has.</param>
/// <param name="Score">The total score once every item is answered; null before.</param>
/// <param name="Maximum">The highest possible score.</param>
/// <param name="Band">The band the score falls in; null before the run is complete.</param>
/// <param name="UpdatedAt">When the run was last answered (ISO-8601, UTC).</param>
/// <param name="Answers">Every answered item, in checklist order.</param>
public sealed record ReportSelfCheck(
    string ChecklistId,
    int ChecklistVersion,
    string ChecklistTitleJa,
    string ChecklistTitleEn,
    int Answered,
    int Items,
    int? Score,
    int Maximum,
    ReportScoreBand? Band,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ReportSelfCheckAnswer> Answers)
{
    /// <summary>Every answered item of <paramref name="checklist"/>, in checklist order, with the points its answer earns.</summary>
    public static ReportSelfCheck Create(ChecklistDefinition checklist, IReadOnlyDictionary<string, (SelfCheckAnswer Answer, string? Notes)> answers,
        int? score, ScoreBand? band, DateTimeOffset updatedAt)
    {
        var scoring = checklist.Scoring ?? throw new ArgumentException("Not a self-check checklist.", nameof(checklist));
        return new ReportSelfCheck(
            checklist.Id, checklist.Version, checklist.Title.Ja, checklist.Title.En, checklist.Items.Count(i => answers.ContainsKey(i.Id)),
            checklist.Items.Count, score, scoring.Maximum,
            band is null ? null : new ReportScoreBand(band.From, band.To, band.Meaning.Ja, band.Meaning.En, band.SecurityAction.Ja, band.SecurityAction.En),
            updatedAt,
            [.. checklist.Items.Where(i => answers.ContainsKey(i.Id)).Select(i => new ReportSelfCheckAnswer(
                i.Id, i.Category, i.Question.Ja, i.Question.En, i.Mandatory, answers[i.Id].Answer.ToWire(),
                scoring.Points.For(answers[i.Id].Answer), answers[i.Id].Notes))]);
    }
}

/// <summary>The band a self-check score falls in, and what it means.</summary>
/// <param name="From">The band's lowest score, included.</param>
/// <param name="To">The band's highest score, included.</param>
/// <param name="MeaningJa">What a score in the band says, in Japanese.</param>
/// <param name="MeaningEn">What a score in the band says, in English.</param>
/// <param name="SecurityActionJa">The advice on a ★★ declaration, in Japanese.</param>
/// <param name="SecurityActionEn">The advice on a ★★ declaration, in English.</param>
public sealed record ReportScoreBand(int From, int To, string MeaningJa, string MeaningEn, string SecurityActionJa, string SecurityActionEn);

/// <summary>One answered self-check item.</summary>
/// <param name="ItemId">The item's id.</param>
/// <param name="Category">The item's category id.</param>
/// <param name="QuestionJa">The question in Japanese.</param>
/// <param name="QuestionEn">The question in English.</param>
/// <param name="Mandatory">True for one of the five basic items (SECURITY ACTION ★).</param>
/// <param name="Answer"><c>done</c>, <c>partly</c>, <c>not-done</c>, <c>unknown</c> or <c>not-applicable</c>.</param>
/// <param name="Points">The points the answer earns.</param>
/// <param name="Notes">The applicant's notes; null unless given.</param>
public sealed record ReportSelfCheckAnswer(
    string ItemId, string Category, string QuestionJa, string QuestionEn, bool Mandatory, string Answer, int Points, string? Notes);

public static class RegimeReports
{
    private static readonly JsonSerializerOptions Json = new(PlanJson.Options) { WriteIndented = true };

    /// <summary>The JSON report: the record itself (by its runtime type), indented UTF-8; the same report always gives the same bytes.</summary>
    public static byte[] ToJson(IRegimeReport report) => JsonSerializer.SerializeToUtf8Bytes(report, report.GetType(), Json);
}
