using Assessor.Domain.Assessments;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary><c>diagnosis</c>: the plan names its management-diagnosis result (経営診断ツール).</summary>
public sealed class DiagnosisRule : IItDonyuRule
{
    public string Id => ItDonyuRequirements.Diagnosis;

    public RequirementResult Evaluate(ItDonyuContext context) =>
        context.Plan.DiagnosisId is { } id && !string.IsNullOrWhiteSpace(id)
            ? RequirementResult.Decide(Id, true, [ItDonyuReasons.DiagnosisGiven(id)], new DiagnosisFigures(id))
            : RequirementResult.Decide(Id, false, [ItDonyuReasons.DiagnosisMissing()], new DiagnosisFigures(null));
}

/// <summary><c>third-party-review</c>: an IT introduction support vendor, named by its id, reviewed the plan.</summary>
public sealed class ThirdPartyReviewRule : IItDonyuRule
{
    public string Id => ItDonyuRequirements.ThirdPartyReview;

    public RequirementResult Evaluate(ItDonyuContext context)
    {
        var reviewer = context.Plan.ReviewedBy;
        var figures = new ThirdPartyReviewFigures(reviewer?.VendorId, reviewer?.Name);
        return reviewer?.VendorId is { } vendorId && !string.IsNullOrWhiteSpace(vendorId)
            ? RequirementResult.Decide(Id, true, [ItDonyuReasons.ThirdPartyReviewGiven(vendorId)], figures)
            : RequirementResult.Decide(Id, false, [ItDonyuReasons.ThirdPartyReviewMissing()], figures);
    }
}

/// <summary>The figures of <c>diagnosis</c>.</summary>
/// <param name="DiagnosisId">The management-diagnosis result's id as given; absent when not given.</param>
public sealed record DiagnosisFigures(string? DiagnosisId);

/// <summary>The figures of <c>third-party-review</c>.</summary>
/// <param name="VendorId">The reviewing IT vendor's id as given; absent when not given.</param>
/// <param name="Name">The vendor's name as given; absent when not given.</param>
public sealed record ThirdPartyReviewFigures(string? VendorId, string? Name);
