using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Assessor.Domain.Procedure;
using Assessor.Service.Specialists;

namespace Assessor.Api.Tests;

public abstract class SpecialistRegistryTests(AssessorFactory factory)
{
    private static int nextNumber = 700000;

    private static string NewNumber() => Interlocked.Increment(ref nextNumber).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task A_riss_registration_lasts_three_years_by_default_and_numbers_are_unique()
    {
        using var admin = factory.Admin();
        var number = NewNumber();
        var body = new { registrationNumber = number, kind = "riss", name = "情報 花子", employerCorporateNumber = TestPlans.SampleCorporateNumber, validFrom = "2025-04-01" };

        var created = await admin.PostAsJsonAsync("/api/v1/specialists", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // 2025-04-01 + 3 years − 1 day: the statutory term from (re)registration.
        Assert.Equal("2028-03-31", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("validUntil").GetString());
        var again = await admin.PostAsJsonAsync("/api/v1/specialists", body);
        Assert.Equal("registration-exists", await again.ProblemCodeAsync(HttpStatusCode.Conflict));
    }

    public static TheoryData<string, string> InvalidRegistrations => new()
    {
        { """{"registrationNumber":"12345","kind":"riss","name":"x","employerCorporateNumber":"7000012050002","validFrom":"2025-04-01"}""", "$.registrationNumber" },
        { """{"registrationNumber":"123456","kind":"auditor","name":"x","employerCorporateNumber":"7000012050002","validFrom":"2025-04-01"}""", "$.kind" },
        { """{"registrationNumber":"123456","kind":"riss","name":"x","employerCorporateNumber":"1000012050002","validFrom":"2025-04-01"}""", "$.employerCorporateNumber" },
        { """{"registrationNumber":"123456","kind":"riss","name":"x","employerCorporateNumber":"7000012050002","validFrom":"2025-04-01","validUntil":"2028-04-01"}""", "$.validUntil" },
        { """{"registrationNumber":"123456","kind":"riss","name":"x","employerCorporateNumber":"7000012050002","validFrom":"9998-06-01"}""", "$.validFrom" },
        { """{"registrationNumber":"ITC-2019-0001","kind":"it-coordinator","name":"x","employerCorporateNumber":"7000012050002","validFrom":"2025-04-01"}""", "$.validUntil" },
        { """{"registrationNumber":"IT-1","kind":"it-coordinator","name":"x","employerCorporateNumber":"7000012050002","validFrom":"2025-04-01","validUntil":"2027-03-31"}""", "$.registrationNumber" },
        { """{"registrationNumber":"123456","kind":"riss","name":"x\u202Eevil","employerCorporateNumber":"7000012050002","validFrom":"2025-04-01"}""", "$.name" },
        { """{"registrationNumber":"123456","kind":"riss","name":" ","employerCorporateNumber":"7000012050002","validFrom":"2025-04-01"}""", "$.name" },
    };

    [SkippableTheory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task Invalid_registrations_are_400_naming_the_field(string body, string path)
    {
        using var admin = factory.Admin();

        var response = await admin.PostAsync("/api/v1/specialists", TestPlans.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(path, out _));
    }

    [SkippableFact]
    public async Task Look_alike_registration_numbers_are_one_registration()
    {
        using var admin = factory.Admin();
        var serial = NewNumber();
        var number = $"ITC-2019-{serial}";
        static object Body(string registrationNumber) => new
        {
            registrationNumber,
            kind = "it-coordinator",
            name = "コーディネータ 花子",
            employerCorporateNumber = "7000012050002",
            validFrom = "2025-04-01",
            validUntil = "2027-03-31",
        };

        var created = await admin.PostAsJsonAsync("/api/v1/specialists", Body(number));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(number, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registrationNumber").GetString());
        var fullWidth = string.Concat(number.Select(c => c == '-' ? '－' : (char)(c + 0xFEE0)));
        foreach (var lookAlike in new[] { fullWidth, number + " ", " " + number })
        {
            Assert.Equal("registration-exists", await (await admin.PostAsJsonAsync("/api/v1/specialists", Body(lookAlike))).ProblemCodeAsync(HttpStatusCode.Conflict));
        }
    }

    [SkippableFact]
    public async Task Only_p256_public_keys_are_registered_once_and_can_be_revoked()
    {
        using var admin = factory.Admin();
        var id = await factory.RegisterSpecialistAsync(NewNumber(), TestPlans.SampleCorporateNumber);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        // The same P-256 point spelled with explicit curve parameters: no curve name to check, so refused.
        using var explicitCurve = ECDsa.Create(key.ExportExplicitParameters(false));
        Task<HttpResponseMessage> Add(string pem) => admin.PostAsJsonAsync($"/api/v1/specialists/{id}/keys", new { publicKeyPem = pem });

        Assert.Equal(HttpStatusCode.BadRequest, (await Add(p384.ExportSubjectPublicKeyInfoPem())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Add(explicitCurve.ExportSubjectPublicKeyInfoPem())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Add(key.ExportPkcs8PrivateKeyPem())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Add("not a key")).StatusCode);

        var added = await Add(key.ExportSubjectPublicKeyInfoPem());
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var keyId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keyId").GetString();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())), keyId);
        Assert.Equal(HttpStatusCode.Conflict, (await Add(key.ExportSubjectPublicKeyInfoPem())).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/specialists/{id}/keys/{keyId}")).StatusCode);
        var keys = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/specialists/{id}")).GetProperty("keys");
        Assert.True(keys[0].TryGetProperty("revokedAt", out var revokedAt) && revokedAt.ValueKind == JsonValueKind.String);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/specialists/{id}/keys/{new string('0', 64)}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_specialist_principal_must_name_a_registered_specialist()
    {
        using var admin = factory.Admin();

        var response = await admin.PostAsJsonAsync("/api/v1/principals", new { name = "x", role = "specialist", specialistId = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("$.specialistId", out _));
    }
}

public sealed class SpecialistRegistryTestsOnSqlite(SqliteFactory factory) : SpecialistRegistryTests(factory), IClassFixture<SqliteFactory>;

public sealed class SpecialistRegistryTestsOnPostgres(PostgresFactory factory) : SpecialistRegistryTests(factory), IClassFixture<PostgresFactory>;

public sealed class SpecialistRegistryTestsOnSqlServer(SqlServerFactory factory) : SpecialistRegistryTests(factory), IClassFixture<SqlServerFactory>;
