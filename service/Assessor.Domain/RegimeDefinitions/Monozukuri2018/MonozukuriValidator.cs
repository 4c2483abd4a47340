using System.Globalization;
using Assessor.Domain.Plans;
using static Assessor.Domain.YenFormat;

namespace Assessor.Domain.RegimeDefinitions.Monozukuri2018;

/// <summary>
/// Structural checks on a parsed <see cref="MonozukuriPlan"/>, every problem at once, located by JSON path. Whether the plan
/// meets the subsidy's conditions (participants, window, SME, machinery, targets, the floor) is the assessment's job; only
/// what makes a document meaningless is refused here.
/// </summary>
public static class MonozukuriValidator
{
    /// <summary>¥10^15: far above any real plan, and low enough that every sum of yen stays exact in <c>long</c>.</summary>
    public const long MaxYen = 1_000_000_000_000_000;

    /// <summary>
    /// The most participants a document may list: the data-sharing type takes 10, and the <c>participants</c> requirement judges
    /// 11 to this many; more is not a plan.
    /// </summary>
    public const int MaxParticipants = 50;

    public static IReadOnlyList<ValidationError> Validate(MonozukuriPlan plan)
    {
        // The serializer enforces non-null members but not non-null list items; nothing below may see a null.
        List<ValidationError> nullItems =
        [
            .. PlanValidator.NullItems(plan.Participants, "$.participants"), .. PlanValidator.NullItems(plan.SharedData, "$.linkages"),
            .. plan.Participants.Select((p, i) => (p, i)).Where(x => x.p is not null)
                .SelectMany(x => PlanValidator.NullItems(x.p.Costs, $"$.participants[{x.i}].costs")),
        ];
        if (nullItems.Count > 0)
        {
            return nullItems;
        }

        var errors = new List<ValidationError>();
        void Fail(string path, ValidationText message) => errors.Add(new ValidationError(path, message));

        Text(plan.Regime, "$.regime", Fail);
        Text(plan.Title, "$.title", Fail);
        if (plan.Participants.Count is 0 or > MaxParticipants)
        {
            Fail("$.participants", new($"Must list from 1 to {MaxParticipants} participants.", $"参加者を 1 者から {MaxParticipants} 者まで指定してください。"));
        }

        for (var i = 0; i < plan.Participants.Count; i++)
        {
            ValidateParticipant(plan.Participants[i], plan.Type, $"$.participants[{i}]", Fail);
        }

        var linkageIds = new PlanValidator.DistinctIds(new("Linkage", "データ連携"));
        for (var i = 0; i < plan.SharedData.Count; i++)
        {
            var linkage = plan.SharedData[i];
            var path = $"$.linkages[{i}]";
            Text(linkage.Id, $"{path}.id", Fail);
            linkageIds.Check(linkage.Id, $"{path}.id", Fail);
            Text(linkage.Data, $"{path}.data", Fail);
            Text(linkage.FromParticipant, $"{path}.fromParticipant", Fail);
            Text(linkage.ToParticipant, $"{path}.toParticipant", Fail);
            if (linkage.Purpose is not null)
            {
                PlanValidator.RefuseBidiControls(linkage.Purpose, $"{path}.purpose", Fail);
            }
        }

        if (plan.SupportOrganisation is { } organisation)
        {
            Text(organisation.RegistrationNumber, "$.supportOrganisation.registrationNumber", Fail);
            // The registry keeps certification numbers of at most 32 characters; a longer one could name no organisation.
            if (organisation.RegistrationNumber is { Length: > 32 })
            {
                Fail("$.supportOrganisation.registrationNumber", new(
                    "At most 32 characters: the certification number as issued.", "交付された認定番号を 32 文字以内で指定してください。"));
            }
        }

        return errors;
    }

    private static void ValidateParticipant(Participant participant, MonozukuriType type, string path, Action<string, ValidationText> fail)
    {
        Text(participant.Name, $"{path}.name", fail);
        Text(participant.CorporateNumber, $"{path}.corporateNumber", fail);
        if (participant.Capital is null && participant.EntityType == Subsidies.EntityType.Company)
        {
            fail($"{path}.capital", ValidationText.CapitalRequired);
        }
        else if (participant.Capital is < 0 or > MaxYen)
        {
            fail($"{path}.capital", ValidationText.WholeYenFromZeroTo(MaxYen));
        }

        if (participant.Employees < 0)
        {
            fail($"{path}.employees", ValidationText.NotNegative);
        }

        PlanValidator.Share(participant.Ownership.LargestLargeCompanyShare, $"{path}.ownership.largestLargeCompanyShare", fail);
        PlanValidator.Share(participant.Ownership.LargeCompaniesShare, $"{path}.ownership.largeCompaniesShare", fail);
        PlanValidator.Share(participant.Ownership.LargeCompanyPeopleBoardShare, $"{path}.ownership.largeCompanyPeopleBoardShare", fail);

        // An allocation belongs to the data-sharing pool; in any other type it would be money the plan cannot have.
        if (type != MonozukuriType.DataSharing && participant.Allocation is { } allocation && allocation != 0)
        {
            fail($"{path}.allocation", new(
                "Only a data-sharing plan allocates the pool; leave it out or 0 for this type.", "配分額を指定できるのは企業間データ活用型の計画だけです。この類型では省くか 0 にしてください。"));
        }
        else if (participant.Allocation is < -MaxYen or > MaxYen)
        {
            fail($"{path}.allocation", ValidationText.WholeYenWithin(MaxYen));
        }

        if (participant.ManagementInnovationPlan is { } mip)
        {
            PlanValidator.Share(mip.Targets.ValueAdded, $"{path}.managementInnovationPlan.targets.valueAdded", fail);
            PlanValidator.Share(mip.Targets.OrdinaryProfit, $"{path}.managementInnovationPlan.targets.ordinaryProfit", fail);
            PlanValidator.Share(mip.Targets.LabourProductivity, $"{path}.managementInnovationPlan.targets.labourProductivity", fail);
        }

        var ids = new PlanValidator.DistinctIds(new("Cost", "経費"));
        var total = 0m;
        for (var i = 0; i < participant.Costs.Count; i++)
        {
            var cost = participant.Costs[i];
            var costPath = $"{path}.costs[{i}]";
            Text(cost.Id, $"{costPath}.id", fail);
            ids.Check(cost.Id, $"{costPath}.id", fail);
            Text(cost.Category, $"{costPath}.category", fail);
            Text(cost.Name, $"{costPath}.name", fail);
            if (cost.Cost is <= 0 or > MaxYen)
            {
                fail($"{costPath}.cost", new(
                    $"Must be whole yen greater than zero and at most {Yen(MaxYen)}.", $"0 より大きく {Yen(MaxYen)} 以下の金額（円単位の整数）を指定してください。"));
            }

            total += cost.Cost;
        }

        if (total > MaxYen)
        {
            fail($"{path}.costs", new($"The costs' total must not exceed {Yen(MaxYen)}.", $"経費の合計は {Yen(MaxYen)} 以下にしてください。"));
        }

        ValidatePlan(participant.Plan, $"{path}.plan", fail);
    }

    private static void ValidatePlan(BusinessPlan plan, string path, Action<string, ValidationText> fail)
    {
        if (plan.Years is < 3 or > 5)
        {
            fail($"{path}.years", new("Must be 3, 4 or 5.", "3、4 または 5 を指定してください。"));
        }
        else if (plan.Final.FiscalYear != plan.Base.FiscalYear + plan.Years)
        {
            fail($"{path}.final.fiscalYear", new(
                $"Must be the base fiscal year plus the plan's {plan.Years} years ({plan.Base.FiscalYear + plan.Years}).",
                $"基準年度に計画の {plan.Years} 年を足した年度（{plan.Base.FiscalYear + plan.Years}）を指定してください。"));
        }

        foreach (var (year, name) in new[] { (plan.Base, "base"), (plan.Final, "final") })
        {
            if (year.OperatingProfit is < -MaxYen or > MaxYen)
            {
                fail($"{path}.{name}.operatingProfit", ValidationText.WholeYenWithin(MaxYen));
            }

            foreach (var (value, member) in new[]
            {
                (year.PersonnelCosts, "personnelCosts"), (year.Depreciation, "depreciation"), (year.NonOperatingExpenses, "nonOperatingExpenses"),
            })
            {
                if (value is < 0 or > MaxYen)
                {
                    fail($"{path}.{name}.{member}", ValidationText.WholeYenFromZeroTo(MaxYen));
                }
            }

            if (year.Employees < 0)
            {
                fail($"{path}.{name}.employees", ValidationText.NotNegative);
            }
        }
    }

    private static void Text(string? value, string path, Action<string, ValidationText> fail)
    {
        PlanValidator.RequireText(value, path, fail);
        PlanValidator.RefuseBidiControls(value, path, fail);
    }

}
