using static Assessor.Api.Tests.TestDependencies;

namespace Assessor.Api.Tests;

/// <summary>A missing dependency skips a test on a developer's machine and fails it under CI (except SQL Server).</summary>
public sealed class TestDependenciesTests
{
    [Theory]
    [InlineData(null, true, false, Outcome.Run)]
    [InlineData(null, true, true, Outcome.Run)]
    [InlineData("chromium is not installed", true, false, Outcome.Skip)]
    [InlineData("chromium is not installed", true, true, Outcome.Fail)]
    [InlineData("no SQL Server here", false, true, Outcome.Skip)]
    [InlineData("no SQL Server here", false, false, Outcome.Skip)]
    public void A_missing_dependency_fails_only_under_ci_and_only_when_required(string? missing, bool requiredInCi, bool inCi, Outcome expected) =>
        Assert.Equal(expected, Decide(missing, requiredInCi, inCi));

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Ci_is_recognised_as_ci_services_set_it(string? value, bool expected) => Assert.Equal(expected, IsCi(value));

    [Fact]
    public void Without_a_postgresql_server_ci_fails_and_a_developer_machine_skips()
    {
        var error = Assert.Throws<MissingDependencyException>(() => TestDatabase.Postgres(server: null, inCi: true));
        Assert.Contains(TestDatabase.PostgresVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("CI=true", error.Message, StringComparison.Ordinal);

        using var local = TestDatabase.Postgres(server: " ", inCi: false);
        Assert.Contains(TestDatabase.PostgresVariable, local.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_server_stays_skipped_under_ci_with_its_reason()
    {
        using var database = TestDatabase.SqlServer(server: null, inCi: true);

        Assert.Contains("no SQL Server can run on these machines", database.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_fails_under_ci_and_skips_otherwise()
    {
        Assert.Throws<MissingDependencyException>(() => SkipReasonOrFail("pdftotext is not installed", inCi: true));
        Assert.Equal("pdftotext is not installed", SkipReasonOrFail("pdftotext is not installed", inCi: false));
        Assert.Null(SkipReasonOrFail(null, inCi: true));
    }
}
