using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary>
/// <c>sme</c>: the applicant is an SME by the size test of its legal form, is not a deemed large company, and runs no excluded
/// business.
/// </summary>
public sealed class SmeRule : IItDonyuRule
{
    public string Id => ItDonyuRequirements.Sme;

    public RequirementResult Evaluate(ItDonyuContext context)
    {
        var applicant = context.Plan.Applicant;
        var sme = context.Regime.Sme;
        var judgement = sme.Judge(applicant);
        var reasons = SmeReasons.Explain(applicant, judgement, sme);
        if (applicant.ExcludedBusiness)
        {
            reasons.Add(ItDonyuReasons.ExcludedBusiness());
        }

        var figures = new SmeFigures(applicant.EntityType, applicant.Industry, judgement.Test, applicant.Capital, judgement.CapitalLimit,
            applicant.Employees, judgement.EmployeesLimit, judgement.SmallBusiness, judgement.DeemedLarge, applicant.ExcludedBusiness);
        return RequirementResult.Decide(Id, judgement.IsSme && !applicant.ExcludedBusiness, reasons, figures);
    }
}

/// <summary>The figures of <c>sme</c>.</summary>
/// <param name="EntityType">The applicant's legal form.</param>
/// <param name="Industry">The industry whose limits apply.</param>
/// <param name="SizeTest">How the size was tested: <c>capital-or-employees</c>, <c>employees</c>, <c>employees-fixed</c> or <c>none</c>.</param>
/// <param name="Capital">The applicant's capital in yen, as given; absent when not given.</param>
/// <param name="CapitalLimit">The capital limit applied, in yen; absent when capital is not tested.</param>
/// <param name="Employees">The applicant's regular employees.</param>
/// <param name="EmployeesLimit">The employee limit applied; absent when employees are not tested.</param>
/// <param name="SmallBusiness">Whether the employees are within the industry's small-business limit (小規模事業者); shown, not judged.</param>
/// <param name="DeemedLarge">The deemed-large-company tests the applicant meets: <c>single-owner</c>, <c>owners-combined</c>, <c>board</c>.</param>
/// <param name="ExcludedBusiness">Whether the applicant runs an excluded business.</param>
public sealed record SmeFigures(
    EntityType EntityType, Industry Industry, SizeTest SizeTest, long? Capital, long? CapitalLimit, int Employees, int? EmployeesLimit,
    bool SmallBusiness, IReadOnlyList<DeemedLargeTest> DeemedLarge, bool ExcludedBusiness);
