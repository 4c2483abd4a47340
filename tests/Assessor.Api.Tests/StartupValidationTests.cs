using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Assessor.Api.Tests;

/// <summary>Settings a deployment must get right are checked at start, with a message naming the setting.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task Production_refuses_to_start_without_a_public_base_url()
    {
        await using var factory = new ProductionFactory(publicBaseUrl: null);

        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Assessor:Reports:PublicBaseUrl", failure.Message);
    }

    [Fact]
    public async Task Production_starts_with_a_public_base_url()
    {
        await using var factory = new ProductionFactory(publicBaseUrl: "https://assessor.example.go.jp");

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    [Theory]
    [InlineData("Assessor:Reports:PublicBaseUrl", "not a url")]
    [InlineData("Assessor:Reports:PublicBaseUrl", "ftp://assessor.example.go.jp")]
    [InlineData("Assessor:Reports:Path", "/nonexistent/templates")]
    [InlineData("Assessor:Checklists:Path", "/nonexistent/checklists")]
    [InlineData("Assessor:BootstrapAdminKey", "too-short")]
    [InlineData("Assessor:Evidence:Storage", "s3")]
    [InlineData("Assessor:Evidence:Storage", "folder")]
    public async Task A_broken_setting_stops_the_service_naming_it(string setting, string value)
    {
        await using var factory = new AssessorFactory(TestDatabase.Sqlite(), ownsDatabase: true) { Settings = { [setting] = value } };

        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(setting, failure.Message);
    }

    [Theory]
    [InlineData("admin", "roles", "corporate_number")]
    [InlineData("specialist", "roles", "corporate_number")]
    [InlineData("reviewer", null, null)]
    [InlineData("applicant", "roles", null)]
    public async Task A_claim_mapping_that_could_grant_too_much_or_cannot_work_stops_the_service(string role, string? roleClaim, string? corporateNumberClaim)
    {
        // An issuer's claim never makes an admin or a specialist, and an applicant needs its corporate number from a claim.
        await using var factory = new AssessorFactory(TestDatabase.Sqlite(), ownsDatabase: true)
        {
            Settings = { ["Assessor:Oidc:Authority"] = "https://issuer.example", ["Assessor:Oidc:Audience"] = "assessor", ["Assessor:Oidc:RoleMap:staff"] = role },
        };
        if (roleClaim is not null)
        {
            factory.Settings["Assessor:Oidc:RoleClaim"] = roleClaim;
        }

        if (corporateNumberClaim is not null)
        {
            factory.Settings["Assessor:Oidc:CorporateNumberClaim"] = corporateNumberClaim;
        }

        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Assessor:Oidc:", failure.Message);
    }

    private sealed class ProductionFactory(string? publicBaseUrl) : AssessorFactory(TestDatabase.Sqlite(), ownsDatabase: true)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            if (publicBaseUrl is not null)
            {
                builder.UseSetting("Assessor:Reports:PublicBaseUrl", publicBaseUrl);
            }
        }
    }
}

/// <summary>What the real process writes per request (one process for the class: each test looks for its own lines).</summary>
public sealed class RequestLogTests(RequestLogTests.RunningService running) : IClassFixture<RequestLogTests.RunningService>
{
    private ServiceProcess Service => running.Process;

    [SkippableFact]
    public async Task Each_request_is_one_log_line_with_route_status_duration_and_principal_but_never_the_key()
    {
        var (applicant, principal) = await Service.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);

        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        await applicant.GetAsync(created.Headers.Location);
        const string Answered = "GET /api/v1/plans/{id:guid} answered 200";
        await Service.WaitForLogAsync(Answered, TimeSpan.FromSeconds(30));

        var line = Assert.Single(Service.Log.Split('\n'), l => l.Contains(Answered, StringComparison.Ordinal));
        Assert.Contains(principal.Id.ToString("D"), line);
        Assert.Contains("DurationMs", line);
        Assert.DoesNotContain(principal.Key, Service.Log);
        applicant.Dispose();
    }

    [SkippableFact]
    public async Task The_line_carries_the_problems_trace_id_and_never_the_raw_path()
    {
        // A report digest is the report's only credential, so it must not reach the log with the path.
        var digest = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        using var anonymous = Service.ClientWithKey(null);

        var missing = await anonymous.GetAsync($"/api/v1/reports/{digest}/html");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var traceparent = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("traceId").GetString()!;
        const string Answered = "GET /api/v1/reports/{digest}/{format} answered 404";
        await Service.WaitForLogAsync(Answered, TimeSpan.FromSeconds(30));

        var line = Assert.Single(Service.Log.Split('\n'), l => l.Contains(Answered, StringComparison.Ordinal));
        Assert.Contains(traceparent.Split('-')[1], line);
        Assert.DoesNotContain(digest, Service.Log);
    }

    /// <summary>The service process on a SQLite file of its own, started once for the class.</summary>
    public sealed class RunningService : IAsyncLifetime
    {
        private readonly TestDatabase database = TestDatabase.Sqlite();

        public ServiceProcess Process { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Process = ServiceProcess.Start(database);
            await Process.WaitReadyAsync(TimeSpan.FromSeconds(60));
        }

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            database.Dispose();
        }
    }
}
