using Assessor.Domain.Procedure;
using Assessor.Service.Identity;
using Dapper;

namespace Assessor.Service.Plans;

/// <summary>
/// Which plans a caller may see, as a SQL predicate over <c>plans p</c>: another owner's plan is
/// simply not found, indistinguishable from a missing one.
/// </summary>
public sealed record PlanScope(string Predicate, string? CorporateNumber, Guid? SpecialistId)
{
    /// <summary>Every plan: for the service's own look-ups, after the caller's access was settled.</summary>
    public static PlanScope Everything { get; } = new("1 = 1", null, null);

    public static PlanScope For(Caller caller) => caller.Role switch
    {
        Roles.Admin => Everything,
        Roles.Applicant => new("p.applicant_corporate_number = @ScopeCorporateNumber", caller.CorporateNumber, null),
        Roles.Reviewer => new($"p.status <> '{PlanStatus.Draft.ToWire()}'", null, null),
        // A specialist sees the plans in review that name their registration number, while it is not revoked.
        Roles.Specialist when Guid.TryParse(caller.SpecialistId, out var specialistId) => new(
            $"""
            p.status = '{PlanStatus.Submitted.ToWire()}' AND p.specialist_registration_number =
                (SELECT s.registration_number FROM specialists s WHERE s.id = @ScopeSpecialistId AND s.revoked_at IS NULL)
            """,
            null,
            specialistId),
        _ => new("1 = 0", null, null),
    };

    /// <summary>The query's own parameters plus the ones the predicate refers to.</summary>
    public DynamicParameters With(object parameters)
    {
        var all = new DynamicParameters(parameters);
        all.Add("ScopeCorporateNumber", CorporateNumber);
        all.Add("ScopeSpecialistId", SpecialistId);
        return all;
    }
}
