using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Assessor.Api.Tests;

/// <summary>Draft PDFs are bounded (printers at once, a queue, a rate per principal); certification is never refused by them.</summary>
public sealed class PdfRenderLimitTests
{
    [SkippableFact]
    public async Task Drafts_beyond_the_printers_and_their_queue_get_503_with_retry_after()
    {
        using var chromium = FakeChromium.Create();
        await using var factory = Factory(chromium, maxConcurrent: 1, queueLimit: 1);
        using var applicant = await factory.ApplicantAsync();
        var url = $"/api/v1/plans/{await UploadAsync(applicant)}/report?format=pdf";
        chromium.Hold();
        try
        {
            var printing = applicant.GetAsync(url);
            await chromium.WaitUntilRunningAsync(1);
            Task<HttpResponseMessage>[] waiting = [applicant.GetAsync(url), applicant.GetAsync(url)];

            // One of the two waits in the queue; the other finds it full and is answered at once.
            var answered = await Task.WhenAny(waiting).WaitAsync(TimeSpan.FromSeconds(20));
            var refused = await answered;

            Assert.Equal("pdf-busy", await refused.ProblemCodeAsync(HttpStatusCode.ServiceUnavailable));
            Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter!.Delta);
            Assert.Equal(1, chromium.Running);
            Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync(url.Replace("pdf", "html", StringComparison.Ordinal))).StatusCode);
            chromium.Release();
            foreach (var done in new[] { await printing, await waiting.Single(w => w != answered) })
            {
                Assert.Equal(HttpStatusCode.OK, done.StatusCode);
                Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await done.Content.ReadAsByteArrayAsync()));
            }

            Assert.Equal(2, chromium.Started);
            Assert.Equal(1, chromium.MostAtOnce);
        }
        finally
        {
            chromium.Release();
        }
    }

    [SkippableFact]
    public async Task Certification_prints_its_pdf_while_drafts_hold_every_printer()
    {
        using var chromium = FakeChromium.Create();
        await using var factory = Factory(chromium, maxConcurrent: 1, queueLimit: 0);
        using var scenario = await SignoffScenario.StartAsync(factory);
        await scenario.AnswerAllAsync();
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        var url = $"/api/v1/plans/{scenario.PlanId}/report?format=pdf";
        chromium.Hold();
        try
        {
            var draft = reviewer.GetAsync(url);
            await chromium.WaitUntilRunningAsync(1);
            Assert.Equal("pdf-busy", await (await reviewer.GetAsync(url)).ProblemCodeAsync(HttpStatusCode.ServiceUnavailable));

            var certified = await reviewer.PostAsJsonAsync($"/api/v1/plans/{scenario.PlanId}/decision", new { decision = "certify" });

            Assert.True(certified.StatusCode == HttpStatusCode.OK, await certified.Content.ReadAsStringAsync());
            var lookup = await reviewer.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
            Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await lookup.Content.ReadAsByteArrayAsync()));
            chromium.Release();
            Assert.Equal(HttpStatusCode.OK, (await draft).StatusCode);
        }
        finally
        {
            chromium.Release();
        }
    }

    [SkippableFact]
    public async Task Each_principal_gets_a_limited_number_of_draft_pdfs_per_window()
    {
        using var chromium = FakeChromium.Create();
        await using var factory = Factory(chromium, draftsPerWindow: 2);
        using var applicant = await factory.ApplicantAsync();
        // Distinct plans: a draft printed before is served from memory, and only prints are counted.
        var report = $"/api/v1/plans/{await UploadAsync(applicant)}/report";
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync($"/api/v1/plans/{await UploadAsync(applicant)}/report?format=pdf")).StatusCode);
        }

        var refused = await applicant.GetAsync($"{report}?format=pdf");

        var problem = await refused.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate-limited", problem.GetProperty("code").GetString());
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(2, chromium.Started);
        // The other formats are not limited, and neither is another principal of the same company.
        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync($"{report}?format=html")).StatusCode);
        using var colleague = await factory.ApplicantAsync();
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync($"{report}?format=pdf")).StatusCode);
    }

    private static AssessorFactory Factory(FakeChromium chromium, int maxConcurrent = 2, int queueLimit = 4, int draftsPerWindow = 100) =>
        new(TestDatabase.Sqlite(), ownsDatabase: true)
        {
            Settings =
            {
                ["Assessor:Reports:ChromiumPath"] = chromium.Path,
                ["Assessor:RateLimits:PdfRenders:MaxConcurrent"] = $"{maxConcurrent}",
                ["Assessor:RateLimits:PdfRenders:QueueLimit"] = $"{queueLimit}",
                ["Assessor:RateLimits:PdfRenders:RetryAfterSeconds"] = "7",
                ["Assessor:RateLimits:DraftPdfs:PermitLimit"] = $"{draftsPerWindow}",
            },
        };

    private static async Task<string> UploadAsync(HttpClient applicant)
    {
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleBytes()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
