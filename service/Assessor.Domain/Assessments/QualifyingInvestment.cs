using Assessor.Domain.Plans;

namespace Assessor.Domain.Assessments;

/// <summary>
/// Which assets count towards the qualifying acquisition cost, and why the others do not. Software
/// qualifies on its own; fixtures/equipment and machinery only with qualifying software (machinery also
/// only when it collects data automatically); every asset must be new and acquired and in service inside the window.
/// </summary>
public sealed record QualifyingInvestment(
    long Qualifying,
    long Total,
    IReadOnlyList<string> QualifyingAssets,
    IReadOnlyList<AssetExclusion> Excluded,
    IReadOnlyList<Reason> ExclusionReasons)
{
    public static QualifyingInvestment Compute(PlanDocument plan, Regime regime)
    {
        // Hardware is judged against its software, so software goes first; the lookup keeps it linear.
        var softwareQualifies = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var asset in plan.Assets.Where(a => a.Class == AssetClass.Software))
        {
            softwareQualifies.TryAdd(asset.Id, BasicExclusions(asset, regime).Count == 0);
        }

        long qualifying = 0, total = 0;
        var qualifyingAssets = new List<string>();
        var excluded = new List<AssetExclusion>();
        var exclusionReasons = new List<Reason>();
        foreach (var asset in plan.Assets)
        {
            total = checked(total + asset.Cost);
            var reasons = BasicExclusions(asset, regime);
            if (asset.Class != AssetClass.Software)
            {
                reasons.AddRange(HardwareExclusions(asset, softwareQualifies));
            }

            if (reasons.Count == 0)
            {
                qualifying = checked(qualifying + asset.Cost);
                qualifyingAssets.Add(asset.Id);
            }
            else
            {
                excluded.Add(new AssetExclusion(asset.Id, reasons.Select(r => r.Code).ToList()));
                exclusionReasons.AddRange(reasons);
            }
        }

        return new QualifyingInvestment(qualifying, total, qualifyingAssets, excluded, exclusionReasons);
    }

    private static List<Reason> BasicExclusions(Asset asset, Regime regime)
    {
        var reasons = new List<Reason>();
        if (!asset.IsNew)
        {
            reasons.Add(Reasons.AssetNotNew(asset));
        }

        if (!InWindow(asset.AcquiredOn, regime) || !InWindow(asset.InServiceOn, regime))
        {
            reasons.Add(Reasons.AssetOutsideWindow(asset, regime));
        }

        return reasons;
    }

    private static IEnumerable<Reason> HardwareExclusions(Asset asset, Dictionary<string, bool> softwareQualifies)
    {
        if (asset.WithSoftware is null || !softwareQualifies.TryGetValue(asset.WithSoftware, out var softwareOk))
        {
            yield return Reasons.HardwareWithoutSoftware(asset);
        }
        else if (!softwareOk)
        {
            yield return Reasons.LinkedSoftwareNotQualifying(asset);
        }

        if (asset.Class == AssetClass.Machinery && asset.CollectsDataAutomatically != true)
        {
            yield return Reasons.MachineryNotCollectingData(asset);
        }
    }

    private static bool InWindow(DateOnly date, Regime regime) => date >= regime.WindowStart && date <= regime.WindowEnd;
}

/// <summary>An asset left out of the qualifying base, with every reason code that applies.</summary>
/// <param name="AssetId">The asset's id in the plan.</param>
/// <param name="Reasons">Every reason code that applies (see docs/assessment-codes.md).</param>
public sealed record AssetExclusion(string AssetId, IReadOnlyList<string> Reasons);

/// <summary>minimum-investment: the qualifying acquisition cost must reach the regime's minimum.</summary>
public sealed class MinimumInvestmentRule : IRequirementRule
{
    public string Id => RequirementIds.MinimumInvestment;

    public RequirementResult Evaluate(AssessmentContext context)
    {
        var investment = context.Investment;
        var minimum = context.Regime.MinimumQualifyingInvestment;
        var passes = investment.Qualifying >= minimum;
        List<Reason> reasons =
        [
            passes
                ? Reasons.InvestmentMeetsMinimum(investment.Qualifying, minimum)
                : Reasons.InvestmentBelowMinimum(investment.Qualifying, minimum),
            .. investment.ExclusionReasons,
        ];
        var figures = new MinimumInvestmentFigures(investment.Qualifying, minimum, investment.Excluded, investment.QualifyingAssets);
        return RequirementResult.Decide(Id, passes, reasons, figures);
    }
}

/// <summary>The qualifying acquisition cost against the regime's minimum, and which assets count toward it.</summary>
/// <param name="Qualifying">The qualifying acquisition cost, in yen.</param>
/// <param name="Threshold">The minimum the regime asks for, in yen (e.g. 50,000,000).</param>
/// <param name="Excluded">Each asset left out of the qualifying base, with its reason codes.</param>
/// <param name="QualifyingAssets">The ids of the assets that count.</param>
public sealed record MinimumInvestmentFigures(long Qualifying, long Threshold, IReadOnlyList<AssetExclusion> Excluded, IReadOnlyList<string> QualifyingAssets);
