using System.Globalization;
using Assessor.Domain.Plans;
using Assessor.Domain.RegimeDefinitions.Subsidies;

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
        void Fail(string path, string message) => errors.Add(new ValidationError(path, message));

        RequireText(plan.Regime, "$.regime", Fail);
        RequireText(plan.Title, "$.title", Fail);
        RefuseBidiControls(plan.Title, "$.title", Fail);
        ValidateApplicant(plan.Applicant, Fail);
        ValidateTools(plan.Tools, Fail);
        ValidateProductivity(plan.Productivity, Fail);
        return errors;
    }

    private static void ValidateApplicant(SubsidyApplicant applicant, Action<string, string> fail)
    {
        RequireText(applicant.Name, "$.applicant.name", fail);
        RefuseBidiControls(applicant.Name, "$.applicant.name", fail);
        OptionalText(applicant.Address, "$.applicant.address", fail);
        OptionalText(applicant.Representative, "$.applicant.representative", fail);
        if (!CorporateNumber.IsValid(applicant.CorporateNumber))
        {
            fail("$.applicant.corporateNumber", "Must be a 13-digit corporate number whose first digit is its check digit.");
        }

        if (applicant.Capital is null && applicant.EntityType == EntityType.Company)
        {
            fail("$.applicant.capital", "Required for a company: its SME status is judged on capital or employees.");
        }
        else if (applicant.Capital is < 0 or > MaxYen)
        {
            fail("$.applicant.capital", $"Must be whole yen from 0 to {Yen(MaxYen)}.");
        }

        if (applicant.Employees < 0)
        {
            fail("$.applicant.employees", "Must not be negative.");
        }

        Share(applicant.Ownership.LargestLargeCompanyShare, "$.applicant.ownership.largestLargeCompanyShare", fail);
        Share(applicant.Ownership.LargeCompaniesShare, "$.applicant.ownership.largeCompaniesShare", fail);
        Share(applicant.Ownership.LargeCompanyPeopleBoardShare, "$.applicant.ownership.largeCompanyPeopleBoardShare", fail);
    }

    private static void ValidateTools(IReadOnlyList<ItTool> tools, Action<string, string> fail)
    {
        var seen = new PlanValidator.DistinctIds("Tool");
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
                fail($"{path}.cost", "Must be greater than zero (whole yen).");
            }

            if (tool.Months is < 1)
            {
                fail($"{path}.months", "Must be at least 1.");
            }

            total += tool.Cost;
        }

        if (total > MaxYen)
        {
            fail("$.tools", $"The tools' total cost must not exceed {Yen(MaxYen)}.");
        }
    }

    private static void ValidateProductivity(ProductivityPlan productivity, Action<string, string> fail)
    {
        var years = new HashSet<int>();
        for (var i = 0; i < productivity.Years.Count; i++)
        {
            var row = productivity.Years[i];
            var path = $"$.productivity.years[{i}]";
            if (!years.Add(row.FiscalYear))
            {
                fail($"{path}.fiscalYear", $"Fiscal year {row.FiscalYear} appears more than once.");
            }

            if (row.Sales is < 0 or > MaxYen)
            {
                fail($"{path}.sales", $"Must be whole yen from 0 to {Yen(MaxYen)}.");
            }

            if (row.CostOfSales is < 0 or > MaxYen)
            {
                fail($"{path}.costOfSales", $"Must be whole yen from 0 to {Yen(MaxYen)}.");
            }

            if (row.Employees <= 0)
            {
                fail($"{path}.employees", "Must be greater than zero.");
            }

            if (row.HoursPerEmployee is <= 0 or > MaxHoursPerEmployee)
            {
                fail($"{path}.hoursPerEmployee", $"Must be greater than zero and at most {MaxHoursPerEmployee.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        if (!years.Contains(productivity.BaseFiscalYear))
        {
            fail("$.productivity.years", $"A row for the base fiscal year {productivity.BaseFiscalYear} is required.");
        }
    }

    private static void Share(decimal share, string path, Action<string, string> fail)
    {
        if (share is < 0 or > 1)
        {
            fail(path, "Must be a share from 0 to 1 (0.5 = half).");
        }
    }

    private static void RequireText(string? value, string path, Action<string, string> fail) => PlanValidator.RequireText(value, path, fail);

    private static void RefuseBidiControls(string? value, string path, Action<string, string> fail) => PlanValidator.RefuseBidiControls(value, path, fail);

    private static void OptionalText(string? value, string path, Action<string, string> fail) => PlanValidator.OptionalText(value, path, fail);

    private static string Yen(long amount) => "¥" + amount.ToString("N0", CultureInfo.InvariantCulture);
}
