using Assessor.Service.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Assessor.Api.Tests;

public sealed class StorageProviderTests
{
    public static TheoryData<string> SqlServerMigrations() =>
        [.. typeof(Program).Assembly.GetManifestResourceNames().Where(n => n.Contains(".Migrations.sqlserver.", StringComparison.Ordinal)).Order()];

    [Theory]
    [MemberData(nameof(SqlServerMigrations))]
    public void Each_sql_server_migration_parses_as_T_SQL(string resource)
    {
        using var stream = typeof(Program).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);

        new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{resource}:{e.Line}: {e.Message}")));
    }

    [Fact]
    public void Every_provider_ships_the_same_migrations()
    {
        var names = typeof(Program).Assembly.GetManifestResourceNames();
        string[] ScriptsOf(string provider) =>
            [.. names.Where(n => n.Contains($".Migrations.{provider}.", StringComparison.Ordinal)).Select(n => n[(n.IndexOf($".{provider}.", StringComparison.Ordinal) + provider.Length + 2)..]).Order()];

        Assert.NotEmpty(ScriptsOf("sqlite"));
        Assert.Equal(ScriptsOf("sqlite"), ScriptsOf("postgres"));
        Assert.Equal(ScriptsOf("sqlite"), ScriptsOf("sqlserver"));
    }

    [Fact]
    public void The_sql_server_dialect_pages_with_offset_fetch_that_parses()
    {
        var query = SqlDialect.SqlServer.Limit("SELECT id FROM plans p WHERE p.status <> 'draft' ORDER BY p.created_at, p.id", "@limit");

        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(query), out var errors);

        Assert.Empty(errors);
        Assert.EndsWith("OFFSET 0 ROWS FETCH NEXT @limit ROWS ONLY", query);
    }

    [Fact]
    public void An_unreachable_sql_server_fails_at_once_with_a_clear_error()
    {
        // Port 1 on loopback refuses at once; without ConnectRetryCount=0 SqlClient would keep retrying.
        var database = new SqlServerDatabase("Server=127.0.0.1,1;Database=assessor;User Id=sa;Password=x;TrustServerCertificate=true");

        var error = Assert.ThrowsAny<Exception>(() => database.Migrate(NullLogger.Instance));

        Assert.IsAssignableFrom<System.Data.Common.DbException>(error);
    }

    [Theory]
    [InlineData("oracle", "Data Source=x", "Unknown database provider 'oracle'")]
    [InlineData("postgres", "Host=127.0.0.1;Port=1;Username=postgres;Database=assessor", "Cannot reach or migrate the postgres database")]
    public void The_service_refuses_to_start_on_a_bad_database_setting(string provider, string connectionString, string expected)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Assessor:Database:Provider", provider);
            builder.UseSetting("Assessor:Database:ConnectionString", connectionString);
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(expected, error.ToString());
    }
}
