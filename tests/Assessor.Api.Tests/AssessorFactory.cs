using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assessor.Api.Tests.Contract;
using Assessor.Domain.Plans;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Assessor.Api.Tests;

/// <summary>
/// The real service over HTTP on a test database. The provider fixtures below each own a fresh database;
/// a factory made directly on a <see cref="TestDatabase"/> (to restart on it) leaves it to its owner.
/// </summary>
public class AssessorFactory(TestDatabase database, bool ownsDatabase = false) : WebApplicationFactory<Program>, IAssessorHost
{
    public const string AdminKey = "test-bootstrap-admin-key-0123456789abcdef";

    public TestDatabase Database { get; } = database;

    /// <summary>Extra configuration for this host, e.g. a templates folder.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Assessor:Database:Provider", Database.Provider);
        builder.UseSetting("Assessor:Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Assessor:BootstrapAdminKey", AdminKey);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient ClientWithKey(string? key)
    {
        // Every test reaches the service through here: a provider that cannot run here skips, saying why. Every response
        // is checked against the OpenAPI document before the test sees it.
        Skip.If(Database.SkipReason is not null, Database.SkipReason);
        var client = CreateDefaultClient(ClientOptions.BaseAddress, new ContractCheckingHandler());
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            Database.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteFactory() : AssessorFactory(TestDatabase.Sqlite(), ownsDatabase: true);

public sealed class PostgresFactory() : AssessorFactory(TestDatabase.Postgres(), ownsDatabase: true);

public sealed class SqlServerFactory() : AssessorFactory(TestDatabase.SqlServer(), ownsDatabase: true);

/// <summary>A running service the tests talk to: in-process (<see cref="AssessorFactory"/>) or a real process.</summary>
public interface IAssessorHost
{
    /// <summary>A client sending <c>Authorization: Bearer <paramref name="key"/></c>, or no key when null.</summary>
    HttpClient ClientWithKey(string? key);
}

/// <summary>The admin-API steps every test needs, on any host.</summary>
public static class AssessorHostExtensions
{
    public static HttpClient Admin(this IAssessorHost host) => host.ClientWithKey(AssessorFactory.AdminKey);

    /// <summary>Creates a principal through the admin API and returns a client holding its key.</summary>
    public static async Task<(HttpClient Client, CreatedPrincipal Principal)> NewPrincipalAsync(
        this IAssessorHost host, string role, string? corporateNumber = null, string? specialistId = null)
    {
        using var admin = host.Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/principals", new { name = $"{role} {Guid.NewGuid():N}", role, corporateNumber, specialistId });
        response.EnsureSuccessStatusCode();
        var principal = (await response.Content.ReadFromJsonAsync<CreatedPrincipal>())!;
        return (host.ClientWithKey(principal.Key), principal);
    }

    /// <summary>Registers a specialist (admin API) and returns its registry id.</summary>
    public static async Task<string> RegisterSpecialistAsync(
        this IAssessorHost host, string registrationNumber, string employerCorporateNumber, string validFrom = "2019-04-01", string? validUntil = null,
        string kind = "riss")
    {
        using var admin = host.Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/specialists", new
        {
            registrationNumber,
            kind,
            name = $"支援士 {registrationNumber}",
            employerCorporateNumber,
            validFrom,
            // An IT Coordinator's term is not statutory: give one that spans the tests' signing dates.
            validUntil = validUntil ?? (kind == "riss" ? null : "2099-12-31"),
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
    }

    public static async Task<HttpClient> ApplicantAsync(this IAssessorHost host, string corporateNumber = TestPlans.SampleCorporateNumber) =>
        (await host.NewPrincipalAsync("applicant", corporateNumber)).Client;
}

public sealed record CreatedPrincipal(Guid Id, string Name, string Role, string? CorporateNumber, Guid KeyId, string Key);

public static class TestPlans
{
    public const string SampleCorporateNumber = "7000012050002";

    /// <summary>The README's example plan, byte for byte.</summary>
    public static byte[] ExampleBytes() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "plan.json"));

    public static JsonObject Example() => JsonNode.Parse(ExampleBytes())!.AsObject();

    /// <summary>A valid corporate number other than the sample's, made from any 12 base digits.</summary>
    public static string OtherCorporateNumber(string baseDigits = "123456789012") =>
        $"{CorporateNumber.CheckDigit(baseDigits)}{baseDigits}";

    public static JsonObject ExampleFor(string corporateNumber)
    {
        var plan = Example();
        plan["applicant"]!["corporateNumber"] = corporateNumber;
        return plan;
    }

    public static HttpContent Json(JsonNode node) => Json(node.ToJsonString());

    public static HttpContent Json(string text) => new StringContent(text, System.Text.Encoding.UTF8, "application/json");

    public static HttpContent Json(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
