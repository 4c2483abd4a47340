using System.Globalization;
using static Assessor.Domain.YenFormat;

namespace Assessor.Domain.Plans;

/// <summary>
/// A validation message in both of the service's languages. Problems keep the English in <c>errors</c> (clients and tests
/// already read those words) and carry the Japanese beside it, so the console and Japanese clients show each problem at its
/// field in the reader's language. The messages used in more than one place live here, once.
/// </summary>
public sealed record ValidationText(string En, string Ja)
{
    public static readonly ValidationText Required = new("Required.", "必須です。");
    public static readonly ValidationText NotEmpty = new("Must not be empty.", "空にはできません。");
    public static readonly ValidationText NotNull = new("Must not be null.", "null は指定できません。");
    public static readonly ValidationText NotNegative = new("Must not be negative.", "負の値は指定できません。");
    public static readonly ValidationText GreaterThanZero = new("Must be greater than zero.", "0 より大きい値を指定してください。");
    public static readonly ValidationText GreaterThanZeroYen = new("Must be greater than zero (whole yen).", "0 より大きい金額（円単位の整数）を指定してください。");
    public static readonly ValidationText ObjectNotNull = new("Must be an object, not null.", "null ではなくオブジェクトを指定してください。");
    public static readonly ValidationText Object = new("Must be an object.", "オブジェクトを指定してください。");
    public static readonly ValidationText Array = new("Must be an array.", "配列を指定してください。");
    public static readonly ValidationText String = new("Must be a string.", "文字列を指定してください。");
    public static readonly ValidationText Boolean = new("Must be true or false.", "true または false を指定してください。");
    public static readonly ValidationText Number = new("Must be a number.", "数値を指定してください。");
    public static readonly ValidationText Date = new("Must be a date written YYYY-MM-DD.", "日付を YYYY-MM-DD の形で指定してください。");
    public static readonly ValidationText RepeatedMember = new("Appears more than once.", "同じメンバーが 2 回以上あります。");

    public static readonly ValidationText CorporateNumber = new(
        "Must be a 13-digit corporate number whose first digit is its check digit.",
        "先頭の 1 桁がチェックデジットである 13 桁の法人番号を指定してください。");

    public static readonly ValidationText Share = new("Must be a share from 0 to 1 (0.5 = half).", "0 から 1 までの割合を指定してください（0.5 = 半分）。");

    public static readonly ValidationText CapitalRequired = new(
        "Required for a company: its SME status is judged on capital or employees.",
        "会社の場合は必須です。中小企業に当たるかどうかは資本金または従業員数で判定します。");

    public static readonly ValidationText BidiControls = new(
        "Must not contain bidirectional control characters (U+202A–202E, U+2066–2069): they make text display as something else.",
        "双方向制御文字（U+202A–202E、U+2066–2069）は使えません。文字列が別の内容に見えてしまうためです。");

    public static readonly ValidationText RissNumber = new(
        "A RISS registration number is six digits, zero-padded (e.g. 011172).",
        "情報処理安全確保支援士の登録番号は 0 埋めの 6 桁です（例: 011172）。");

    public static ValidationText AtMostCharacters(int max) => new($"At most {max} characters.", $"{max} 文字以内で指定してください。");

    public static ValidationText OneOf(IEnumerable<string> values)
    {
        var list = string.Join(", ", values);
        return new($"Must be one of: {list}.", $"次のいずれかを指定してください: {list}。");
    }

    public static ValidationText WholeNumberBetween(long min, long max) =>
        new($"Must be a whole number between {min} and {max}.", $"{min} から {max} までの整数を指定してください。");

    public static ValidationText WholeYenFromZeroTo(long max) =>
        new($"Must be whole yen from 0 to {Yen(max)}.", $"0 から {Yen(max)} までの金額（円単位の整数）を指定してください。");

    public static ValidationText WholeYenWithin(long max) =>
        new($"Must be whole yen within ±{Yen(max)}.", $"±{Yen(max)} の範囲の金額（円単位の整数）を指定してください。");

    public static ValidationText FiscalYearRepeated(int year) =>
        new($"Fiscal year {year} appears more than once.", $"{year} 年度が 2 回以上あります。");

    public static ValidationText UnknownMember(IEnumerable<string> members)
    {
        var list = string.Join(", ", members);
        return new($"Unknown member; the members here are: {list}.", $"不明なメンバーです。ここに置けるメンバー: {list}。");
    }
}
