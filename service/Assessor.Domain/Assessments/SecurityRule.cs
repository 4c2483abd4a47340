namespace Assessor.Domain.Assessments;

/// <summary>R2: the specialist's sign-off decides; the plan itself cannot.</summary>
public sealed class SecurityRule : IRequirementRule
{
    public string Id => RequirementIds.Security;

    public RequirementResult Evaluate(AssessmentContext context) =>
        new(Id, context.Security.Status, context.Security.Reasons, context.Security.Figures);
}
