using Assessor.Service.Identity;

namespace Assessor.Service.Plans;

/// <summary>
/// Which plans a caller may see, as a SQL predicate over <c>plans p</c>: another owner's plan is
/// simply not found, indistinguishable from a missing one.
/// </summary>
public sealed record PlanScope(string Predicate, string? CorporateNumber)
{
    public static PlanScope For(Caller caller) => caller.Role switch
    {
        Roles.Admin => new("1 = 1", null),
        Roles.Applicant => new("p.applicant_corporate_number = @ScopeCorporateNumber", caller.CorporateNumber),
        Roles.Reviewer => new($"p.status <> '{PlanStatus.Draft}'", null),
        // Specialists see the plans that name them once the specialist registry exists; until then none.
        _ => new("1 = 0", null),
    };
}