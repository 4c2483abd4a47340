using System.Text.Json;
using System.Text.Json.Serialization;
using Assessor.Domain.Assessments;
using Assessor.Domain.Attestations;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;

namespace Assessor.Domain.Reports;

/// <summary>
/// The certification report as data: the JSON report is this record serialised, and the HTML and
/// Markdown reports are rendered from that same JSON, so every format says the same thing.
/// </summary>
public sealed record CertificationReport : IRegimeReport
{
    public const string SchemaId = "https://assessor.example/reports/certification/v1";

    /// <summary>A URI naming this report's format and version: <c>https://assessor.example/reports/certification/v1</c>.</summary>
    public string Schema { get; init; } = SchemaId;

    /// <summary>False on every report of a plan not (yet) certified: those are drafts and say so.</summary>
    public required bool Certified { get; init; }

    /// <summary>When the report was rendered (ISO-8601, UTC): the certification time, or a draft's last plan change.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The plan and revision the report is about.</summary>
    public required ReportPlan Plan { get; init; }

    /// <summary>The plan document exactly as the revision holds it.</summary>
    public required PlanDocument Document { get; init; }

    /// <summary>The assessment of that revision.</summary>
    public required Assessment Assessment { get; init; }

    /// <summary>Every asset of the plan, and whether it counts toward the qualifying base.</summary>
    public required IReadOnlyList<ReportAsset> Assets { get; init; }

    /// <summary>Every linkage of the plan, and whether it qualifies.</summary>
    public required IReadOnlyList<ReportLinkage> Linkages { get; init; }

    /// <summary>The security sign-off of the revision; null without one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required ReportSecurity? Security { get; init; }

    /// <summary>The reviewer's latest decision; null before one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required ReportDecision? Decision { get; init; }

    /// <summary>The plan's history from the audit log, oldest first (see <see cref="ReportHistory"/>).</summary>
    public IReadOnlyList<ReportHistoryEntry> History { get; init; } = [];

    /// <summary>The log index of the event that certifies the plan and stores this report; absent on drafts.</summary>
    public long? LogIndex { get; init; }

    /// <summary>The certificate (認定書) the report opens with; its number is absent on drafts.</summary>
    public ReportCertificate? Certificate { get; init; }
}

/// <summary>The plan a report is about.</summary>
/// <param name="Id">The plan's id.</param>
/// <param name="Revision">The revision reported on.</param>
/// <param name="Digest"><c>sha256:</c> and the hex SHA-256 of that revision's exact bytes.</param>
/// <param name="Status">The plan's status when the report was rendered.</param>
/// <param name="RegimeId">The regime's id.</param>
/// <param name="RegimeName">The regime's name, in Japanese and English.</param>
public sealed record ReportPlan(Guid Id, long Revision, string Digest, PlanStatus Status, string RegimeId, string RegimeName);

/// <summary>An asset and whether it counts toward the qualifying base; <see cref="ExcludedBecause"/> lists reason codes.</summary>
/// <param name="Id">The asset's id in the plan.</param>
/// <param name="Class"><c>software</c>, <c>machinery</c> or <c>equipment</c>.</param>
/// <param name="Name">The asset's name.</param>
/// <param name="Cost">The acquisition cost, in yen.</param>
/// <param name="AcquiredOn">When it is acquired (<c>YYYY-MM-DD</c>).</param>
/// <param name="InServiceOn">When it is put into service.</param>
/// <param name="IsNew">True for a new (unused) asset.</param>
/// <param name="Qualifying">True when it counts toward the qualifying base.</param>
/// <param name="ExcludedBecause">The reason codes that leave it out; empty when it qualifies.</param>
public sealed record ReportAsset(
    string Id, AssetClass Class, string Name, long Cost, DateOnly AcquiredOn, DateOnly InServiceOn, bool IsNew, bool Qualifying, IReadOnlyList<string> ExcludedBecause);

/// <summary>A linkage and whether it qualifies as data linkage.</summary>
/// <param name="Id">The linkage's id in the plan.</param>
/// <param name="Kind">The kind of linkage.</param>
/// <param name="Data">The data linked.</param>
/// <param name="From">Where the data comes from.</param>
/// <param name="To">Where it goes.</param>
/// <param name="NewlyAcquired">For <c>new-data</c>: whether the data is newly acquired; absent otherwise.</param>
/// <param name="Purpose">What the linkage is for.</param>
/// <param name="Network">The network it runs over; absent unless given.</param>
/// <param name="Qualifies">True when the linkage qualifies.</param>
/// <param name="NotQualifyingBecause">The reason code when it does not qualify; null when it does.</param>
public sealed record ReportLinkage(
    string Id, LinkageKind Kind, string Data, string From, string To, bool? NewlyAcquired, string Purpose, string? Network, bool Qualifies, string? NotQualifyingBecause);

/// <summary>The specialist's sign-off as the service verified it when it was submitted.</summary>
/// <param name="SpecialistName">The specialist's name.</param>
/// <param name="SpecialistKind"><c>riss</c> or <c>it-coordinator</c>.</param>
/// <param name="RegistrationNumber">The registration number.</param>
/// <param name="KeyId">The id of the key whose signature verified.</param>
/// <param name="SignedAt">When the sign-off was accepted (ISO-8601, UTC).</param>
/// <param name="Verdict"><c>pass</c> or <c>fail</c>.</param>
/// <param name="StatementSha256">The hex SHA-256 of the signed statement.</param>
/// <param name="Verified">What the service checked when it accepted the sign-off.</param>
/// <param name="ChecklistId">The checklist's id.</param>
/// <param name="ChecklistVersion">The checklist's version.</param>
/// <param name="ChecklistTitleJa">The checklist's title in Japanese.</param>
/// <param name="ChecklistTitleEn">The checklist's title in English.</param>
/// <param name="Answers">Every answered item, in checklist order.</param>
public sealed record ReportSecurity(
    string SpecialistName,
    SpecialistKind SpecialistKind,
    string RegistrationNumber,
    string KeyId,
    DateTimeOffset SignedAt,
    Verdict Verdict,
    string StatementSha256,
    IReadOnlyList<string> Verified,
    string ChecklistId,
    int ChecklistVersion,
    string ChecklistTitleJa,
    string ChecklistTitleEn,
    IReadOnlyList<ReportAnswer> Answers);

/// <summary>One checklist answer as the report shows it.</summary>
/// <param name="ItemId">The item's id.</param>
/// <param name="Category">The item's category id.</param>
/// <param name="QuestionJa">The question in Japanese.</param>
/// <param name="QuestionEn">The question in English.</param>
/// <param name="Mandatory">True for a mandatory item.</param>
/// <param name="Answer"><c>satisfied</c>, <c>not-satisfied</c> or <c>not-applicable</c>.</param>
/// <param name="Justification">Why the item does not apply; null unless given.</param>
/// <param name="Notes">The specialist's notes; null unless given.</param>
/// <param name="Evidence">The evidence references.</param>
public sealed record ReportAnswer(
    string ItemId,
    string Category,
    string QuestionJa,
    string QuestionEn,
    bool Mandatory,
    Answer Answer,
    string? Justification,
    string? Notes,
    IReadOnlyList<ReportEvidence> Evidence);

/// <summary>A piece of evidence by name and hash.</summary>
/// <param name="Name">The evidence's name.</param>
/// <param name="Sha256">The hex SHA-256 of the evidence file.</param>
public sealed record ReportEvidence(string Name, string Sha256);

/// <summary>A reviewer's decision as the report shows it.</summary>
/// <param name="Decision"><c>certify</c>, <c>reject</c> or <c>return</c>.</param>
/// <param name="Reason">The reviewer's reason; null unless given.</param>
/// <param name="ReviewerName">The reviewer's name.</param>
/// <param name="DecidedAt">When the decision was made (ISO-8601, UTC).</param>
public sealed record ReportDecision(Decision Decision, string? Reason, string ReviewerName, DateTimeOffset DecidedAt);

public static class CertificationReports
{
    private static readonly JsonSerializerOptions Json = new(PlanJson.Options) { WriteIndented = true };

    /// <summary>The JSON report: the record itself, indented UTF-8; the same report always gives the same bytes.</summary>
    public static byte[] ToJson(CertificationReport report) => JsonSerializer.SerializeToUtf8Bytes(report, Json);

    /// <summary>Builds the report; asset and linkage lines are read off the assessment's own figures.</summary>
    public static CertificationReport Create(
        ReportPlan plan, PlanDocument document, Assessment assessment, ReportSecurity? security, ReportDecision? decision,
        bool certified, DateTimeOffset generatedAt)
    {
        var minimum = assessment.Requirements.Select(r => r.Figures).OfType<MinimumInvestmentFigures>().FirstOrDefault();
        var excluded = minimum?.Excluded.ToDictionary(e => e.AssetId, e => e.Reasons) ?? [];
        var linkage = assessment.Requirements.Select(r => r.Figures).OfType<DataLinkageFigures>().FirstOrDefault();
        var notQualifying = linkage?.NotQualifying.ToDictionary(e => e.LinkageId, e => e.Reason) ?? [];
        var qualifyingLinkages = linkage?.Qualifying.ToHashSet(StringComparer.Ordinal) ?? [];

        return new CertificationReport
        {
            Certified = certified,
            GeneratedAt = generatedAt,
            Plan = plan,
            Document = document,
            Assessment = assessment,
            Assets = document.Assets.Select(a => new ReportAsset(a.Id, a.Class, a.Name, a.Cost, a.AcquiredOn, a.InServiceOn, a.IsNew,
                minimum?.QualifyingAssets.Contains(a.Id) ?? false, excluded.GetValueOrDefault(a.Id) ?? [])).ToList(),
            Linkages = document.Linkages.Select(l => new ReportLinkage(l.Id, l.Kind, l.Data, l.From, l.To, l.NewlyAcquired, l.Purpose, l.Network,
                qualifyingLinkages.Contains(l.Id), notQualifying.GetValueOrDefault(l.Id))).ToList(),
            Security = security,
            Decision = decision,
        };
    }
}
