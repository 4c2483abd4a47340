using System.Globalization;
using Assessor.Domain.Plans;
using Assessor.Domain.RegimeDefinitions.Subsidies;
using static Assessor.Domain.YenFormat;

namespace Assessor.Domain.RegimeDefinitions.ItDonyu2018;

/// <summary>
/// Structural checks on a parsed <see cref="ItDonyuPlan"/>, every problem at once, located by JSON path. Whether the plan meets
/// the subsidy's conditions (SME, window, declarations, tools, targets, the grant floor) is the assessment's job.
/// </summary>
public static class ItDonyuValidator
{
    /// <summary>¥10^15: far above any real plan, and low enough that every sum of yen stays exact in <c>long</c>.</summary>
    public const long MaxYen = 1_000_000_000_000_000;

    /// <summary>The hours of a leap year: no one works more in a year.</summary>
    public const decimal MaxHoursPerEmployee = 8_784m;

    public static IReadOnlyList<ValidationError> Validate(ItDonyuPlan plan)
    {
        // The serializer enforces non-null members but not non-null list items; nothing below may see a null.
        List<ValidationError> nullItems =
            [.. PlanValidator.NullItems(plan.Tools, "$.tools"), .. PlanValidator.NullItems(plan.Productivity.Years, "$.productivity.years")];
        if (nullItems.Count > 0)
        {
            return nullItems;
        }

        var errors = new List<ValidationError>();
        void Fail(string path, ValidationText message) => errors.Add(new ValidationError(path, message));

        RequireText(plan.Regime, "$.regime", Fail);
        RequireText(plan.Title, "$.title", Fail);
        RefuseBidiControls(plan.Title, "$.title", Fail);
        ValidateApplicant(plan.Applicant, Fail);
        ValidateTools(plan.Tools, Fail);
        ValidateProductivity(plan.Productivity, Fail);
        return errors;
    }

    private static void ValidateApplicant(SubsidyApplicant applicant, Action<string, ValidationText> fail)
    {
        RequireText(applicant.Name, "$.applicant.name", fail);
        RefuseBidiControls(applicant.Name, "$.applicant.name", fail);
        OptionalText(applicant.Address, "$.applicant.address", fail);
        OptionalText(applicant.Representative, "$.applicant.representative", fail);
        if (!CorporateNumber.IsValid(applicant.CorporateNumber))
        {
            fail("$.applicant.corporateNumber", ValidationText.CorporateNumber);
        }

        if (applicant.Capital is null && applicant.EntityType == EntityType.Company)
        {
            fail("$.applicant.capital", ValidationText.CapitalRequired);
        }
        else if (applicant.Capital is < 0 or > MaxYen)
        {
            fail("$.applicant.capital", ValidationText.WholeYenFromZeroTo(MaxYen));
        }

        if (applicant.Employees < 0)
        {
            fail("$.applicant.employees", ValidationText.NotNegative);
        }

        PlanValidator.Share(applicant.Ownership.LargestLargeCompanyShare, "$.applicant.ownership.largestLargeCompanyShare", fail);
        PlanValidator.Share(applicant.Ownership.LargeCompaniesShare, "$.applicant.ownership.largeCompaniesShare", fail);
        PlanValidator.Share(applicant.Ownership.LargeCompanyPeopleBoardShare, "$.applicant.ownership.largeCompanyPeopleBoardShare", fail);
    }

    private static void ValidateTools(IReadOnlyList<ItTool> tools, Action<string, ValidationText> fail)
    {
        var seen = new PlanValidator.DistinctIds(new("Tool", "ITツール"));
        var total = 0m;
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            var path = $"$.tools[{i}]";
            RequireText(tool.Id, $"{path}.id", fail);
            RequireText(tool.Name, $"{path}.name", fail);
            RefuseBidiControls(tool.Name, $"{path}.name", fail);
            seen.Check(tool.Id, $"{path}.id", fail);

            if (tool.Cost <= 0)
            {
                fail($"{path}.cost", ValidationText.GreaterThanZeroYen);
            }

            if (tool.Months is < 1)
            {
                fail($"{path}.months", new("Must be at least 1.", "1 以上を指定してください。"));
            }

            total += tool.Cost;
        }

        if (total > MaxYen)
        {
            fail("$.tools", new($"The tools' total cost must not exceed {Yen(MaxYen)}.", $"ITツールの費用の合計は {Yen(MaxYen)} 以下にしてください。"));
        }
    }

    private static void ValidateProductivity(ProductivityPlan productivity, Action<string, ValidationText> fail)
    {
        var years = new HashSet<int>();
        for (var i = 0; i < productivity.Years.Count; i++)
        {
            var row = productivity.Years[i];
            var path = $"$.productivity.years[{i}]";
            if (!years.Add(row.FiscalYear))
            {
                fail($"{path}.fiscalYear", ValidationText.FiscalYearRepeated(row.FiscalYear));
            }

            if (row.Sales is < 0 or > MaxYen)
            {
                fail($"{path}.sales", ValidationText.WholeYenFromZeroTo(MaxYen));
            }

            if (row.CostOfSales is < 0 or > MaxYen)
            {
                fail($"{path}.costOfSales", ValidationText.WholeYenFromZeroTo(MaxYen));
            }

            if (row.Employees <= 0)
            {
                fail($"{path}.employees", ValidationText.GreaterThanZero);
            }

            if (row.HoursPerEmployee is <= 0 or > MaxHoursPerEmployee)
            {
                fail($"{path}.hoursPerEmployee", new(
                    $"Must be greater than zero and at most {MaxHoursPerEmployee.ToString(CultureInfo.InvariantCulture)}.",
                    $"0 より大きく {MaxHoursPerEmployee.ToString(CultureInfo.InvariantCulture)} 以下の値を指定してください。"));
            }
        }

        if (!years.Contains(productivity.BaseFiscalYear))
        {
            fail("$.productivity.years", new(
                $"A row for the base fiscal year {productivity.BaseFiscalYear} is required.", $"基準年度（{productivity.BaseFiscalYear} 年度）の行が必要です。"));
        }
    }

    private static void RequireText(string? value, string path, Action<string, ValidationText> fail) => PlanValidator.RequireText(value, path, fail);

    private static void RefuseBidiControls(string? value, string path, Action<string, ValidationText> fail) => PlanValidator.RefuseBidiControls(value, path, fail);

    private static void OptionalText(string? value, string path, Action<string, ValidationText> fail) => PlanValidator.OptionalText(value, path, fail);

}
