using System.Text.Json.Serialization;

namespace Assessor.Domain.Procedure;

/// <summary>Where a plan is in its procedure; see <see cref="PlanLifecycle"/> for who moves it where.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanStatus>))]
public enum PlanStatus
{
    /// <summary>Being written by the applicant; revisable.</summary>
    [JsonStringEnumMemberName("draft")] Draft,

    /// <summary>Handed over for the security sign-off and the reviewer's decision; frozen.</summary>
    [JsonStringEnumMemberName("submitted")] Submitted,

    /// <summary>Sent back by the reviewer with a reason; revisable, and a new revision makes it a draft again.</summary>
    [JsonStringEnumMemberName("returned")] Returned,

    /// <summary>Certified (認定); final, with a signed report.</summary>
    [JsonStringEnumMemberName("certified")] Certified,

    /// <summary>Rejected with a reason; final.</summary>
    [JsonStringEnumMemberName("rejected")] Rejected,
}

/// <summary>A reviewer's decision on a submitted plan.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Decision>))]
public enum Decision
{
    [JsonStringEnumMemberName("certify")] Certify,
    [JsonStringEnumMemberName("reject")] Reject,
    [JsonStringEnumMemberName("return")] Return,
}
