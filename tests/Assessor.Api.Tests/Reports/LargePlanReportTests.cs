using System.Text;
using System.Text.Json.Nodes;
using Assessor.Domain.Plans;

namespace Assessor.Api.Tests.Reports;

/// <summary>
/// Every plan the service accepts renders, completely, in every template format: Scriban's default limits
/// (1,000 loop iterations, 1 MiB of output) stopped reports of plans with about a thousand assets.
/// </summary>
public class LargePlanReportTests
{
    [Theory]
    [InlineData("certification.html")]
    [InlineData("certification.md")]
    public void A_plan_with_7000_assets_and_3000_linkages_renders_every_row(string name)
    {
        var grown = LargePlans.Accepted(LargePlans.Grow(TestPlans.Example(), assets: 7_000, linkages: 3_000));

        var text = Render(name, grown);

        AssertComplete(name, text);
        Assert.Contains("X6999", text);
        Assert.Contains("Y2999", text);
    }

    public static TheoryData<string, string> Lists => new()
    {
        { "assets", "certification.html" },
        { "assets", "certification.md" },
        { "linkages", "certification.html" },
        { "linkages", "certification.md" },
        { "financials", "certification.html" },
        { "financials", "certification.md" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void The_largest_plans_the_service_accepts_render_completely(string list, string name)
    {
        Func<int, JsonObject> item = list switch
        {
            "assets" => LargePlans.SmallestAsset,
            "linkages" => LargePlans.SmallestLinkage,
            _ => LargePlans.SmallestFinancialYear,
        };
        var plan = LargePlans.Accepted(LargePlans.FilledToLimit(list, item));

        var text = Render(name, plan);

        AssertComplete(name, text);
        if (list != "financials")
        {
            var items = list == "assets" ? plan.Assets.Select(a => a.Id) : plan.Linkages.Select(l => l.Id);
            Assert.Contains(items.Last(), text);
        }
    }

    [Theory]
    [InlineData("certification.html")]
    [InlineData("certification.md")]
    public void A_title_that_fills_the_body_limit_with_characters_escaping_lengthens_renders_whole(string name)
    {
        var plan = LargePlans.Accepted(LargePlans.WithLongestTitle('&'));

        var text = Render(name, plan);

        AssertComplete(name, text);
        Assert.Contains(new string('&', 1_000), System.Net.WebUtility.HtmlDecode(text));
        Assert.True(text.Length > 5 * plan.Title.Length, $"{text.Length} characters for a title of {plan.Title.Length}");
    }

    [Fact]
    public void A_template_that_never_ends_is_still_stopped()
    {
        var templates = Directory.CreateTempSubdirectory("assessor-runaway-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(ReportFixture.TemplatesFolder))
            {
                File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
            }

            File.WriteAllText(Path.Combine(templates, "certification.html.sbn"), "{{ while true }}x{{ end }}");
            var renderer = new Assessor.Service.Reports.ReportRenderer(templates);

            var error = Assert.Throws<Assessor.Service.Reports.ReportTemplateException>(() => renderer.RenderHtml(ReportFixture.Example(), ReportFixture.Stamp));
            Assert.Contains("limit", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(templates, recursive: true);
        }
    }

    private static string Render(string name, PlanDocument plan) =>
        Encoding.UTF8.GetString(ReportGoldenTests.Render(name, ReportFixture.Example(edit: _ => plan)));

    /// <summary>Not cut short: it ends exactly as the example's report does (decision, verification, schema).</summary>
    private static void AssertComplete(string name, string text)
    {
        var example = Encoding.UTF8.GetString(ReportGoldenTests.Render(name, ReportFixture.Example()));
        Assert.EndsWith(example[^400..], text, StringComparison.Ordinal);
    }
}
