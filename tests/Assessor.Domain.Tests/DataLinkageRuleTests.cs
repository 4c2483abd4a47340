using Assessor.Domain.Assessments;
using Assessor.Domain.Plans;

using static Assessor.Domain.Tests.TestPlans;

namespace Assessor.Domain.Tests;

public class DataLinkageRuleTests
{
    [Theory]
    [InlineData(LinkageKind.ExternalData, null, ReasonCodes.LinkageQualifies)]
    [InlineData(LinkageKind.NewData, true, ReasonCodes.LinkageQualifies)]
    [InlineData(LinkageKind.NewData, false, ReasonCodes.LinkageDataNotNew)]
    [InlineData(LinkageKind.NewData, null, ReasonCodes.LinkageDataNotNew)]
    [InlineData(LinkageKind.GroupCompanies, null, ReasonCodes.LinkageQualifies)]
    [InlineData(LinkageKind.BusinessSites, false, ReasonCodes.LinkageQualifies)]
    // Internal-only never qualifies, even with new data.
    [InlineData(LinkageKind.InternalOnly, true, ReasonCodes.LinkageInternalOnly)]
    public void One_linkage(LinkageKind kind, bool? newlyAcquired, string code)
    {
        var result = Requirement(Example with { Linkages = [Linkage("L1", kind, newlyAcquired)] }, RequirementIds.DataLinkage);

        var qualifies = code == ReasonCodes.LinkageQualifies;
        Assert.Equal(qualifies ? RequirementStatus.Pass : RequirementStatus.Fail, result.Status);
        Assert.Equal(qualifies ? [code] : [code, ReasonCodes.NoQualifyingLinkage], result.Codes());
    }

    [Fact]
    public void Figures_name_the_qualifying_linkages_and_why_the_others_do_not()
    {
        var plan = Example with
        {
            Linkages = [Linkage("L1", LinkageKind.InternalOnly), Linkage("L2", LinkageKind.ExternalData), Linkage("L3", LinkageKind.NewData)],
        };

        var result = Requirement(plan, RequirementIds.DataLinkage);

        var figures = result.Figures<DataLinkageFigures>();
        Assert.Equal(RequirementStatus.Pass, result.Status);
        Assert.Equal(["L2"], figures.Qualifying);
        Assert.Equal([new LinkageExclusion("L1", ReasonCodes.LinkageInternalOnly), new LinkageExclusion("L3", ReasonCodes.LinkageDataNotNew)], figures.NotQualifying);
    }

    [Fact]
    public void No_linkage_fails()
    {
        var result = Requirement(Example with { Linkages = [] }, RequirementIds.DataLinkage);

        Assert.Equal(RequirementStatus.Fail, result.Status);
        Assert.Equal([ReasonCodes.NoQualifyingLinkage], result.Codes());
    }
}
