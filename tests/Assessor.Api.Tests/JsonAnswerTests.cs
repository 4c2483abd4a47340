using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Assessor.Api.Tests;

/// <summary>
/// The hottest JSON answers (an assessment, a plan, a page of plans, a created plan) are written whole: their
/// Content-Length is sent and is exactly the body's length, and the body is the same JSON as before.
/// </summary>
public sealed class JsonAnswerTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [SkippableFact]
    public async Task Assessments_plans_and_pages_carry_their_exact_content_length()
    {
        var company = TestPlans.OtherCorporateNumber("271828182845");
        using var applicant = await factory.ApplicantAsync(company);
        var plan = TestPlans.ExampleFor(company);
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(plan));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["unsaved assessment"] = await applicant.PostAsync("/api/v1/assessments", TestPlans.Json(plan)),
            ["stored assessment"] = await applicant.GetAsync($"/api/v1/plans/{id}/assessment"),
            ["plan"] = await applicant.GetAsync($"/api/v1/plans/{id}"),
            ["page"] = await applicant.GetAsync("/api/v1/plans?limit=5"),
        };

        foreach (var (what, answer) in answers)
        {
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{what}: {answer.StatusCode}");
            Assert.Equal("application/json; charset=utf-8", answer.Content.Headers.ContentType!.ToString());
            var body = await answer.Content.ReadAsByteArrayAsync();
            // The header as sent, not one HttpClient computed from the bytes it buffered.
            Assert.True(answer.Content.Headers.NonValidated.TryGetValues("Content-Length", out var sent), $"{what}: no Content-Length");
            Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), sent.Single());
            using var json = JsonDocument.Parse(body);
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        }

        var stored = await answers["stored assessment"].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, stored.GetProperty("planId").GetString());
        var view = await answers["plan"].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, view.GetProperty("id").GetString());
        Assert.Equal(created.Headers.ETag!.Tag, answers["plan"].Headers.ETag!.Tag);
        var page = await answers["page"].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(page.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetString() == id);
    }

    [SkippableFact]
    public async Task A_create_answers_with_its_exact_content_length_and_a_replay_repeats_its_bytes()
    {
        var company = TestPlans.OtherCorporateNumber("314159265358");
        using var applicant = await factory.ApplicantAsync(company);
        var body = TestPlans.ExampleFor(company).ToJsonString();
        HttpRequestMessage Post(string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans") { Content = TestPlans.Json(body) };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            return request;
        }

        var plain = await applicant.SendAsync(Post(null));
        var first = await applicant.SendAsync(Post("json-answer-create"));
        var replay = await applicant.SendAsync(Post("json-answer-create"));

        foreach (var (what, answer) in new[] { ("without a key", plain), ("with a key", first), ("replayed", replay) })
        {
            Assert.True(answer.StatusCode == HttpStatusCode.Created, $"{what}: {answer.StatusCode}");
            Assert.Equal("application/json; charset=utf-8", answer.Content.Headers.ContentType!.ToString());
            var bytes = await answer.Content.ReadAsByteArrayAsync();
            Assert.True(answer.Content.Headers.NonValidated.TryGetValues("Content-Length", out var sent), $"{what}: no Content-Length");
            Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), sent.Single());
            var id = JsonDocument.Parse(bytes).RootElement.GetProperty("id").GetString();
            Assert.Equal($"/api/v1/plans/{id}", answer.Headers.Location!.OriginalString);
        }

        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await replay.Content.ReadAsByteArrayAsync());
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        // The first answer is the plan as it is stored: the same JSON as reading it back.
        var stored = await applicant.GetFromJsonAsync<JsonElement>(first.Headers.Location);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(stored.GetProperty("digest").GetString(), created.GetProperty("digest").GetString());
        Assert.Equal(stored.GetProperty("eTag").GetString(), created.GetProperty("eTag").GetString());
    }
}
