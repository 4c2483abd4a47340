using Assessor.Domain.Assessments;
using Assessor.Domain.Attestations;
using Assessor.Domain.Procedure;

namespace Assessor.Domain.Tests.Procedure;

public class WireNamesTests
{
    [Fact]
    public void Wire_names_are_the_declared_json_names_in_declaration_order()
    {
        Assert.Equal(["draft", "submitted", "returned", "certified", "rejected"], WireNames<PlanStatus>.All);
        Assert.Equal(["open", "signed", "superseded", "closed"], WireNames<RunStatus>.All);
        Assert.Equal(["certify", "reject", "return"], WireNames<Decision>.All);
        Assert.Equal("not-applicable", Answer.NotApplicable.ToWire());
        Assert.Equal("it-coordinator", SpecialistKind.ItCoordinator.ToWire());
    }

    [Theory]
    [InlineData("certified", true)]
    [InlineData("Certified", false)]
    [InlineData("certified ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Parsing_accepts_the_exact_wire_name_only(string? name, bool known) =>
        Assert.Equal(known, WireNames<PlanStatus>.TryParse(name, out _));

    [Fact]
    public void An_unknown_stored_name_is_a_defect() => Assert.Throws<FormatException>(() => WireNames<Verdict>.Parse("satisfied"));

    /// <summary>
    /// Stored enum columns are written by wire name and read back by Dapper, which parses enum names ignoring case:
    /// that round trip holds only while every stored enum's wire name is its member name in lower case.
    /// </summary>
    [Fact]
    public void Stored_enums_read_back_by_their_member_names()
    {
        AssertRoundTrips<PlanStatus>();
        AssertRoundTrips<Decision>();
        AssertRoundTrips<Verdict>();
        AssertRoundTrips<RequirementStatus>();
    }

    private static void AssertRoundTrips<TEnum>()
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            Assert.Equal(value, Enum.Parse<TEnum>(value.ToWire(), ignoreCase: true));
        }
    }
}
