using System.Globalization;
using Assessor.Domain.Assessments;
using static Assessor.Domain.YenFormat;

namespace Assessor.Domain.RegimeDefinitions.Subsidies;

/// <summary>The reason codes of an SME judgement (<see cref="SmeDefinition.Judge"/>), shared by every subsidy regime. Stable: clients key on them.</summary>
public static class SmeCodes
{
    public const string SmeByCapital = "sme-by-capital";
    public const string SmeByEmployees = "sme-by-employees";
    public const string SmeNoSizeTest = "sme-no-size-test";
    public const string NotSme = "not-sme";
    public const string DeemedLargeSingleOwner = "deemed-large-single-owner";
    public const string DeemedLargeOwnersCombined = "deemed-large-owners-combined";
    public const string DeemedLargeBoard = "deemed-large-board";
}

/// <summary>An SME judgement explained, in Japanese and English; the subsidies' <c>sme</c> requirements report these.</summary>
public static class SmeReasons
{
    /// <summary>Every reason the judgement gives: the size tests met or missed, then each deemed-large test met.</summary>
    public static List<Reason> Explain(SubsidyApplicant applicant, SmeJudgement judgement, SmeDefinition sme)
    {
        var reasons = new List<Reason>();
        if (judgement.CapitalWithin == true)
        {
            reasons.Add(SmeByCapital(applicant.Capital!.Value, judgement.CapitalLimit!.Value, applicant.Industry));
        }

        if (judgement.EmployeesWithin == true)
        {
            reasons.Add(SmeByEmployees(applicant.Employees, judgement.EmployeesLimit!.Value));
        }

        if (judgement.Test == SizeTest.None)
        {
            reasons.Add(SmeNoSizeTest());
        }

        if (!judgement.WithinSize)
        {
            reasons.Add(NotSme(applicant, judgement));
        }

        foreach (var test in judgement.DeemedLarge)
        {
            reasons.Add(test switch
            {
                DeemedLargeTest.SingleOwner => DeemedLarge(test, applicant.Ownership.LargestLargeCompanyShare, sme.LargestLargeCompanyShare),
                DeemedLargeTest.OwnersCombined => DeemedLarge(test, applicant.Ownership.LargeCompaniesShare, sme.LargeCompaniesShare),
                _ => DeemedLarge(test, applicant.Ownership.LargeCompanyPeopleBoardShare, sme.LargeCompanyPeopleBoardShare),
            });
        }

        return reasons;
    }

    public static Reason SmeByCapital(long capital, long limit, Industry industry) => new(SmeCodes.SmeByCapital,
        $"資本金 {Yen(capital)} は業種「{Procedure.WireNames<Industry>.Of(industry)}」の上限 {Yen(limit)} 以下です。",
        $"Capital of {Yen(capital)} is within the {Yen(limit)} limit of industry {Procedure.WireNames<Industry>.Of(industry)}.");

    public static Reason SmeByEmployees(int employees, int limit) => new(SmeCodes.SmeByEmployees,
        $"従業員数 {employees} 人は上限 {limit} 人以下です。",
        $"{employees} employees is within the limit of {limit}.");

    public static Reason SmeNoSizeTest() => new(SmeCodes.SmeNoSizeTest,
        "組合には規模の要件がありません。",
        "A cooperative has no size test.");

    public static Reason NotSme(SubsidyApplicant applicant, SmeJudgement judgement) => new(SmeCodes.NotSme,
        judgement.CapitalLimit is { } capitalLimit
            ? $"資本金（{(applicant.Capital is { } c ? Yen(c) : "未記入")}）が上限 {Yen(capitalLimit)} を、従業員数 {applicant.Employees} 人が上限 {judgement.EmployeesLimit} 人を超えるため、中小企業者ではありません。"
            : $"従業員数 {applicant.Employees} 人が上限 {judgement.EmployeesLimit} 人を超えるため、中小企業者ではありません。",
        judgement.CapitalLimit is { } limit
            ? $"Capital ({(applicant.Capital is { } c2 ? Yen(c2) : "not given")}) exceeds the {Yen(limit)} limit and {applicant.Employees} employees exceed the limit of {judgement.EmployeesLimit}: not an SME."
            : $"{applicant.Employees} employees exceed the limit of {judgement.EmployeesLimit}: not an SME.");

    public static Reason DeemedLarge(DeemedLargeTest test, decimal share, Fraction limit) => test switch
    {
        DeemedLargeTest.SingleOwner => new(SmeCodes.DeemedLargeSingleOwner,
            $"一つの大企業が {Share(share)} を保有しており（{limit} 以上）、みなし大企業に当たります。",
            $"A single large company holds {Share(share)} (at least {limit}): a deemed large company."),
        DeemedLargeTest.OwnersCombined => new(SmeCodes.DeemedLargeOwnersCombined,
            $"大企業が合わせて {Share(share)} を保有しており（{limit} 以上）、みなし大企業に当たります。",
            $"Large companies together hold {Share(share)} (at least {limit}): a deemed large company."),
        _ => new(SmeCodes.DeemedLargeBoard,
            $"役員の {Share(share)} が大企業の役員又は職員を兼ねており（{limit} 以上）、みなし大企業に当たります。",
            $"{Share(share)} of the officers are officers or employees of large companies (at least {limit}): a deemed large company."),
    };

    private static string Share(decimal share) => (share * 100m).ToString("0.##", CultureInfo.InvariantCulture) + " %";

}
