using Assessor.Domain.Assessments;

namespace Assessor.Domain.RegimeDefinitions;

/// <summary>
/// What every regime's assessment has: the requirements with their status, reasons and figures, and whether all pass.
/// Each outcome adds its own members (<see cref="Assessment.TaxBenefit"/>, <see cref="Subsidies.GrantAssessment.Grant"/>).
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
