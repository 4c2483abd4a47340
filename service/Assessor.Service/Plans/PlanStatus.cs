namespace Assessor.Service.Plans;

/// <summary>Plan lifecycle: draft → submitted → certified | rejected | returned → draft. Transitions are checked in <see cref="PlanStore"/>.</summary>
public static class PlanStatus
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Returned = "returned";
    public const string Certified = "certified";
    public const string Rejected = "rejected";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Draft, Submitted, Returned, Certified, Rejected };

    /// <summary>States in which the applicant may upload a new revision.</summary>
    public static readonly IReadOnlySet<string> Revisable = new HashSet<string>(StringComparer.Ordinal) { Draft, Returned };
}
