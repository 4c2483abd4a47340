using Assessor.Domain.Procedure;
using Assessor.Service.Identity;
using Dapper;

namespace Assessor.Service.Plans;

/// <summary>What a caller means to do with a plan: read it (and everything about it), or change it.</summary>
public enum PlanAccess
{
    /// <summary>See the plan, its assessment, revisions, history, attestations and reports.</summary>
    Read,

    /// <summary>Revise, submit, self-check, decide, attest: whatever moves the plan on.</summary>
    Change,
}

/// <summary>How a listing walks the plans a scope sees in creation order: the rows it reads, and the columns it seeks and orders by.</summary>
/// <param name="From">The FROM clause; it always names the plans <c>p</c>.</param>
/// <param name="Predicate">The scope's condition over those rows.</param>
/// <param name="CreatedAt">The plan's creation time, first key of the listing's order and cursor.</param>
/// <param name="Id">The plan's id, second key.</param>
public sealed record PlanListing(string From, string Predicate, string CreatedAt, string Id);

/// <summary>
/// Which plans a caller may see or change, as a SQL predicate over <c>plans p</c>: another owner's plan is simply not
/// found, indistinguishable from a missing one. The one place that says who may do what to which plan.
/// </summary>
public sealed record PlanScope(string Predicate, string? CorporateNumber, Guid? SpecialistId)
{

    /// <summary>Every plan: for the service's own look-ups, after the caller's access was settled.</summary>
    public static PlanScope Everything { get; } = new("1 = 1", null, null);

    /// <summary>How <see cref="PlanStore.ListAsync"/> walks this scope's plans; the plans table itself unless set.</summary>
    public PlanListing Listing => listing ?? new("plans p", Predicate, "p.created_at", "p.id");

    private PlanListing? listing;

    /// <summary>
    /// The plans <paramref name="caller"/> may read or change. An applicant reads the plans its company takes part in (as the
    /// applicant, or a consortium's participant) and changes only those it applies for (leads). Other roles do what they may
    /// to the plans they see.
    /// </summary>
    public static PlanScope For(Caller caller, PlanAccess access = PlanAccess.Read) => caller.Role switch
    {
        Roles.Admin => Everything,
        Roles.Applicant when access == PlanAccess.Change => new("p.applicant_corporate_number = @ScopeCorporateNumber", caller.CorporateNumber, null),
        // The listing starts from the company's own rows of plan_participants, in creation order: a seek, however many plans there are.
        Roles.Applicant => new(ReadableByCompany("@ScopeCorporateNumber"), caller.CorporateNumber, null)
        {
            listing = new("plan_participants pp JOIN plans p ON p.id = pp.plan_id", "pp.corporate_number = @ScopeCorporateNumber",
                "pp.plan_created_at", "pp.plan_id"),
        },
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

    /// <summary>
    /// The read rule for a company, as SQL over <c>plans p</c>: every company the current revision lists (the lead included)
    /// reads the plan, a lookup on plan_participants' key. Also how webhooks pick the endpoints that hear of a plan.
    /// </summary>
    public static string ReadableByCompany(string corporateNumber) =>
        $"EXISTS (SELECT 1 FROM plan_participants pp WHERE pp.plan_id = p.id AND pp.corporate_number = {corporateNumber})";

    /// <summary>The query's own parameters plus the ones the predicate refers to.</summary>
    public DynamicParameters With(object parameters)
    {
        var all = new DynamicParameters(parameters);
        all.Add("ScopeCorporateNumber", CorporateNumber);
        all.Add("ScopeSpecialistId", SpecialistId);
        return all;
    }
}
