using Assessor.Domain.Assessments;
using Assessor.Domain.Checklists;
using Assessor.Domain.RegimeDefinitions.ItDonyu2018;

using static Assessor.Domain.Tests.ItDonyu2018.ItDonyuPlans;

namespace Assessor.Domain.Tests.ItDonyu2018;

/// <summary><c>window</c>, <c>security-action</c>, <c>diagnosis</c> and <c>third-party-review</c>.</summary>
public class WindowAndDeclarationTests
{
    [Theory]
    // Each round's first and last day are inside; the day before it opens and the day after it closes are not.
    [InlineData(1, "2018-04-20", true)]
    [InlineData(1, "2018-06-04", true)]
    [InlineData(1, "2018-04-19", false)]
    [InlineData(1, "2018-06-05", false)]
    [InlineData(2, "2018-06-20", true)]
    [InlineData(2, "2018-08-03", true)]
    [InlineData(2, "2018-06-19", false)]
    [InlineData(2, "2018-08-04", false)]
    [InlineData(3, "2018-09-12", true)]
    [InlineData(3, "2018-12-18", true)]
    [InlineData(3, "2018-09-11", false)]
    [InlineData(3, "2018-12-19", false)]
    public void The_application_day_lies_in_its_rounds_window(int round, string appliedOn, bool inside)
    {
        var result = Requirement(Example with { Round = round, AppliedOn = DateOnly.Parse(appliedOn) }, ItDonyuRequirements.Window);

        Assert.Equal(inside ? RequirementStatus.Pass : RequirementStatus.Fail, result.Status);
        Assert.Equal([inside ? ItDonyuCodes.AppliedWithinWindow : ItDonyuCodes.AppliedOutsideWindow], result.Codes());
        Assert.Equal(round, result.Figures<RoundFigures>().Round);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void A_round_the_subsidy_never_had_fails(int round)
    {
        // 2018-07-10 lies in round 2, but only the named round counts.
        var result = Requirement(Example with { Round = round }, ItDonyuRequirements.Window);

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([ItDonyuCodes.RoundUnknown], result.Codes());
        Assert.Null(result.Figures<RoundFigures>().Opens);
    }

    [Fact]
    public void Without_a_declaration_security_action_fails()
    {
        var result = Requirement(Example with { SecurityAction = null }, ItDonyuRequirements.SecurityAction, SelfCheck());

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([ItDonyuCodes.SecurityActionMissing], result.Codes());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_declaration_needs_its_id_even_with_a_complete_self_check(string? id)
    {
        var plan = Example with { SecurityAction = new() { Level = SecurityActionLevel.TwoStar, DeclarationId = id } };

        var result = Requirement(plan, ItDonyuRequirements.SecurityAction, SelfCheck());

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([ItDonyuCodes.DeclarationIdMissing], result.Codes());
    }

    [Fact]
    public void One_star_passes_on_the_declaration_alone()
    {
        var plan = Example with { SecurityAction = new() { Level = SecurityActionLevel.OneStar, DeclarationId = "SA1-000001" } };

        var result = Requirement(plan, ItDonyuRequirements.SecurityAction);

        Assert.Equal(RequirementStatus.Pass, result.Status);
        Assert.Equal([ItDonyuCodes.OneStarDeclared], result.Codes());
    }

    [Theory]
    // ★★ waits for the applicant's self-check: none, or any item unanswered (24 of 25), is pending; all 25 pass.
    [InlineData(-1, RequirementStatus.Pending, ItDonyuCodes.SelfCheckPending)]
    [InlineData(0, RequirementStatus.Pending, ItDonyuCodes.SelfCheckPending)]
    [InlineData(24, RequirementStatus.Pending, ItDonyuCodes.SelfCheckPending)]
    [InlineData(25, RequirementStatus.Pass, ItDonyuCodes.SelfCheckComplete)]
    public void Two_stars_wait_until_every_self_check_item_is_answered(int answered, RequirementStatus status, string code)
    {
        var result = Requirement(Example, ItDonyuRequirements.SecurityAction, answered < 0 ? null : SelfCheck(answered));

        Assert.Equal(status, result.Status);
        Assert.Equal([code], result.Codes());
        var figures = result.Figures<SecurityActionFigures>();
        Assert.Equal(answered < 0 ? null : answered, figures.SelfCheck?.Answered);
        Assert.Equal(answered == 25 ? 100 : null, figures.SelfCheck?.Score);
    }

    [Theory]
    // The score is shown with its band and never decides: even the lowest band passes once complete.
    [InlineData(SelfCheckAnswer.Unknown, -25, -25, 49)]
    [InlineData(SelfCheckAnswer.NotDone, 0, -25, 49)]
    [InlineData(SelfCheckAnswer.Partly, 50, 50, 79)]
    [InlineData(SelfCheckAnswer.NotApplicable, 100, 80, 100)]
    public void A_complete_self_check_shows_its_score_and_band(SelfCheckAnswer every, int score, int from, int to)
    {
        var result = Requirement(Example, ItDonyuRequirements.SecurityAction, SelfCheck(25, every));

        Assert.Equal(RequirementStatus.Pass, result.Status);
        var selfCheck = result.Figures<SecurityActionFigures>().SelfCheck!;
        Assert.Equal(score, selfCheck.Score);
        Assert.Equal((from, to), (selfCheck.Band!.From, selfCheck.Band.To));
        Assert.Equal("ipa-self-check@1", selfCheck.Checklist);
    }

    [Theory]
    [InlineData("LB-1", true)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    [InlineData(null, false)]
    public void The_diagnosis_id_must_be_given(string? id, bool passes)
    {
        var result = Requirement(Example with { DiagnosisId = id }, ItDonyuRequirements.Diagnosis);

        Assert.Equal(passes ? RequirementStatus.Pass : RequirementStatus.Fail, result.Status);
        Assert.Equal([passes ? ItDonyuCodes.DiagnosisGiven : ItDonyuCodes.DiagnosisMissing], result.Codes());
    }

    [Theory]
    [InlineData("V-0001", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_reviewing_vendor_must_be_named(string? vendorId, bool passes)
    {
        var result = Requirement(Example with { ReviewedBy = new() { VendorId = vendorId, Name = "株式会社ITベンダー" } }, ItDonyuRequirements.ThirdPartyReview);

        Assert.Equal(passes ? RequirementStatus.Pass : RequirementStatus.Fail, result.Status);
        Assert.Equal([passes ? ItDonyuCodes.ThirdPartyReviewGiven : ItDonyuCodes.ThirdPartyReviewMissing], result.Codes());
    }

    [Fact]
    public void Without_a_reviewer_third_party_review_fails() =>
        Assert.Equal(RequirementStatus.Fail, Requirement(Example with { ReviewedBy = null }, ItDonyuRequirements.ThirdPartyReview).Status);
}
