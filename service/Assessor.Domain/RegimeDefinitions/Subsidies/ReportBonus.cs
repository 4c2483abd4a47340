namespace Assessor.Domain.RegimeDefinitions.Subsidies;

/// <summary>A bonus item of the regime and whether the plan claims it.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Ja">What the item is, in Japanese.</param>
/// <param name="En">What the item is, in English.</param>
/// <param name="Claimed">Whether the plan claims it.</param>
public sealed record ReportBonus(string Id, string Ja, string En, bool Claimed);
