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
public sealed record CertificationReport
{
    public const string SchemaId = "https://assessor.example/reports/certification/v1";

    public string Schema { get; init; } = SchemaId;

    /// <summary>False on every report of a plan not (yet) certified: those are drafts and say so.</summary>
    public required bool Certified { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required ReportPlan Plan { get; init; }

    /// <summary>The plan document exactly as the revision holds it.</summary>
    public required PlanDocument Document { get; init; }

    public required Assessment Assessment { get; init; }

    public required IReadOnlyList<ReportAsset> Assets { get; init; }

    public required IReadOnlyList<ReportLinkage> Linkages { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required ReportSecurity? Security { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required ReportDecision? Decision { get; init; }

    /// <summary>The plan's history from the audit log, oldest first (see <see cref="ReportHistory"/>).</summary>
    public IReadOnlyList<ReportHistoryEntry> History { get; init; } = [];

    /// <summary>The log index of the event that certifies the plan and stores this report; absent on drafts.</summary>
    public long? LogIndex { get; init; }
}

public sealed record ReportPlan(Guid Id, long Revision, string Digest, PlanStatus Status, string RegimeId, string RegimeName);

/// <summary>An asset and whether it counts toward the qualifying base; <see cref="ExcludedBecause"/> lists reason codes.</summary>
public sealed record ReportAsset(
    string Id, AssetClass Class, string Name, long Cost, DateOnly AcquiredOn, DateOnly InServiceOn, bool IsNew, bool Qualifying, IReadOnlyList<string> ExcludedBecause);

public sealed record ReportLinkage(
    string Id, LinkageKind Kind, string Data, string From, string To, bool? NewlyAcquired, string Purpose, string? Network, bool Qualifies, string? NotQualifyingBecause);

/// <summary>The specialist's sign-off as the service verified it when it was submitted.</summary>
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

public sealed record ReportEvidence(string Name, string Sha256);

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
