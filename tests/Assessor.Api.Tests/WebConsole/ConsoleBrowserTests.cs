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
}
