using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assessor.Cli;
using PuppeteerSharp;

namespace Assessor.Api.Tests.WebConsole;

/// <summary>
/// The review end to end in the browser: a specialist answers the checklist and uploads the envelope signed offline with
/// assessor-cli; a reviewer finds the plan in the queue, certifies it and downloads the certificate.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ConsoleWorkflowTests(ConsoleBrowser console) : IClassFixture<ConsoleBrowser>
{
    [SkippableFact]
    public async Task A_specialist_signs_off_and_a_reviewer_certifies_and_downloads_the_certificate()
    {
        await console.RequireAsync();
        var folder = Directory.CreateTempSubdirectory("assessor-console-").FullName;
        var registration = Random.Shared.Next(500000, 599999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var specialistId = await console.Service.RegisterSpecialistAsync(registration, TestPlans.OtherCorporateNumber("864209753186"), "2025-04-01");
        var (_, specialist) = await console.Service.NewPrincipalAsync("specialist", specialistId: specialistId);
        Assert.Equal(CliCommands.Ok, CliCommands.Run(["keygen", "--out", Path.Combine(folder, "specialist")], TextWriter.Null, TextWriter.Null));
        using (var admin = console.Service.Admin())
        {
            var key = await admin.PostAsJsonAsync($"/api/v1/specialists/{specialistId}/keys",
                new { publicKeyPem = await File.ReadAllTextAsync(Path.Combine(folder, "specialist.pub.pem")) });
            Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        }

        var company = $"株式会社コンソール{registration}";
        var plan = TestPlans.Example();
        plan["securityExpert"]!["registrationNumber"] = registration;
        plan["applicant"]!["name"] = company;
        using var applicant = await console.Service.ApplicantAsync();
        var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(plan));
        var planId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await applicant.PostAsync($"/api/v1/plans/{planId}/submit", null)).StatusCode);

        // The specialist: the plan is among theirs; a run is started and every item answered.
        var page = await console.NewUserAsync();
        await page.SignInAsync(console, specialist.Key);
        Assert.EndsWith("/console/assigned", page.Url);
        await page.CheckAsync("specialist-assigned");
        await page.ClickAndWaitAsync($"a[href='/console/plans/{planId}']");
        await page.CheckAsync("specialist-plan");
        await page.ClickAndWaitAsync("form[action*='handler=StartRun'] button");
        Assert.Contains("/console/runs/", page.Url);
        var runId = page.Url.Split('/')[^1];
        await page.CheckAsync("specialist-run-open");
        var items = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('input[name=itemId]')].map(i => i.value)");
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            await page.ClickAsync($"#i-{item}-satisfied");
            // The first item is typed key by key as a specialist would; the rest are filled in at once (every item typed
            // key by key took most of this test's time, and a minute on a loaded machine).
            Func<string, string, Task> fill = item == items[0]
                ? (selector, text) => page.TypeAsync(selector, text)
                : (selector, text) => page.SetValueAsync(selector, text);
            await fill($"#i-{item}-notes", "確認済み");
            await fill($"#i-{item}-evidence", "policy.pdf");
            await fill($"#i-{item}-sha", new string('a', 64));
            await page.ClickAndWaitAsync($"#item-{item} form button[type=submit]");
            Assert.Equal("Answer saved.", await page.TextAsync(".notice"));
        }

        Assert.Equal(items.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.EvaluateExpressionAsync<string>("document.querySelector('#progress').value.toString()"));
        Assert.Equal("pass", await page.TextAsync("#verdict"));
        await page.CheckAsync("specialist-run-answered");

        // The statement is downloaded with the session, signed offline by the CLI, and the envelope uploaded.
        using (var session = await page.SessionClientAsync(console))
        {
            var statement = await session.GetAsync($"/console/runs/{runId}/statement");
            Assert.Equal(HttpStatusCode.OK, statement.StatusCode);
            await File.WriteAllBytesAsync(Path.Combine(folder, "statement.json"), await statement.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(CliCommands.Ok, CliCommands.Run(
            ["sign", "--key", Path.Combine(folder, "specialist.key.pem"), "--statement", Path.Combine(folder, "statement.json"), "--out", Path.Combine(folder, "envelope.json")],
            TextWriter.Null, TextWriter.Null));
        await (await page.QuerySelectorAsync("#envelope-file")).UploadFileAsync(Path.Combine(folder, "envelope.json"));
        await page.ClickAndWaitAsync("form[action*='handler=SignOff'] button");
        Assert.StartsWith("Signed off", await page.TextAsync(".notice"));
        Assert.Equal("pass", await page.TextAsync("#signoff-verdict"));
        await page.CheckAsync("specialist-run-signed");

        // The reviewer: the queue shows the plan signed off; filtered by company, opened, certified, downloaded.
        var (_, reviewer) = await console.Service.NewPrincipalAsync("reviewer");
        var review = await console.NewUserAsync();
        await review.SignInAsync(console, reviewer.Key);
        Assert.EndsWith("/console/queue", review.Url);
        await review.TypeAsync("#company", company);
        await review.ClickAndWaitAsync("form.filters button");
        Assert.Equal(1, await review.EvaluateExpressionAsync<int>("document.querySelectorAll('table.plans tbody tr').length"));
        Assert.Contains("Yes", await review.TextAsync("table.plans tbody tr"));
        await review.CheckAsync("reviewer-queue");
        await review.ClickAndWaitAsync($"a[href='/console/plans/{planId}']");
        Assert.NotNull(await review.QuerySelectorAsync("#decision-certify"));
        Assert.Equal("pass", await review.TextAsync("#signoff-heading + dl dd"));
        await review.CheckAsync("reviewer-plan");
        await review.ClickAsync("#decision-certify");
        await review.TypeAsync("#reason", "全要件を満たす");
        await review.ClickAndWaitAsync("form[action*='handler=Decide'] button[type=submit]");
        Assert.Equal("Decision recorded.", await review.TextAsync(".notice"));
        Assert.Equal("certified", await review.TextAsync(".status"));
        await review.CheckAsync("reviewer-plan-certified");

        using var download = await review.SessionClientAsync(console);
        var certificate = await download.GetAsync($"/console/plans/{planId}/report?format=json");
        Assert.Equal(HttpStatusCode.OK, certificate.StatusCode);
        var report = await certificate.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(planId, report.GetProperty("plan").GetProperty("id").GetString());
        var html = await download.GetAsync($"/console/plans/{planId}/report?format=html");
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Contains("form-action 'none'", html.Headers.GetValues("Content-Security-Policy").Single());
        Directory.Delete(folder, recursive: true);
    }

    [SkippableFact]
    public async Task A_reviewer_returns_a_plan_with_a_reason_the_applicant_reads_and_revises()
    {
        await console.RequireAsync();
        var corporateNumber = TestPlans.OtherCorporateNumber("556677889900");
        var (applicantClient, applicant) = await console.Service.NewPrincipalAsync("applicant", corporateNumber);
        var created = await applicantClient.PostAsync("/api/v1/plans", TestPlans.Json(TestPlans.ExampleFor(corporateNumber)));
        var planId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await applicantClient.PostAsync($"/api/v1/plans/{planId}/submit", null);

        var (_, reviewer) = await console.Service.NewPrincipalAsync("reviewer");
        var review = await console.NewUserAsync();
        await review.SignInAsync(console, reviewer.Key);
        await review.OpenAsync(console, $"/console/plans/{planId}");
        // Without a sign-off the plan cannot be certified: the form does not offer it.
        Assert.Null(await review.QuerySelectorAsync("#decision-certify"));
        Assert.NotNull(await review.QuerySelectorAsync("#certify-unavailable"));
        // A return without a reason is refused at the reason field.
        await review.ClickAsync("#decision-return");
        var refused = await review.ClickAndWaitAsync("form[action*='handler=Decide'] button[type=submit]");
        Assert.Equal(HttpStatusCode.BadRequest, (HttpStatusCode)refused.Status);
        Assert.NotNull(await review.TextAsync("#reason-error"));
        await review.CheckAsync("reviewer-decision-refused");
        await review.ClickAsync("#decision-return");
        await review.TypeAsync("#reason", "投資額の根拠資料を添付してください <b>");
        await review.ClickAndWaitAsync("form[action*='handler=Decide'] button[type=submit]");
        Assert.Equal("returned", await review.TextAsync(".status"));

        var page = await console.NewUserAsync("ja");
        await page.SignInAsync(console, applicant.Key);
        await page.OpenAsync(console, $"/console/plans/{planId}");
        // The reason is shown as text, never as markup.
        Assert.Contains("投資額の根拠資料を添付してください <b>", await page.TextAsync("#return-reason"));
        Assert.Null(await page.QuerySelectorAsync("#return-reason b"));
        await page.CheckAsync("applicant-plan-returned-ja");
        var revised = TestPlans.ExampleFor(corporateNumber);
        revised["title"] = "改訂版の計画";
        await page.SetValueAsync("#document", revised.ToJsonString());
        await page.ClickAndWaitAsync("form[action*='handler=Revise'] button[type=submit]");
        Assert.Equal("登録しました。", await page.TextAsync(".notice"));
        Assert.Equal("下書き", await page.TextAsync(".status"));
        // The difference between the two revisions, field by field.
        Assert.Contains("$.title", await page.TextAsync("table.diff"));
        Assert.Contains("改訂版の計画", await page.TextAsync("table.diff"));
        await page.CheckAsync("applicant-plan-revised-ja");
    }

    [SkippableFact]
    public async Task An_applicant_answers_the_self_check_of_an_it_subsidy_plan_and_sees_its_score()
    {
        await console.RequireAsync();
        var document = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "examples", "it-donyu-2018.json")))!;
        var corporateNumber = document["applicant"]!["corporateNumber"]!.GetValue<string>();
        var (client, applicant) = await console.Service.NewPrincipalAsync("applicant", corporateNumber);
        var created = await client.PostAsync("/api/v1/plans", TestPlans.Json(document));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var planId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var page = await console.NewUserAsync();
        await page.SignInAsync(console, applicant.Key);
        await page.OpenAsync(console, $"/console/plans/{planId}");
        await page.ClickAndWaitAsync("form[action*='handler=SelfCheck'] button");
        Assert.Contains("/console/self-checks/", page.Url);
        await page.CheckAsync("applicant-self-check");
        var items = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('input[name=itemId]')].map(i => i.value)");
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            await page.ClickAsync($"#i-{item}-done");
            await page.ClickAndWaitAsync($"#item-{item} form button[type=submit]");
        }

        Assert.NotNull(await page.TextAsync("#score"));
        await page.CheckAsync("applicant-self-check-complete");

        // Asking again leads to the same run: a revision has one self-check.
        await page.OpenAsync(console, $"/console/plans/{planId}");
        var url = page.Url;
        await page.ClickAndWaitAsync("form[action*='handler=SelfCheck'] button");
        Assert.Contains("/console/self-checks/", page.Url);
        Assert.NotNull(await page.TextAsync("#score"));
        Assert.NotEqual(url, page.Url);
    }
}
