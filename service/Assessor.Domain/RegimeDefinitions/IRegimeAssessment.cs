using System.Text.Json.Serialization;
using Assessor.Domain.Assessments;

namespace Assessor.Domain.RegimeDefinitions;

/// <summary>
/// What every regime's assessment has: the requirements with their status, reasons and figures, and whether all pass.
/// Each outcome adds its own members (<see cref="Assessment.TaxBenefit"/>, <see cref="Subsidies.SubsidyAssessment{TGrant}.Grant"/>).
/// </summary>
public interface IRegimeAssessment
{
    Guid? PlanId { get; }

    long? Revision { get; }

    string? Digest { get; }

    string Regime { get; }

    bool Eligible { get; }

    IReadOnlyList<RequirementResult> Requirements { get; }

    /// <summary>The same assessment, stamped with the stored plan revision it was made on.</summary>
    IRegimeAssessment ForRevision(Guid planId, long revision, string digest);
}

/// <summary>
/// The members every regime's assessment shares, written once; each regime's record adds its outcome and documents the
/// order of its requirements. The shared members are written first, as before the records shared them (a derived type's
/// own members would otherwise come first).
/// </summary>
public abstract record RegimeAssessment : IRegimeAssessment
{
    /// <summary>
    /// The plan's id, set by the service when it assesses a stored plan's current revision; absent for an unsaved
    /// document (<c>POST /assessments</c>).
    /// </summary>
    [JsonPropertyOrder(SharedFirst)]
    public Guid? PlanId { get; init; }

    /// <summary>The number of the assessed revision (1 for the first upload); present exactly when <c>planId</c> is.</summary>
    [JsonPropertyOrder(SharedFirst)]
    public long? Revision { get; init; }

    /// <summary>
    /// <c>sha256:</c> and the lower-case hex SHA-256 of the assessed revision's exact bytes, set by the service;
    /// present exactly when <c>planId</c> is.
    /// </summary>
    [JsonPropertyOrder(SharedFirst)]
    public string? Digest { get; init; }

    /// <summary>The id of the regime the plan was assessed under (the plan's <c>regime</c>), e.g. <c>connected-industries-2018</c>.</summary>
    [JsonPropertyOrder(SharedFirst)]
    public required string Regime { get; init; }

    /// <summary>
    /// True only when every requirement passes (for a consortium, of the consortium and of every participant); a
    /// <c>pending</c> or <c>fail</c> requirement makes it false.
    /// </summary>
    [JsonPropertyOrder(SharedFirst)]
    public required bool Eligible { get; init; }

    /// <summary>One result per requirement of the regime, in the regime's order (see the regime's assessment and docs/regimes/).</summary>
    [JsonPropertyOrder(SharedFirst)]
    public required IReadOnlyList<RequirementResult> Requirements { get; init; }

    private const int SharedFirst = -1;

    IRegimeAssessment IRegimeAssessment.ForRevision(Guid planId, long revision, string digest) =>
        this with { PlanId = planId, Revision = revision, Digest = digest };
}
