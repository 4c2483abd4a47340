using System.Net;
using System.Text;

namespace Assessor.Api.Tests.Contract;

/// <summary>The response check has teeth: made-up answers that break the document are each named.</summary>
public sealed class ResponseContractTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string PlanView = """
        {"id":"6f1c1d1e-0000-4000-8000-000000000001","status":"draft","regime":"connected-industries-2018","title":"t",
         "applicantCorporateNumber":"7000012050002","applicantName":"n","currentRevision":1,
         "createdAt":"2026-01-01T00:00:00+00:00","updatedAt":"2026-01-01T00:00:00+00:00"}
        """;

    public static TheoryData<string, string, int, string?, string, string> Violations => new()
    {
        { "GET", "/api/v1/keys", 500, "application/problem+json", """{"type":"t","title":"t","status":500,"code":"internal-error","traceId":"x"}""", "status 500 is not declared" },
        { "GET", "/api/v1/keys", 200, "application/json", """[{"keyId":1,"algorithm":"a","publicKeyPem":"p"}]""", "does not match the declared schema" },
        { "GET", "/api/v1/keys", 200, "application/json", """[{"algorithm":"a","publicKeyPem":"p"}]""", "does not match the declared schema" },
        { "GET", "/api/v1/keys", 200, "text/plain", "keys", "text/plain, which the document does not declare" },
        { "GET", "/api/v1/plans/6f1c1d1e-0000-4000-8000-000000000001", 200, "application/json", PlanView, "header ETag is declared required but missing" },
        { "GET", "/api/v1/plans/6f1c1d1e-0000-4000-8000-000000000001", 200, "application/json", PlanView.Replace("\"draft\"", "\"archived\"", StringComparison.Ordinal), "does not match" },
        { "GET", "/api/v1/checklists/ci-tax-security/9", 404, "application/problem+json", """{"title":"t","status":404,"code":"not-found","traceId":"x"}""", "does not match" },
        { "GET", "/api/v1/no-such-thing", 200, "application/json", "{}", "no operation of the document matches" },
        { "GET", "/api/v1/keys", 200, null, "", "no body, but the document declares application/json" },
    };

    [SkippableTheory]
    [MemberData(nameof(Violations))]
    public async Task A_response_that_breaks_the_document_is_named(string method, string path, int status, string? mediaType, string body, string expected)
    {
        var contract = await ContractAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(new Uri("http://localhost"), path));
        using var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = mediaType is null ? new ByteArrayContent([]) : new StringContent(body, Encoding.UTF8, mediaType),
        };
        var violations = await contract.ViolationsAsync(request, response);
        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Answers_that_keep_the_document_pass_and_unknown_routes_may_be_404()
    {
        var contract = await ContractAsync();
        using var missing = new HttpRequestMessage(HttpMethod.Get, "http://localhost/api/v1/no-such-thing");
        using var notFound = new HttpResponseMessage(HttpStatusCode.NotFound);
        Assert.Empty(await contract.ViolationsAsync(missing, notFound));

        using var plan = new HttpRequestMessage(HttpMethod.Get, "http://localhost/api/v1/plans/6f1c1d1e-0000-4000-8000-000000000001");
        using var ok = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(PlanView, Encoding.UTF8, "application/json") };
        ok.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"6f1c1d1e000040008000000000000001.1\"");
        Assert.Empty(await contract.ViolationsAsync(plan, ok));
    }

    private async Task<ResponseContract> ContractAsync()
    {
        // Reached through a client, so a provider that cannot run here skips like every other test.
        using var client = factory.ClientWithKey(null);
        return await ResponseContract.LoadAsync((request, token) => client.SendAsync(request, token));
    }
}
