using System.Text.Json.Serialization;

namespace Assessor.Domain.Checklists;

/// <summary>An answer to a self-check item: <c>done</c>, <c>partly</c>, <c>not-done</c>, <c>unknown</c> or <c>not-applicable</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelfCheckAnswer>))]
public enum SelfCheckAnswer
{
    [JsonStringEnumMemberName("done")] Done,
    [JsonStringEnumMemberName("partly")] Partly,
    [JsonStringEnumMemberName("not-done")] NotDone,
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("not-applicable")] NotApplicable,
}

/// <summary>Points one answer earns.</summary>
public sealed class SelfCheckPoints
{
    /// <summary>Points for an item that is done.</summary>
    public required int Done { get; init; }

    /// <summary>Points for an item that is partly done.</summary>
    public required int Partly { get; init; }

    /// <summary>Points for an item that is not done.</summary>
    public required int NotDone { get; init; }

    /// <summary>Points for an item the company does not know about (may be negative).</summary>
    public required int Unknown { get; init; }

    /// <summary>Points for an item that does not apply to the company; such an item must not lower the score.</summary>
    public required int NotApplicable { get; init; }

    public int For(SelfCheckAnswer answer) => answer switch
    {
        SelfCheckAnswer.Done => Done,
        SelfCheckAnswer.Partly => Partly,
        SelfCheckAnswer.NotDone => NotDone,
        SelfCheckAnswer.Unknown => Unknown,
        SelfCheckAnswer.NotApplicable => NotApplicable,
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, "Not a self-check answer."),
    };
}

/// <summary>A range of total scores, inclusive at both ends, and what such a score means.</summary>
public sealed class ScoreBand
{
    /// <summary>Lowest total score in the band, inclusive.</summary>
    public required int From { get; init; }

    /// <summary>Highest total score in the band, inclusive.</summary>
    public required int To { get; init; }

    /// <summary>What a score in this band says about the company's security, in Japanese and English.</summary>
    public required LocalizedText Meaning { get; init; }

    /// <summary>What a company scoring in this band should do about a SECURITY ACTION ★★ declaration.</summary>
    public required LocalizedText SecurityAction { get; init; }
}

/// <summary>How the answers of a self-check add up to a score, and how the score reads.</summary>
public sealed class SelfCheckScoring
{
    /// <summary>The points each kind of answer earns.</summary>
    public required SelfCheckPoints Points { get; init; }

    /// <summary>The highest possible total score.</summary>
    public required int Maximum { get; init; }

    /// <summary>Contiguous bands from the lowest possible score up to <c>maximum</c>.</summary>
    public required IReadOnlyList<ScoreBand> Bands { get; init; }

    public int Score(IEnumerable<SelfCheckAnswer> answers) => answers.Sum(Points.For);

    public ScoreBand BandFor(int score) =>
        Bands.FirstOrDefault(band => band.From <= score && score <= band.To)
        ?? throw new ArgumentOutOfRangeException(nameof(score), score, "No band holds this score.");
}
