using Assessor.Domain.Plans;

using static Assessor.Domain.Tests.TestPlans;

namespace Assessor.Domain.Tests;

public class IdentifierTests
{
    [Theory]
    [InlineData("０１１１７２", "011172")]
    [InlineData(" 011172 ", "011172")]
    [InlineData("ＩＴＣ－２０１９－０００１", "ITC-2019-0001")]
    public void Width_variants_and_padding_fold_to_one_spelling(string typed, string normalised) =>
        Assert.Equal(normalised, Identifiers.Normalize(typed));

    [Theory]
    [InlineData("011172", true, false)]
    [InlineData("11172", false, false)]
    [InlineData("ITC-2019-0001", false, true)]
    [InlineData("ITC-2019-000001", false, true)]
    [InlineData("ITC-2019-001", false, false)]
    [InlineData("itc-2019-0001", false, false)]
    [InlineData("ITC-2019-0001\n", false, false)]
    public void Registration_numbers_have_one_format_per_kind(string number, bool riss, bool coordinator)
    {
        Assert.Equal(riss, Identifiers.IsRissNumber(number));
        Assert.Equal(coordinator, Identifiers.IsItCoordinatorNumber(number));
    }

    [Theory]
    [InlineData("plain", false)]
    [InlineData("abc\u202Egpj.exe", true)]
    [InlineData("\u2066isolated\u2069", true)]
    [InlineData("日本語の名前", false)]
    public void Bidirectional_controls_are_found(string text, bool found) => Assert.Equal(found, Identifiers.HasBidiControl(text));

    [Theory]
    [InlineData("A-1", "Ａ-１")]
    [InlineData("A-1", "a-1")]
    [InlineData("PC-01", "РС-01")] // Cyrillic Р and С
    [InlineData("A-O1", "A-01")]
    public void Look_alike_ids_share_a_key(string id, string lookAlike) =>
        Assert.Equal(Identifiers.LookAlikeKey(id), Identifiers.LookAlikeKey(lookAlike));

    [Fact]
    public void Different_ids_keep_different_keys() => Assert.NotEqual(Identifiers.LookAlikeKey("A-1"), Identifiers.LookAlikeKey("A-2"));

    [Fact]
    public void A_plan_may_not_hold_asset_ids_a_reader_cannot_tell_apart()
    {
        var first = Example.Assets[0];
        var plan = Example with { Assets = [.. Example.Assets, first with { Id = first.Id.ToUpperInvariant() == first.Id ? first.Id.ToLowerInvariant() : first.Id.ToUpperInvariant() }] };

        var error = Assert.Single(PlanValidator.Validate(plan), e => e.Path == $"$.assets[{Example.Assets.Count}].id");
        Assert.Contains("look-alike", error.Message);
    }

    [Fact]
    public void Titles_and_names_may_not_hold_bidirectional_controls()
    {
        var plan = Example with { Title = "計画\u202E", Applicant = Example.Applicant with { Name = "\u2067会社" } };

        Assert.Equal(["$.title", "$.applicant.name"], PlanValidator.Validate(plan).Select(e => e.Path));
    }

    [Theory]
    [InlineData("011172")]
    [InlineData("０１１１７２")]
    [InlineData("ITC-2019-0001")]
    public void A_plan_names_a_riss_or_an_it_coordinator(string number) =>
        Assert.Empty(PlanValidator.Validate(Example with { SecurityExpert = Example.SecurityExpert! with { RegistrationNumber = number } }));
}
