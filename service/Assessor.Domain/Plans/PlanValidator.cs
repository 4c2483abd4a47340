using System.Globalization;

namespace Assessor.Domain.Plans;

/// <summary>
/// Structural checks on a parsed plan. Every problem is reported at once. Whether the plan meets the
/// measure's conditions (period length, window, thresholds) is the assessment's job, never a validation error.
/// </summary>
public static class PlanValidator
{
    /// <summary>Years t0..t3 must be present: the productivity targets are measured over three years after t0.</summary>
    public const int RequiredYearsAfterBase = 3;

    /// <summary>¥10^15: far above any real plan, and low enough that the assessment's sums stay within whole-yen <c>long</c>.</summary>
    public const long MaxTotalAssetCost = 1_000_000_000_000_000;

    public static IReadOnlyList<ValidationError> Validate(PlanDocument plan)
    {
        // The serializer enforces non-null members but not non-null list items; nothing below may see a null.
        List<ValidationError> nullItems =
            [.. NullItems(plan.Assets, "$.assets"), .. NullItems(plan.Linkages, "$.linkages"), .. NullItems(plan.Financials, "$.financials")];
        if (nullItems.Count > 0)
        {
            return nullItems;
        }

        var errors = new List<ValidationError>();
        void Fail(string path, ValidationText message) => errors.Add(new ValidationError(path, message));

        RequireText(plan.Regime, "$.regime", Fail);
        RequireText(plan.Title, "$.title", Fail);
        RequireText(plan.Applicant.Name, "$.applicant.name", Fail);
        RefuseBidiControls(plan.Title, "$.title", Fail);
        RefuseBidiControls(plan.Applicant.Name, "$.applicant.name", Fail);
        if (!CorporateNumber.IsValid(plan.Applicant.CorporateNumber))
        {
            Fail("$.applicant.corporateNumber", ValidationText.CorporateNumber);
        }

        if (plan.Applicant.Employees is < 0)
        {
            Fail("$.applicant.employees", ValidationText.NotNegative);
        }

        OptionalText(plan.Applicant.Address, "$.applicant.address", Fail);
        OptionalText(plan.Applicant.Representative, "$.applicant.representative", Fail);

        if (plan.Period.End <= plan.Period.Start)
        {
            Fail("$.period.end", new("The period must end after it starts.", "計画期間の終わりは始まりより後にしてください。"));
        }

        ValidateAssets(plan.Assets, Fail);
        ValidateLinkages(plan.Linkages, Fail);
        ValidateFinancials(plan, Fail);

        if (plan.Wages is { } wages)
        {
            if (wages.ContinuingEmployeesPriorYear <= 0)
            {
                Fail("$.wages.continuingEmployeesPriorYear", ValidationText.GreaterThanZero);
            }

            if (wages.ContinuingEmployeesCurrentYear < 0)
            {
                Fail("$.wages.continuingEmployeesCurrentYear", ValidationText.NotNegative);
            }
        }

        if (plan.Tax is { } tax)
        {
            if (tax.CorporateTax < 0)
            {
                Fail("$.tax.corporateTax", ValidationText.NotNegative);
            }

            if (tax.EffectiveTaxRate is < 0 or > 1)
            {
                Fail("$.tax.effectiveTaxRate", new("Must be a ratio between 0 and 1 (0.30 = 30 %).", "0 から 1 までの比率を指定してください（0.30 = 30 %）。"));
            }

            if (tax.DomesticCapex is < 0)
            {
                Fail("$.tax.domesticCapex", ValidationText.NotNegative);
            }

            if (tax.TotalDepreciation is < 0)
            {
                Fail("$.tax.totalDepreciation", ValidationText.NotNegative);
            }
        }

        if (plan.SecurityExpert is { } expert && !Identifiers.IsSpecialistNumber(Identifiers.Normalize(expert.RegistrationNumber ?? "")))
        {
            Fail("$.securityExpert.registrationNumber",
                new($"A RISS registration number is six digits, zero-padded (e.g. 011172); an IT Coordinator's is {Identifiers.ItCoordinatorFormat}.",
                    $"情報処理安全確保支援士の登録番号は 0 埋めの 6 桁（例: 011172）、ITコーディネータの番号は {Identifiers.ItCoordinatorFormatJa} です。"));
        }

        return errors;
    }

    /// <summary>An error for every null item of a list the JSON gave.</summary>
    public static IEnumerable<ValidationError> NullItems<T>(IReadOnlyList<T?>? items, string path) where T : class =>
        (items ?? []).Select((item, i) => (item, i)).Where(x => x.item is null).Select(x => new ValidationError($"{path}[{x.i}]", ValidationText.ObjectNotNull));

    private static void ValidateAssets(IReadOnlyList<Asset> assets, Action<string, ValidationText> fail)
    {
        if (assets.Count == 0)
        {
            fail("$.assets", new("At least one asset is required.", "資産を 1 件以上指定してください。"));
        }

        // A lookup, not a scan per asset: plans with thousands of assets must validate in linear time.
        var firstById = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var asset in assets)
        {
            firstById.TryAdd(asset.Id, asset);
        }

        var seen = new DistinctIds(new("Asset", "資産"));
        var totalCost = 0m;
        for (var i = 0; i < assets.Count; i++)
        {
            var asset = assets[i];
            var path = $"$.assets[{i}]";
            RequireText(asset.Id, $"{path}.id", fail);
            RequireText(asset.Name, $"{path}.name", fail);
            RefuseBidiControls(asset.Name, $"{path}.name", fail);
            seen.Check(asset.Id, $"{path}.id", fail);

            if (asset.Cost <= 0)
            {
                fail($"{path}.cost", ValidationText.GreaterThanZeroYen);
            }

            totalCost += asset.Cost;
            if (asset.InServiceOn < asset.AcquiredOn)
            {
                fail($"{path}.inServiceOn", new("An asset cannot be put into service before it is acquired.", "取得する前に供用を始めることはできません。"));
            }

            if (asset.WithSoftware is { } softwareId)
            {
                if (!firstById.TryGetValue(softwareId, out var software) || software.Class != AssetClass.Software || ReferenceEquals(software, asset))
                {
                    fail($"{path}.withSoftware", new(
                        $"Must name a software asset of this plan; '{softwareId}' is not one.", $"この計画のソフトウェア資産を指定してください。'{softwareId}' はそうではありません。"));
                }
            }
        }

        if (totalCost > MaxTotalAssetCost)
        {
            fail("$.assets", new(
                $"The assets' total cost must not exceed {YenFormat.Yen(MaxTotalAssetCost)}.", $"資産の取得価額の合計は {YenFormat.Yen(MaxTotalAssetCost)} 以下にしてください。"));
        }
    }

    private static void ValidateLinkages(IReadOnlyList<Linkage> linkages, Action<string, ValidationText> fail)
    {
        var seen = new DistinctIds(new("Linkage", "データ連携"));
        for (var i = 0; i < linkages.Count; i++)
        {
            var linkage = linkages[i];
            var path = $"$.linkages[{i}]";
            RequireText(linkage.Id, $"{path}.id", fail);
            RequireText(linkage.Data, $"{path}.data", fail);
            RequireText(linkage.From, $"{path}.from", fail);
            RequireText(linkage.To, $"{path}.to", fail);
            RequireText(linkage.Purpose, $"{path}.purpose", fail);
            RefuseBidiControls(linkage.From, $"{path}.from", fail);
            RefuseBidiControls(linkage.To, $"{path}.to", fail);
            seen.Check(linkage.Id, $"{path}.id", fail);
        }
    }

    private static void ValidateFinancials(PlanDocument plan, Action<string, ValidationText> fail)
    {
        var years = new HashSet<int>();
        for (var i = 0; i < plan.Financials.Count; i++)
        {
            var row = plan.Financials[i];
            var path = $"$.financials[{i}]";
            if (!years.Add(row.FiscalYear))
            {
                fail($"{path}.fiscalYear", ValidationText.FiscalYearRepeated(row.FiscalYear));
            }

            if (row.Headcount <= 0)
            {
                fail($"{path}.headcount", ValidationText.GreaterThanZero);
            }

            if (row.PersonnelCosts < 0)
            {
                fail($"{path}.personnelCosts", ValidationText.NotNegative);
            }

            if (row.Depreciation < 0)
            {
                fail($"{path}.depreciation", ValidationText.NotNegative);
            }

            if (plan.LabourInput == LabourInput.Hours && row.HoursPerPerson is not > 0)
            {
                fail($"{path}.hoursPerPerson", new(
                    "Required and greater than zero when labourInput is 'hours'.", "labourInput が 'hours' のときは必須で、0 より大きい値が必要です。"));
            }
        }

        for (var offset = 0; offset <= RequiredYearsAfterBase; offset++)
        {
            var year = plan.BaseFiscalYear + offset;
            if (!years.Contains(year))
            {
                fail("$.financials", new($"A row for fiscal year {year} (t{offset}) is required.", $"{year} 年度（t{offset}）の行が必要です。"));
            }
        }
    }

    internal static void RequireText(string? value, string path, Action<string, ValidationText> fail)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            fail(path, ValidationText.NotEmpty);
        }
    }

    /// <summary>An optional text: absent is fine, but when given it must say something and must not be disguised.</summary>
    internal static void OptionalText(string? value, string path, Action<string, ValidationText> fail)
    {
        if (value is null)
        {
            return;
        }

        RequireText(value, path, fail);
        RefuseBidiControls(value, path, fail);
    }

    /// <summary>A share of ownership or a target ratio: from 0 to 1.</summary>
    internal static void Share(decimal share, string path, Action<string, ValidationText> fail)
    {
        if (share is < 0 or > 1)
        {
            fail(path, ValidationText.Share);
        }
    }

    internal static void RefuseBidiControls(string? value, string path, Action<string, ValidationText> fail)
    {
        if (Identifiers.HasBidiControl(value))
        {
            fail(path, ValidationText.BidiControls);
        }
    }

    /// <summary>Ids of one list: each used once, none a look-alike of another, none with bidirectional controls.</summary>
    internal sealed class DistinctIds(ValidationText what)
    {
        private readonly Dictionary<string, string> byLookAlike = new(StringComparer.Ordinal);

        public void Check(string? id, string path, Action<string, ValidationText> fail)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                return;
            }

            RefuseBidiControls(id, path, fail);
            if (!byLookAlike.TryAdd(Identifiers.LookAlikeKey(id), id))
            {
                var first = byLookAlike[Identifiers.LookAlikeKey(id)];
                fail(path, first == id
                    ? new($"{what.En} id '{id}' is used more than once.", $"{what.Ja}の id '{id}' が 2 回以上使われています。")
                    : new($"{what.En} id '{id}' differs from '{first}' only by look-alike characters (width, case or script); choose ids a reader can tell apart.",
                        $"{what.Ja}の id '{id}' は '{first}' と紛らわしい文字（全角・半角、大文字・小文字、字体）の違いしかありません。見分けられる id にしてください。"));
            }
        }
    }
}
