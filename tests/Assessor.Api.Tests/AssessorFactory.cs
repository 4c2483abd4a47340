using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assessor.Domain.Plans;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Assessor.Api.Tests;

/// <summary>The real service over HTTP on its own SQLite file, deleted when the fixture ends.</summary>
public sealed class AssessorFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-bootstrap-admin-key-0123456789abcdef";

    public AssessorFactory()
        : this(Path.Combine(Path.GetTempPath(), $"assessor-test-{Guid.NewGuid():N}.db"), ownsFile: true)
    {
    }

    private AssessorFactory(string databasePath, bool ownsFile)
    {
        DatabasePath = databasePath;
        OwnsFile = ownsFile;
    }

    public string DatabasePath { get; }

    /// <summary>Extra configuration for this host (and its restarts), e.g. a templates folder.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    private bool OwnsFile { get; set; }

    /// <summary>A second host on the same database file, as after a restart; it takes over deleting the file.</summary>
    public AssessorFactory Restarted()
    {
        OwnsFile = false;
        var restarted = new AssessorFactory(DatabasePath, ownsFile: true);
        foreach (var (key, value) in Settings)
        {
            restarted.Settings[key] = value;
        }

        return restarted;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Assessor:Database:Provider", "sqlite");
        builder.UseSetting("Assessor:Database:ConnectionString", $"Data Source={DatabasePath}");
        builder.UseSetting("Assessor:BootstrapAdminKey", AdminKey);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public HttpClient Admin() => ClientWithKey(AdminKey);

    /// <summary>Creates a principal through the admin API and returns a client holding its key.</summary>
    public async Task<(HttpClient Client, CreatedPrincipal Principal)> NewPrincipalAsync(string role, string? corporateNumber = null, string? specialistId = null)
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/principals", new { name = $"{role} {Guid.NewGuid():N}", role, corporateNumber, specialistId });
        response.EnsureSuccessStatusCode();
        var principal = (await response.Content.ReadFromJsonAsync<CreatedPrincipal>())!;
        return (ClientWithKey(principal.Key), principal);
    }

    /// <summary>Registers a specialist (admin API) and returns its registry id.</summary>
    public async Task<string> RegisterSpecialistAsync(string registrationNumber, string employerCorporateNumber, string validFrom = "2019-04-01", string? validUntil = null)
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/specialists", new
        {
            registrationNumber,
            kind = "riss",
            name = $"支援士 {registrationNumber}",
            employerCorporateNumber,
            validFrom,
            validUntil,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task<HttpClient> ApplicantAsync(string corporateNumber = TestPlans.SampleCorporateNumber) =>
        (await NewPrincipalAsync("applicant", corporateNumber)).Client;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsFile)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(DatabasePath + suffix);
            }
        }
    }
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
