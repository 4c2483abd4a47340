namespace Assessor.Api.Tests;

/// <summary>
/// What a test does when something real it needs (a PostgreSQL server, Chromium, pdftotext) is missing. On a
/// developer's machine it is skipped, saying why. Under CI (<c>CI=true</c>, as CI services set it) it fails: a CI
/// run must never go green with whole suites skipped because a dependency did not start. Only a dependency that
/// cannot exist on CI machines (SQL Server) stays skippable there.
/// </summary>
public static class TestDependencies
{
    public const string CiVariable = "CI";

    public enum Outcome
    {
        Run,
        Skip,
        Fail,
    }

    /// <summary>Whether this run is a CI run: <c>CI</c> is <c>true</c> (any case) or <c>1</c>.</summary>
    public static bool InCi => IsCi(Environment.GetEnvironmentVariable(CiVariable));

    public static bool IsCi(string? value) =>
        value?.Trim() is { } v && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");

    /// <param name="missing">Why the dependency is unavailable; null when it is there.</param>
    /// <param name="requiredInCi">False only for a dependency CI machines cannot provide.</param>
    public static Outcome Decide(string? missing, bool requiredInCi, bool inCi) =>
        missing is null ? Outcome.Run
        : requiredInCi && inCi ? Outcome.Fail
        : Outcome.Skip;

    /// <summary>
    /// The skip reason to keep (null when the dependency is there, or the test may be skipped with
    /// <paramref name="missing"/>), or an exception when the run is CI and the dependency is required.
    /// </summary>
    /// <exception cref="MissingDependencyException">Under CI, a required dependency is missing.</exception>
    public static string? SkipReasonOrFail(string? missing, bool requiredInCi = true, bool? inCi = null) =>
        Decide(missing, requiredInCi, inCi ?? InCi) == Outcome.Fail ? throw new MissingDependencyException(missing!) : missing;

    /// <summary>Skips the current test (a <c>[SkippableFact]</c>) when <paramref name="missing"/> is set, or fails it under CI.</summary>
    public static void Require(string? missing)
    {
        var reason = SkipReasonOrFail(missing);
        Skip.If(reason is not null, reason);
    }

    /// <summary>Skips or fails unless <paramref name="path"/> exists; <paramref name="what"/> says what to install.</summary>
    public static void RequireFile(string? path, string what) =>
        Require(path is not null && File.Exists(path) ? null : $"{what} is not installed ({path ?? "no path"}); .ci/run installs it");
}

/// <summary>A dependency a CI run requires is missing: the test fails instead of being skipped.</summary>
public sealed class MissingDependencyException(string missing)
    : Exception($"{TestDependencies.CiVariable}=true, so this test fails instead of being skipped: {missing}");
