using Assessor.Domain.RegimeDefinitions.Subsidies;

namespace Assessor.Domain.RegimeDefinitions.Monozukuri2018;

/// <summary>Why a participant gets the rate it gets.</summary>
public static class RateBasis
{
    /// <summary>The data-sharing type: 2/3.</summary>
    public const string DataSharing = "data-sharing";

    /// <summary>General type, raised to 2/3 by a certified advanced-equipment plan in a zero-rate municipality.</summary>
    public const string AdvancedEquipmentPlan = "advanced-equipment-plan";

    /// <summary>General type, raised to 2/3 by an approved management innovation plan with the least targets.</summary>
    public const string ManagementInnovationPlan = "management-innovation-plan";

    /// <summary>General type: 1/2.</summary>
    public const string General = "general";

    /// <summary>A small type applied for by a small business: 2/3.</summary>
    public const string SmallBusiness = "small-business";

    /// <summary>A small type applied for by a company that is not a small business: 1/2.</summary>
    public const string NotSmallBusiness = "not-small-business";
}

/// <summary>The grant of the whole plan: one line per participant, in plan order, and their total.</summary>
public sealed record ConsortiumGrant
{
    /// <summary>Each participant's grant, in the order the plan lists the participants.</summary>
    public required IReadOnlyList<ParticipantGrant> Participants { get; init; }

    /// <summary>The sum of the participants' amounts, whole yen.</summary>
    public required long Total { get; init; }
}

/// <summary>One participant's grant: eligible cost × rate, truncated, against the floor and its cap built up from the type's cap.</summary>
public sealed record ParticipantGrant
{
    /// <summary>The participant's corporate number.</summary>
    public required string CorporateNumber { get; init; }

    /// <summary>The cost the rate applies to, whole yen: the participant's costs in eligible categories.</summary>
    public required long EligibleCost { get; init; }

    /// <summary>The costs left out, each with its reason code (<c>cost-category-not-eligible</c>).</summary>
    public required IReadOnlyList<ExcludedItem> Excluded { get; init; }

    /// <summary>The grant rate as an exact fraction: <c>1/2</c> or <c>2/3</c>.</summary>
    public required string Rate { get; init; }

    /// <summary>
    /// Why that rate: <c>data-sharing</c>, <c>advanced-equipment-plan</c>, <c>management-innovation-plan</c>, <c>general</c>,
    /// <c>small-business</c> or <c>not-small-business</c>.
    /// </summary>
    public required string RateBasis { get; init; }

    /// <summary>The eligible cost times the rate, truncated to whole yen (切り捨て): what the floor is compared with.</summary>
    public required long BeforeCap { get; init; }

    /// <summary>The least grant (補助下限額), whole yen: a grant before the cap below it is 0.</summary>
    public required long Floor { get; init; }

    /// <summary>The type's cap, before the allocation and the expert add-on.</summary>
    public required long TypeCap { get; init; }

    /// <summary>What the participant's allocation of the data-sharing pool adds to its cap (its allocation, 0 when negative or another type).</summary>
    public required long AllocationAdded { get; init; }

    /// <summary>What using an outside expert adds to the cap: 300,000 yen, or 0.</summary>
    public required long ExpertAdded { get; init; }

    /// <summary>The cap: the type's cap plus the allocation and the expert add-on.</summary>
    public required long Cap { get; init; }

    /// <summary>The grant, whole yen: the grant before the cap limited to the cap; 0 when it is below the floor.</summary>
    public required long Amount { get; init; }
}

/// <summary>
/// A participant's grant from its figures alone, whatever the requirements say, so an applicant sees what it would get. Rates
/// are exact fractions; the product is truncated to whole yen before the floor and the cap.
/// </summary>
public static class MonozukuriGrantCalculator
{
    public static ParticipantGrant Calculate(MonozukuriPlan plan, Participant participant, MonozukuriRegime regime)
    {
        var type = regime.For(plan.Type);
        var excluded = new List<ExcludedItem>();
        var eligible = 0L;
        foreach (var cost in participant.Costs)
        {
            if (type.EligibleCategories.Contains(cost.Category, StringComparer.Ordinal))
            {
                eligible += cost.Cost;
            }
            else
            {
                excluded.Add(new ExcludedItem(cost.Id, MonozukuriCodes.CostCategoryNotEligible));
            }
        }

        var (rate, basis) = Rate(plan, participant, regime);
        var beforeCap = (long)(Fraction.Of(eligible) * rate).Floor();
        // A failing allocation still raises the cap (the applicant sees what it would get); a negative one cannot lower it.
        var allocation = plan.Type == MonozukuriType.DataSharing ? Math.Max(participant.Allocation ?? 0, 0) : 0;
        var expert = participant.ExpertUsed == true ? regime.ExpertAddOn : 0;
        var cap = type.Cap + allocation + expert;
        return new ParticipantGrant
        {
            CorporateNumber = participant.CorporateNumber,
            EligibleCost = eligible,
            Excluded = excluded,
            Rate = rate.ToString(),
            RateBasis = basis,
            BeforeCap = beforeCap,
            Floor = regime.GrantFloor,
            TypeCap = type.Cap,
            AllocationAdded = allocation,
            ExpertAdded = expert,
            Cap = cap,
            Amount = beforeCap < regime.GrantFloor ? 0 : Math.Min(beforeCap, cap),
        };
    }

    private static (Fraction Rate, string Basis) Rate(MonozukuriPlan plan, Participant participant, MonozukuriRegime regime)
    {
        if (plan.Type == MonozukuriType.DataSharing)
        {
            return (regime.RaisedRate, RateBasis.DataSharing);
        }

        if (regime.For(plan.Type).SmallType)
        {
            return regime.Sme.Judge(MonozukuriSme.AsApplicant(participant)).SmallBusiness
                ? (regime.RaisedRate, RateBasis.SmallBusiness)
                : (regime.OrdinaryRate, RateBasis.NotSmallBusiness);
        }

        if (participant.AdvancedEquipmentPlan is { Certified: true, ZeroRateMunicipality: true })
        {
            return (regime.RaisedRate, RateBasis.AdvancedEquipmentPlan);
        }

        return RaisesRate(participant.ManagementInnovationPlan, regime)
            ? (regime.RaisedRate, RateBasis.ManagementInnovationPlan)
            : (regime.OrdinaryRate, RateBasis.General);
    }

    /// <summary>An approved management innovation plan, applied for on or after the day that counts, with at least the least targets.</summary>
    public static bool RaisesRate(ManagementInnovationPlan? mip, MonozukuriRegime regime) =>
        mip is { Approved: true } approved
        && approved.AppliedOn >= regime.ManagementPlanAppliedFrom
        && approved.Targets.ValueAdded >= regime.ManagementPlanTargets.ValueAdded
        && approved.Targets.OrdinaryProfit >= regime.ManagementPlanTargets.OrdinaryProfit
        && approved.Targets.LabourProductivity >= regime.ManagementPlanTargets.LabourProductivity;
}
