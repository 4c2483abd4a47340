using System.Globalization;
using Assessor.Domain.Assessments;
using static Assessor.Domain.YenFormat;

namespace Assessor.Domain.RegimeDefinitions.Subsidies;

/// <summary>The reason codes every subsidy's application round and grant floor give. Stable: clients key on them.</summary>
public static class SubsidyCodes
{
    public const string AppliedWithinWindow = "applied-within-window";
    public const string RoundUnknown = "round-unknown";
    public const string AppliedOutsideWindow = "applied-outside-window";
    public const string GrantMeetsFloor = "grant-meets-floor";
    public const string GrantBelowFloor = "grant-below-floor";
    public const string GrantCapApplied = "grant-cap-applied";
}

/// <summary>The reasons of a subsidy's round window and grant floor, worded once for every subsidy, in Japanese and English.</summary>
public static class SubsidyReasons
{
    /// <summary>Whether <paramref name="appliedOn"/> lies in round <paramref name="round"/>'s window, both days included, said either way.</summary>
    public static Reason Window(bool inside, int round, DateOnly opens, DateOnly closes, DateOnly appliedOn) => new(
        inside ? SubsidyCodes.AppliedWithinWindow : SubsidyCodes.AppliedOutsideWindow,
        $"申請日 {Date(appliedOn)} は第{round}次公募の期間（{Date(opens)}〜{Date(closes)}）{(inside ? "内" : "外")}です。",
        $"Applied on {Date(appliedOn)}, {(inside ? "within" : "outside")} round {round} ({Date(opens)} to {Date(closes)}).");

    public static Reason RoundUnknown(int round, IEnumerable<int> known) => new(SubsidyCodes.RoundUnknown,
        $"第{round}次の公募はありません（{string.Join("・", known)}次のみ）。",
        $"There is no round {round} (only rounds {string.Join(", ", known)}).");

    public static Reason GrantMeetsFloor(long grant, long floor) => new(SubsidyCodes.GrantMeetsFloor,
        $"補助額（上限適用前）{Yen(grant)} は下限 {Yen(floor)} 以上です。",
        $"The grant before the cap, {Yen(grant)}, reaches the {Yen(floor)} floor.");

    public static Reason GrantBelowFloor(long grant, long floor) => new(SubsidyCodes.GrantBelowFloor,
        $"補助額 {Yen(grant)} は下限 {Yen(floor)} に届かないため、補助の対象になりません。",
        $"The grant of {Yen(grant)} is below the {Yen(floor)} floor, so nothing is paid.");

    public static Reason GrantCapApplied(long grant, long cap) => new(SubsidyCodes.GrantCapApplied,
        $"補助額 {Yen(grant)} は上限 {Yen(cap)} に制限されます。",
        $"The grant of {Yen(grant)} is limited to the {Yen(cap)} cap.");

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
