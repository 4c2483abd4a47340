using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PuppeteerSharp;

namespace Assessor.Api.Tests.WebConsole;

/// <summary>
/// Each role's work in the console, in a real browser (Debian's Chromium through PuppeteerSharp), with axe-core on every
/// page and a screenshot of each in TestResults/console/. Filter with <c>--filter FullyQualifiedName~Console</c>.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ConsoleBrowserTests(ConsoleBrowser console) : IClassFixture<ConsoleBrowser>
{
    [SkippableFact]
    public async Task Applicant_uploads_sees_a_problem_at_its_field_fixes_it_and_submits()
    {
        await console.RequireAsync();
        var corporateNumber = TestPlans.OtherCorporateNumber("210987654321");
        var (_, applicant) = await console.Service.NewPrincipalAsync("applicant", corporateNumber);
        var page = await console.NewUserAsync();

        Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)(await page.SignInAsync(console, applicant.Key)).Status);
        Assert.EndsWith("/console/my-plans", page.Url);
        Assert.DoesNotContain(applicant.Key, await page.GetContentAsync());
        await page.CheckAsync("applicant-my-plans");

        // A document without its title: the problem is shown beside the field it concerns.
        var plan = TestPlans.ExampleFor(corporateNumber);
        plan.Remove("title");
        await page.SetValueAsync("#document", plan.ToJsonString());
        var refused = await page.ClickAndWaitAsync("form[enctype='multipart/form-data'] button[type=submit]");
        Assert.True(refused.Status == HttpStatusCode.BadRequest, await page.GetContentAsync());
        var row = await page.EvaluateExpressionAsync<string>(
            "[...document.querySelectorAll('table.fields tr.invalid')].map(r => r.textContent.replace(/\\s+/g, ' ').trim()).join('|')");
        Assert.True(row.Contains("$.title"), console.Service.Log);
        Assert.Contains("Required", row);
        Assert.Contains("\"regime\"", await page.EvaluateExpressionAsync<string>("document.querySelector('#document').value"));
        await page.CheckAsync("applicant-upload-problem");

        // The same plan as a file: accepted, a draft with its assessment.
        var file = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, TestPlans.ExampleFor(corporateNumber).ToJsonString());
        var input = await page.QuerySelectorAsync("#file");
        await input.UploadFileAsync(file);
        await page.ClickAndWaitAsync("form[enctype='multipart/form-data'] button[type=submit]");
        Assert.Contains("/console/plans/", page.Url);
        Assert.Equal("Uploaded.", await page.TextAsync(".notice"));
        Assert.Equal("draft", await page.TextAsync(".status"));
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('table.assessment tbody tr').length") >= 4);
        await page.CheckAsync("applicant-plan-draft");

        await page.ClickAndWaitAsync("form[action*='handler=Submit'] button");
        Assert.Equal("Submitted.", await page.TextAsync(".notice"));
        Assert.Equal("submitted", await page.TextAsync(".status"));
    }

    [SkippableFact]
    public async Task A_page_of_another_role_is_forbidden_and_signing_out_ends_the_session()
    {
        await console.RequireAsync();
        var (_, applicant) = await console.Service.NewPrincipalAsync("applicant", TestPlans.SampleCorporateNumber);
        var page = await console.NewUserAsync();
        await page.SignInAsync(console, applicant.Key);

        var forbidden = await page.OpenAsync(console, "/console/queue");
        Assert.Equal(HttpStatusCode.Forbidden, (HttpStatusCode)forbidden.Status);
        Assert.Equal("Forbidden", await page.TextAsync("h1"));
        await page.CheckAsync("forbidden");

        await page.OpenAsync(console, "/console/my-plans");
        await page.ClickAndWaitAsync("header form[action='/console/sign-out'] button");
        Assert.EndsWith("/console/sign-in", page.Url);
        await page.CheckAsync("sign-in");
        await page.OpenAsync(console, "/console/my-plans");
        Assert.Contains("/console/sign-in?returnUrl=", page.Url);
    }

    [SkippableFact]
    public async Task A_wrong_key_is_refused_at_its_field_and_the_language_switch_is_kept()
    {
        await console.RequireAsync();
        var page = await console.NewUserAsync();
        var refused = await page.SignInAsync(console, "ak_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (HttpStatusCode)refused.Status);
        Assert.Equal("Unknown or revoked API key.", await page.TextAsync("#key-error"));
        Assert.Equal("true", await page.EvaluateExpressionAsync<string>("document.querySelector('#key').getAttribute('aria-invalid')"));
        await page.CheckAsync("sign-in-refused");

        await page.SelectAsync("#lang", "ja");
        await page.ClickAndWaitAsync("form.lang button");
        Assert.Equal("ja", await page.EvaluateExpressionAsync<string>("document.documentElement.lang"));
        Assert.Equal("サインイン", await page.TextAsync("h1"));
        await page.OpenAsync(console, "/console/forbidden");
        Assert.Equal("アクセスできません", await page.TextAsync("h1"));
        await page.CheckAsync("forbidden-ja");
    }

    [SkippableFact]
    public async Task An_admin_creates_a_principal_whose_key_signs_in_until_the_admin_revokes_it()
    {
        await console.RequireAsync();
        var admin = await console.NewUserAsync();
        await admin.SignInAsync(console, AssessorFactory.AdminKey);
        Assert.EndsWith("/console/admin", admin.Url);
        await admin.CheckAsync("admin");

        // A wrong corporate number is refused at its field.
        var name = $"Console applicant {Guid.NewGuid():N}";
        await admin.TypeAsync("#p-name", name);
        await admin.SelectAsync("#p-role", "applicant");
        await admin.TypeAsync("#p-corporate", "1234");
        var refused = await admin.ClickAndWaitAsync("form[action*='handler=CreatePrincipal'] button");
        Assert.Equal(HttpStatusCode.BadRequest, (HttpStatusCode)refused.Status);
        Assert.NotNull(await admin.TextAsync("#p-corporate-error"));
        await admin.CheckAsync("admin-refused");

        await admin.TypeAsync("#p-name", name);
        await admin.SelectAsync("#p-role", "applicant");
        await admin.TypeAsync("#p-corporate", TestPlans.SampleCorporateNumber);
        var createdPage = await admin.ClickAndWaitAsync("form[action*='handler=CreatePrincipal'] button");
        Assert.Contains("no-store", createdPage.Headers["cache-control"]);
        var key = await admin.TextAsync("#new-key");
        Assert.StartsWith("ak_", key);

        var user = await console.NewUserAsync();
        await user.SignInAsync(console, key);
        Assert.EndsWith("/console/my-plans", user.Url);

        // Revoking the key ends the session opened with it.
        await admin.OpenAsync(console, "/console/admin");
        var principalId = await admin.EvaluateFunctionAsync<string>(
            "n => [...document.querySelectorAll('table.principals tbody tr')].find(r => r.querySelector('th').textContent.trim() === n).id.substring(10)", name);
        await admin.ClickAndWaitAsync($"#principal-{principalId} form[action*='handler=RevokeKey'] button");
        Assert.Equal("Key revoked.", await admin.TextAsync(".notice"));
        await user.OpenAsync(console, "/console/my-plans");
        Assert.Contains("/console/sign-in", user.Url);
    }

    [SkippableFact]
    public async Task The_queue_counts_filters_by_status_and_pages()
    {
        await console.RequireAsync();
        var corporateNumber = TestPlans.OtherCorporateNumber("314159265358");
        using var applicant = await console.Service.ApplicantAsync(corporateNumber);
        var company = $"ページ送り株式会社{Guid.NewGuid():N}";
        var plan = TestPlans.ExampleFor(corporateNumber);
        plan["applicant"]!["name"] = company;
        for (var i = 0; i < 28; i++)
        {
            plan["title"] = $"計画 {i:D2}";
            var created = await applicant.PostAsync("/api/v1/plans", TestPlans.Json(plan));
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            // Two stay drafts, which a reviewer never sees.
            if (i >= 2)
            {
                Assert.Equal(HttpStatusCode.OK, (await applicant.PostAsync($"/api/v1/plans/{id}/submit", null)).StatusCode);
            }
        }

        var (_, reviewer) = await console.Service.NewPrincipalAsync("reviewer");
        var page = await console.NewUserAsync();
        await page.SignInAsync(console, reviewer.Key);
        await page.OpenAsync(console, $"/console/queue?company={Uri.EscapeDataString(company)}&sort=title-asc");
        Assert.StartsWith("26 plans — Page 1 of 2", await page.TextAsync(".matching"));
        Assert.Equal("0", await page.TextAsync(".counts a[href*='status=draft'] .count"));
        Assert.Equal("26", await page.TextAsync(".counts a[href*='status=submitted'] .count"));
        Assert.Equal("計画 02", await page.TextAsync("table.plans tbody tr td a"));

        await page.OpenAsync(console, $"/console/queue?company={Uri.EscapeDataString(company)}&sort=title-asc&status=submitted");
        Assert.Equal(25, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('table.plans tbody tr').length"));
        await page.ClickAndWaitAsync(".pager a[rel=next]");
        Assert.Contains("page=2", page.Url);
        Assert.Equal(1, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('table.plans tbody tr').length"));
        Assert.Equal("計画 27", await page.TextAsync("table.plans tbody tr td a"));
        Assert.NotNull(await page.QuerySelectorAsync(".pager a[rel=prev]"));

        // A bad date is refused at its field.
        var bad = await page.OpenAsync(console, "/console/queue?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, (HttpStatusCode)bad.Status);
        Assert.NotNull(await page.TextAsync("#from-error"));
        await page.CheckAsync("reviewer-queue-all");
    }
}
