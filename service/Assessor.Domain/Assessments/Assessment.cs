using System.Text.Json.Serialization;

namespace Assessor.Domain.Assessments;

/// <summary>The verdict on one plan under one regime, shaped as docs/api.md and docs/assessment-codes.md describe the response.</summary>
public sealed record Assessment
{
    /// <summary>Set by the service (<c>with { PlanId = … }</c>) for a stored plan; absent for an unsaved document.</summary>
    public string? PlanId { get; init; }
    public int? Revision { get; init; }
    /// <summary><c>sha256:…</c> of the revision's bytes, set by the service.</summary>
    public string? Digest { get; init; }
    public required string Regime { get; init; }
    /// <summary>True only when every requirement passes.</summary>
    public required bool Eligible { get; init; }
    public required IReadOnlyList<RequirementResult> Requirements { get; init; }
    public required TaxBenefit TaxBenefit { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<RequirementStatus>))]
public enum RequirementStatus
{
    [JsonStringEnumMemberName("pass")] Pass,
    [JsonStringEnumMemberName("fail")] Fail,
    /// <summary>Waiting on something outside the plan, such as a security sign-off.</summary>
    [JsonStringEnumMemberName("pending")] Pending,
}

/// <summary>The stable ids of the requirements, as docs/rules.md names them.</summary>
public static class RequirementIds
{
    public const string DataLinkage = "data-linkage";
    public const string Security = "security";
    public const string LabourProductivity = "labour-productivity";
    public const string ReturnOnInvestment = "return-on-investment";
    public const string MinimumInvestment = "minimum-investment";
    public const string Window = "window";
}

/// <summary>
/// One requirement's verdict. <see cref="Figures"/> is the rule's own figures record (or a dictionary),
/// serialised by its runtime type so that a new rule needs no change here.
/// </summary>
public sealed record RequirementResult(string Id, RequirementStatus Status, IReadOnlyList<Reason> Reasons, object? Figures = null)
{
    public static RequirementResult Decide(string id, bool passes, IReadOnlyList<Reason> reasons, object? figures) =>
        new(id, passes ? RequirementStatus.Pass : RequirementStatus.Fail, reasons, figures);
}

[JsonConverter(typeof(JsonStringEnumConverter<BenefitOption>))]
public enum BenefitOption
{
    [JsonStringEnumMemberName("special-depreciation")] SpecialDepreciation,
    [JsonStringEnumMemberName("tax-credit")] TaxCredit,
}

/// <summary>Both benefit options, computed on the qualifying acquisition cost, and the one to take.</summary>
public sealed record TaxBenefit
{
    public required SpecialDepreciation SpecialDepreciation { get; init; }
    public required TaxCredit TaxCredit { get; init; }
    public required BenefitOption Recommended { get; init; }
    /// <summary>One sentence on why <see cref="Recommended"/> is the better option.</summary>
    public required Reason Explanation { get; init; }
    /// <summary>The qualifying acquisition cost both options are computed on, whole yen.</summary>
    public required long Base { get; init; }
    public string MoneyRounding { get; init; } = "truncated to whole yen (切り捨て)";
}

public sealed record SpecialDepreciation
{
    public required decimal Rate { get; init; }
    public required long Amount { get; init; }
    /// <summary>Amount × the plan's effective tax rate; null (and written as null) when the plan gives no rate.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required long? FirstYearTaxDeferred { get; init; }
}

public sealed record TaxCredit
{
    public required decimal Rate { get; init; }
    public required long Amount { get; init; }
    public required long Cap { get; init; }
    public required decimal CapRate { get; init; }
    public required bool Allowed { get; init; }
    /// <summary>current ÷ prior − 1 of continuing-employee wages, rounded to 4 decimals; null when wages are not given.</summary>
    public decimal? WageRise { get; init; }
    public required IReadOnlyList<Reason> Reasons { get; init; }
}
