using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assessor.Domain.Attestations;
using Assessor.Domain.Plans;

namespace Assessor.Benchmarks.Load;

/// <summary>The principals, specialist and plans the load benchmark needs, made through the public API as users would.</summary>
internal sealed class LoadFixtures(Uri baseAddress, byte[] examplePlan) : IDisposable
{
    public const string ApplicantCorporateNumber = "7000012050002";
    private const string RegistrationNumber = "400001";

    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(120),
    };

    private readonly ECDsa specialistKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string ApplicantKey { get; private set; } = "";
    public string ReviewerKey { get; private set; } = "";
    public string SpecialistKey { get; private set; } = "";
    public byte[] PlanBody => examplePlan;

    /// <summary>Plans created so far by the benchmark (all by the one applicant).</summary>
    public int PlansCreated => plansCreated;

    private int plansCreated;

    public async Task CreatePrincipalsAsync()
    {
        ApplicantKey = await NewPrincipalAsync(new { name = "bench applicant", role = "applicant", corporateNumber = ApplicantCorporateNumber });
        ReviewerKey = await NewPrincipalAsync(new { name = "bench reviewer", role = "reviewer" });
        var specialist = await SendAsync(HttpMethod.Post, "/api/v1/specialists", ServiceUnderTest.AdminKey, new
        {
            registrationNumber = RegistrationNumber,
            kind = "riss",
            name = "支援士 ベンチ",
            employerCorporateNumber = $"{CorporateNumber.CheckDigit("864209753186")}864209753186",
            // A RISS registration runs three years: one that began half a year ago is active today.
            validFrom = DateTime.UtcNow.AddMonths(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        var specialistId = specialist.GetProperty("id").GetString()!;
        SpecialistKey = await NewPrincipalAsync(new { name = "bench specialist", role = "specialist", specialistId });
        await SendAsync(HttpMethod.Post, $"/api/v1/specialists/{specialistId}/keys", ServiceUnderTest.AdminKey,
            new { publicKeyPem = specialistKey.ExportSubjectPublicKeyInfoPem() });
    }

    /// <summary>A new draft plan naming the benchmark's specialist; its id.</summary>
    public async Task<string> CreatePlanAsync(string? title = null)
    {
        var plan = JsonNode.Parse(examplePlan)!.AsObject();
        plan["securityExpert"]!["registrationNumber"] = RegistrationNumber;
        if (title is not null)
        {
            plan["title"] = title;
        }

        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(plan.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApplicantKey);
        using var response = await http.SendAsync(request);
        await EnsureAsync(response, HttpStatusCode.Created);
        Interlocked.Increment(ref plansCreated);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Creates plans until the benchmark has made <paramref name="total"/>, <paramref name="parallel"/> at a time.</summary>
    public async Task FillAsync(int total, int parallel = 8)
    {
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            while (Volatile.Read(ref plansCreated) < total)
            {
                await CreatePlanAsync();
            }
        }));
    }

    /// <summary>Plans created by wrk, counted from its acknowledged requests.</summary>
    public void CountCreated(long acknowledged) => Interlocked.Add(ref plansCreated, checked((int)acknowledged));

    /// <summary>A plan submitted and signed off by the specialist, ready for a reviewer to certify.</summary>
    public async Task<string> SignedOffPlanAsync()
    {
        var planId = await CreatePlanAsync();
        await SendAsync(HttpMethod.Post, $"/api/v1/plans/{planId}/submit", ApplicantKey, null);
        var run = await SendAsync(HttpMethod.Post, $"/api/v1/plans/{planId}/checklist-runs", SpecialistKey, new { checklistId = "ci-tax-security", version = 1 });
        var runId = run.GetProperty("id").GetString()!;
        foreach (var item in run.GetProperty("items").EnumerateArray())
        {
            await SendAsync(HttpMethod.Put, $"/api/v1/checklist-runs/{runId}/answers/{item.GetProperty("id").GetString()}", SpecialistKey,
                new { answer = "satisfied", notes = "確認済み", evidence = new[] { new { name = "policy.pdf", sha256 = new string('a', 64) } } });
        }

        using var statementRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/checklist-runs/{runId}/statement");
        statementRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SpecialistKey);
        using var statementResponse = await http.SendAsync(statementRequest);
        await EnsureAsync(statementResponse, HttpStatusCode.OK);
        var envelope = Dsse.Sign(specialistKey, Dsse.InTotoPayloadType, await statementResponse.Content.ReadAsByteArrayAsync());
        using var signoff = new StringContent(JsonSerializer.Serialize(envelope, PlanJson.Options), Encoding.UTF8, "application/json");
        using var signoffRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/checklist-runs/{runId}/signoff") { Content = signoff };
        signoffRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SpecialistKey);
        using var signoffResponse = await http.SendAsync(signoffRequest);
        await EnsureAsync(signoffResponse, HttpStatusCode.Created);
        return planId;
    }

    /// <summary>The reviewer certifies the plan; the report digest.</summary>
    public async Task<string> CertifyAsync(string planId)
    {
        await SendAsync(HttpMethod.Post, $"/api/v1/plans/{planId}/decision", ReviewerKey, new { decision = "certify", reason = "全要件を満たす" });
        var lookup = await GetAsync($"/api/v1/plans/{planId}/report?format=json", ReviewerKey);
        return Convert.ToHexStringLower(SHA256.HashData(lookup));
    }

    public async Task<byte[]> GetAsync(string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.SendAsync(request);
        await EnsureAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The status a GET answers with.</summary>
    public async Task<HttpStatusCode> StatusOfAsync(string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The cursor of the page that starts after exactly <paramref name="depth"/> plans, walking pages of up to 200.</summary>
    public async Task<(string? Cursor, int Total)> CursorAtAsync(int depth)
    {
        string? cursor = null;
        string? deep = null;
        var seen = 0;
        while (true)
        {
            // Pages of 200, but the last one before the depth is shorter, so that the cursor lands exactly there and the
            // page it opens is a full one (at 1,007 plans a cursor after 1,000 opened a page of 7).
            var limit = deep is null ? Math.Min(200, depth - seen) : 200;
            var page = JsonDocument.Parse(await GetAsync($"/api/v1/plans?limit={limit}{(cursor is null ? "" : $"&cursor={cursor}")}", ApplicantKey)).RootElement;
            seen += page.GetProperty("items").GetArrayLength();
            cursor = page.GetProperty("nextCursor").GetString();
            if (deep is null && seen >= depth)
            {
                deep = cursor;
            }

            if (cursor is null)
            {
                return (deep, seen);
            }
        }
    }

    public void Dispose()
    {
        http.Dispose();
        specialistKey.Dispose();
    }

    private async Task<string> NewPrincipalAsync(object body) =>
        (await SendAsync(HttpMethod.Post, "/api/v1/principals", ServiceUnderTest.AdminKey, body)).GetProperty("key").GetString()!;

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string key, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
