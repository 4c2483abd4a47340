using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assessor.Cli;
using Assessor.Domain.Procedure;

namespace Assessor.Api.Tests;

/// <summary>
/// A submitted plan naming a registered specialist who holds a key made by the CLI, and that
/// specialist's checklist run on it: the starting point of every sign-off test.
/// </summary>
public sealed class SignoffScenario : IDisposable
{
    private static int nextRegistration = 400000;

    private SignoffScenario(IAssessorHost factory, string folder)
    {
        Factory = factory;
        Folder = folder;
    }

    public IAssessorHost Factory { get; }
    public string Folder { get; }
    public string RegistrationNumber { get; private set; } = "";
    public string SpecialistId { get; private set; } = "";
    public HttpClient Applicant { get; private set; } = null!;
    public string ApplicantKey { get; private set; } = "";
    public string SpecialistKey { get; private set; } = "";
    public HttpClient Specialist { get; private set; } = null!;
    public string PlanId { get; private set; } = "";
    /// <summary>The run the answer and sign-off helpers act on: the latest started, unless a test points it elsewhere.</summary>
    public string RunId { get; set; } = "";
    public JsonElement Run { get; private set; }
    public string PrivateKeyPath => Path.Combine(Folder, "specialist.key.pem");
    public string PublicKeyPath => Path.Combine(Folder, "specialist.pub.pem");

    /// <param name="employerCorporateNumber">null: a firm other than the applicant.</param>
    /// <param name="mutatePlan">changes to the example plan before it is uploaded.</param>
    public static async Task<SignoffScenario> StartAsync(
        IAssessorHost factory, string? employerCorporateNumber = null, string validFrom = "2025-04-01", Action<System.Text.Json.Nodes.JsonObject>? mutatePlan = null,
        string kind = "riss")
    {
        var scenario = await RegisterAsync(factory, number => kind == "it-coordinator" ? $"ITC-2019-{number}" : number,
            employerCorporateNumber, validFrom, validUntil: null, kind);
        var plan = TestPlans.Example();
        plan["securityExpert"]!["registrationNumber"] = scenario.RegistrationNumber;
        mutatePlan?.Invoke(plan);
        var created = await scenario.Applicant.PostAsync("/api/v1/plans", TestPlans.Json(plan));
        scenario.PlanId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await scenario.Applicant.PostAsync($"/api/v1/plans/{scenario.PlanId}/submit", null)).StatusCode);
        await scenario.StartRunAsync();
        return scenario;
    }

    /// <summary>
    /// A submitted Monozukuri consortium plan naming a registered support organisation (of <paramref name="organisationCorporateNumber"/>,
    /// certified until <paramref name="validUntil"/>) that holds a CLI key, and the organisation's run of the confirmation checklist.
    /// </summary>
    /// <param name="kind">the registry kind of the attestor the plan names (another kind than a support organisation is refused).</param>
    /// <param name="startRun">false: leave the run to the test.</param>
    public static async Task<SignoffScenario> StartMonozukuriAsync(
        IAssessorHost factory, string? organisationCorporateNumber = null, string validUntil = "2099-12-31", string kind = "support-organisation",
        bool startRun = true)
    {
        var scenario = await RegisterAsync(factory, number => kind == "riss" ? number : $"106213{number}",
            organisationCorporateNumber, "2018-01-04", kind == "riss" ? null : validUntil, kind);
        scenario.PlanId = await MonozukuriPlans.UploadAsync(scenario.Applicant, plan => plan["supportOrganisation"]!["registrationNumber"] = scenario.RegistrationNumber);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Applicant.PostAsync($"/api/v1/plans/{scenario.PlanId}/submit", null)).StatusCode);
        if (startRun)
        {
            await scenario.StartRunAsync("monozukuri-confirmation");
        }

        return scenario;
    }

    /// <summary>
    /// A registered attestor (numbered by <paramref name="number"/> from a fresh serial) with a specialist login and a CLI key,
    /// and the applicant's login: what every scenario starts from.
    /// </summary>
    private static async Task<SignoffScenario> RegisterAsync(
        IAssessorHost factory, Func<string, string> number, string? employerCorporateNumber, string validFrom, string? validUntil, string kind)
    {
        var scenario = new SignoffScenario(factory, Directory.CreateTempSubdirectory("assessor-signoff-").FullName);
        scenario.RegistrationNumber = number(Interlocked.Increment(ref nextRegistration).ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
        scenario.SpecialistId = await factory.RegisterSpecialistAsync(
            scenario.RegistrationNumber, employerCorporateNumber ?? TestPlans.OtherCorporateNumber("864209753186"), validFrom, validUntil, kind);
        CreatedPrincipal specialist;
        (scenario.Specialist, specialist) = await factory.NewPrincipalAsync("specialist", specialistId: scenario.SpecialistId);
        scenario.SpecialistKey = specialist.Key;
        Assert.Equal(CliCommands.Ok, CliCommands.Run(["keygen", "--out", Path.Combine(scenario.Folder, "specialist")], TextWriter.Null, TextWriter.Null));
        await scenario.RegisterKeyAsync(scenario.PublicKeyPath);

        CreatedPrincipal applicant;
        (scenario.Applicant, applicant) = await factory.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
        scenario.ApplicantKey = applicant.Key;
        return scenario;
    }

    public async Task<string> RegisterKeyAsync(string publicKeyPath)
    {
        using var admin = Factory.Admin();
        var response = await admin.PostAsJsonAsync($"/api/v1/specialists/{SpecialistId}/keys", new { publicKeyPem = File.ReadAllText(publicKeyPath) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keyId").GetString()!;
    }

    public async Task StartRunAsync(string checklistId = "ci-tax-security")
    {
        var response = await Specialist.PostAsJsonAsync($"/api/v1/plans/{PlanId}/checklist-runs", new { checklistId, version = 1 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Run = await response.Content.ReadFromJsonAsync<JsonElement>();
        RunId = Run.GetProperty("id").GetString()!;
    }

    public IEnumerable<(string Id, bool Mandatory)> Items() =>
        Run.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("mandatory").GetBoolean()));

    public async Task AnswerAsync(string itemId, object answer)
    {
        var response = await Specialist.PutAsJsonAsync($"/api/v1/checklist-runs/{RunId}/answers/{itemId}", answer);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Answers every item satisfied, except the ones <paramref name="skip"/> names.</summary>
    public async Task AnswerAllAsync(Func<string, bool>? skip = null)
    {
        foreach (var (id, _) in Items().Where(i => skip is null || !skip(i.Id)))
        {
            await AnswerAsync(id, new { answer = "satisfied", notes = "確認済み", evidence = new[] { new { name = "policy.pdf", sha256 = new string('a', 64) } } });
        }
    }

    public async Task<byte[]> StatementAsync()
    {
        var response = await Specialist.GetAsync($"/api/v1/checklist-runs/{RunId}/statement");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.in-toto+json", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Signs <paramref name="statement"/> with the CLI exactly as a specialist would; returns the envelope file.</summary>
    public string SignWithCli(byte[] statement, string? privateKeyPath = null)
    {
        var statementPath = Path.Combine(Folder, $"statement-{Guid.NewGuid():N}.json");
        var envelopePath = Path.Combine(Folder, $"envelope-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(statementPath, statement);
        var exit = CliCommands.Run(["sign", "--key", privateKeyPath ?? PrivateKeyPath, "--statement", statementPath, "--out", envelopePath], TextWriter.Null, Console.Error);
        Assert.Equal(CliCommands.Ok, exit);
        return envelopePath;
    }

    /// <summary>Fetches the run's statement, signs it with the CLI and submits the envelope.</summary>
    public async Task<HttpResponseMessage> SignAndSubmitAsync() => await SubmitSignoffAsync(SignWithCli(await StatementAsync()));

    /// <summary>Answers everything satisfied, signs off, and has a reviewer certify the plan.</summary>
    public async Task CertifyAsync()
    {
        await AnswerAllAsync();
        Assert.Equal(HttpStatusCode.Created, (await SignAndSubmitAsync()).StatusCode);
        using var reviewer = (await Factory.NewPrincipalAsync("reviewer")).Client;
        var certified = await reviewer.PostAsJsonAsync($"/api/v1/plans/{PlanId}/decision", new { decision = "certify", reason = "全要件を満たす" });
        Assert.True(certified.StatusCode == HttpStatusCode.OK, await certified.Content.ReadAsStringAsync());
        Assert.Equal("certified", (await certified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    public Task<HttpResponseMessage> SubmitSignoffAsync(string envelopePath) =>
        Specialist.PostAsync($"/api/v1/checklist-runs/{RunId}/signoff", TestPlans.Json(File.ReadAllBytes(envelopePath)));

    public void Dispose()
    {
        Applicant?.Dispose();
        Specialist?.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
