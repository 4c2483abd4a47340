namespace Assessor.Domain.Attestations;

/// <summary>The contract's spelling of answers, as stored and as sent.</summary>
public static class AnswerValues
{
    private static readonly Dictionary<string, Answer> ByName = new(StringComparer.Ordinal)
    {
        ["satisfied"] = Answer.Satisfied,
        ["not-satisfied"] = Answer.NotSatisfied,
        ["not-applicable"] = Answer.NotApplicable,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out Answer answer) => ByName.TryGetValue(name ?? "", out answer);

    public static Answer Parse(string name) =>
        TryParse(name, out var answer) ? answer : throw new FormatException($"'{name}' is not an answer.");
}

/// <summary>The contract's spelling of specialist kinds: <c>riss</c> and <c>it-coordinator</c>.</summary>
public static class SpecialistKinds
{
    public const string Riss = "riss";
    public const string ItCoordinator = "it-coordinator";

    public static bool TryParse(string? name, out SpecialistKind kind)
    {
        (var known, kind) = name switch
        {
            Riss => (true, SpecialistKind.Riss),
            ItCoordinator => (true, SpecialistKind.ItCoordinator),
            _ => (false, default),
        };
        return known;
    }

    public static string NameOf(SpecialistKind kind) => kind == SpecialistKind.Riss ? Riss : ItCoordinator;

    public static SpecialistKind Parse(string name) =>
        TryParse(name, out var kind) ? kind : throw new FormatException($"'{name}' is not a specialist kind.");
}
