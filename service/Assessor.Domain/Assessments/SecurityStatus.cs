using ReasonFactory = Assessor.Domain.Assessments.Reasons;

namespace Assessor.Domain.Assessments;

/// <summary>
/// The security requirement's verdict as the service knows it (from the specialist's sign-off): the
/// assessment reports it as given. <see cref="Figures"/> carries what the sign-off issue wants shown
/// (specialist, checklist run, …).
/// </summary>
public sealed record SecurityStatus(RequirementStatus Status, IReadOnlyList<Reason> Reasons, SecurityFigures? Figures = null)
{
    /// <summary>No sign-off yet.</summary>
    public static SecurityStatus Pending { get; } = new(RequirementStatus.Pending, [ReasonFactory.SecurityPending()]);
}
