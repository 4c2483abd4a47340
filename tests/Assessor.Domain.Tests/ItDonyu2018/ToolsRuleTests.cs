using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.ItDonyu2018;
using Assessor.Domain.RegimeDefinitions.Subsidies;

using static Assessor.Domain.Tests.ItDonyu2018.ItDonyuPlans;

namespace Assessor.Domain.Tests.ItDonyu2018;

/// <summary><c>tools</c>: which items count, how much, and the base that needs software or cloud.</summary>
public class ToolsRuleTests
{
    private static readonly ItTool Base = Tool("S", ToolCategory.Software, 400_000);

    private static ToolsFigures Figures(params ItTool[] tools) => Requirement(WithTools(tools), ItDonyuRequirements.Tools).Figures<ToolsFigures>();

    private static string? ExcludedBecause(ItTool tool, int round = 2) =>
        Requirement(WithTools(Base, tool) with { Round = round }, ItDonyuRequirements.Tools).Figures<ToolsFigures>().Tools[1].ExcludedBecause;

    [Theory]
    [InlineData(ToolCategory.Software, null)]
    [InlineData(ToolCategory.Cloud, null)]
    [InlineData(ToolCategory.Introduction, null)]
    [InlineData(ToolCategory.Website, null)]
    [InlineData(ToolCategory.Hardware, ItDonyuCodes.HardwareNotEligible)]
    [InlineData(ToolCategory.Lease, ItDonyuCodes.LeaseNotEligible)]
    public void Hardware_and_leases_are_excluded(ToolCategory category, string? code) =>
        Assert.Equal(code, ExcludedBecause(Tool("X", category, 100_000)));

    [Theory]
    [InlineData(null, "TL-1")]
    [InlineData("", "TL-1")]
    [InlineData("V-1", null)]
    [InlineData("V-1", " ")]
    public void A_tool_without_vendor_or_tool_id_is_not_registered(string? vendorId, string? toolId) =>
        Assert.Equal(ItDonyuCodes.ToolNotRegistered, ExcludedBecause(Tool("X", ToolCategory.Software, 100_000, vendorId: vendorId, toolId: toolId)));

    [Theory]
    // Contracted on the round's grant-decision day counts; the day before does not.
    [InlineData(1, "2018-06-14", null)]
    [InlineData(1, "2018-06-13", ItDonyuCodes.ContractedBeforeDecision)]
    [InlineData(2, "2018-08-15", null)]
    [InlineData(2, "2018-08-14", ItDonyuCodes.ContractedBeforeDecision)]
    [InlineData(3, "2018-10-05", null)]
    [InlineData(3, "2018-10-04", ItDonyuCodes.ContractedBeforeDecision)]
    public void A_contract_before_the_rounds_grant_decision_is_excluded(int round, string contractedOn, string? code) =>
        Assert.Equal(code, ExcludedBecause(Tool("X", ToolCategory.Introduction, 100_000, contractedOn: DateOnly.Parse(contractedOn)), round));

    [Fact]
    public void Without_a_known_round_no_contract_date_excludes() =>
        Assert.Null(ExcludedBecause(Tool("X", ToolCategory.Software, 100_000, contractedOn: new DateOnly(2000, 1, 1)), round: 9));

    [Theory]
    // Several reasons: the first in the order hardware/lease, not registered, contracted before the decision.
    [InlineData(ToolCategory.Hardware, null, "2018-01-01", ItDonyuCodes.HardwareNotEligible)]
    [InlineData(ToolCategory.Lease, null, "2018-01-01", ItDonyuCodes.LeaseNotEligible)]
    [InlineData(ToolCategory.Software, null, "2018-01-01", ItDonyuCodes.ToolNotRegistered)]
    public void An_item_with_several_reasons_is_excluded_with_the_first(ToolCategory category, string? vendorId, string contractedOn, string code) =>
        Assert.Equal(code, ExcludedBecause(Tool("X", category, 100_000, contractedOn: DateOnly.Parse(contractedOn), vendorId: vendorId)));

    [Theory]
    // Cloud counts its first 12 months: cost × min(months, 12) ÷ months, truncated; no months means 12.
    [InlineData(240_000, 24, 120_000)]
    [InlineData(240_000, 12, 240_000)]
    [InlineData(240_000, 11, 240_000)]
    [InlineData(130_000, 13, 120_000)]
    [InlineData(100_000, 13, 92_307)]
    [InlineData(100_000, 1, 100_000)]
    [InlineData(100_000, null, 100_000)]
    public void Cloud_counts_only_its_first_twelve_months(long cost, int? months, long counted)
    {
        var line = Figures(Tool("C", ToolCategory.Cloud, cost, months)).Tools.Single();

        Assert.Equal(counted, line.Counted);
        Assert.Equal(Math.Min(months ?? 12, 12), line.MonthsCounted);
    }

    [Fact]
    public void A_capped_cloud_item_says_so() =>
        Assert.Contains(ItDonyuCodes.CloudMonthsCapped, Requirement(WithTools(Tool("C", ToolCategory.Cloud, 240_000, 24)), ItDonyuRequirements.Tools).Codes());

    [Fact]
    public void Months_are_ignored_outside_cloud() =>
        Assert.Equal(240_000, Figures(Tool("S", ToolCategory.Software, 240_000, months: 24)).EligibleCost);

    [Theory]
    [InlineData(ToolCategory.Software, true)]
    [InlineData(ToolCategory.Cloud, true)]
    [InlineData(ToolCategory.Introduction, false)]
    [InlineData(ToolCategory.Website, false)]
    public void The_eligible_base_needs_software_or_cloud(ToolCategory only, bool passes)
    {
        var result = Requirement(WithTools(Tool("A", only, 400_000), Tool("W", ToolCategory.Website, 100_000)), ItDonyuRequirements.Tools);

        Assert.Equal(passes ? RequirementStatus.Pass : RequirementStatus.Fail, result.Status);
        Assert.Equal(passes ? ItDonyuCodes.ToolsBaseMet : ItDonyuCodes.NoSoftwareOrCloud, result.Codes().First());
    }

    [Fact]
    public void Excluded_software_does_not_make_the_base()
    {
        var result = Requirement(
            WithTools(Tool("S", ToolCategory.Software, 400_000, vendorId: null), Tool("I", ToolCategory.Introduction, 400_000)), ItDonyuRequirements.Tools);

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([ItDonyuCodes.NoSoftwareOrCloud, ItDonyuCodes.ToolNotRegistered], result.Codes());
        Assert.Equal([new ExcludedItem("S", ItDonyuCodes.ToolNotRegistered)], result.Figures<ToolsFigures>().Excluded);
    }

    [Fact]
    public void No_tools_at_all_fails() =>
        Assert.Equal(RequirementStatus.Fail, Requirement(WithTools(), ItDonyuRequirements.Tools).Status);
}
