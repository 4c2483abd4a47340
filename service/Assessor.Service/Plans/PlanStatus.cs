namespace Assessor.Service.Plans;

/// <summary>Plan lifecycle. Later features add review states; transitions are checked in <see cref="PlanStore"/>.</summary>
public static class PlanStatus
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Returned = "returned";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Draft, Submitted, Returned };

    /// <summary>States in which the applicant may upload a new revision.</summary>
    public static readonly IReadOnlySet<string> Revisable = new HashSet<string>(StringComparer.Ordinal) { Draft, Returned };
}
