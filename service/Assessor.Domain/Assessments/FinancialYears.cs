using Assessor.Domain.Plans;

namespace Assessor.Domain.Assessments;

/// <summary>The financial rows t0..t3 that the productivity targets are measured over.</summary>
public static class FinancialYears
{
    /// <summary>t0 is the base year; targets are measured over the three years after it.</summary>
    public const int YearsAfterBase = 3;

    /// <summary>The rows for t0..t3 in order, or the reasons naming each missing year.</summary>
    public static bool TryResolve(PlanDocument plan, out IReadOnlyList<FinancialYear> rows, out IReadOnlyList<Reason> missing)
    {
        var byYear = new Dictionary<int, FinancialYear>();
        foreach (var row in plan.Financials)
        {
            byYear.TryAdd(row.FiscalYear, row);
        }

        var found = new List<FinancialYear>();
        var absent = new List<Reason>();
        for (var t = 0; t <= YearsAfterBase; t++)
        {
            var year = plan.BaseFiscalYear + t;
            if (byYear.TryGetValue(year, out var row))
            {
                found.Add(row);
            }
            else
            {
                absent.Add(Reasons.FinancialYearMissing(year, t));
            }
        }

        rows = found;
        missing = absent;
        return absent.Count == 0;
    }
}
