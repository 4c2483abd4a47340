using System.Text.Json.Nodes;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.RegimeDefinitions.ItDonyu2018;

namespace Assessor.Domain.Tests.ItDonyu2018;

/// <summary>Reading an <c>it-donyu-2018</c> document: structural problems by JSON path, everything else left to the assessment.</summary>
public class ItDonyuValidationTests
{
    private static JsonObject Example() =>
        JsonNode.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "it-donyu-2018.json")))!.AsObject();

    private static IReadOnlyList<string> Errors(Action<JsonObject> change)
    {
        var plan = Example();
        change(plan);
        var bytes = System.Text.Encoding.UTF8.GetBytes(plan.ToJsonString());
        Assert.Null(ItDonyu2018Definition.Instance.Read(bytes, out var errors));
        return [.. errors.Select(e => e.Path)];
    }

    [Theory]
    [InlineData("$.title")]
    [InlineData("$.applicant.name")]
    public void Blank_texts_are_refused(string path) =>
        Assert.Equal([path], Errors(p => (path == "$.title" ? p : p["applicant"]!.AsObject())[path.Split('.')[^1]] = " "));

    [Fact]
    public void Structural_problems_are_reported_together_by_path()
    {
        var paths = Errors(p =>
        {
            p["applicant"]!["corporateNumber"] = "1234567890123";
            p["applicant"]!["employees"] = -1;
            p["applicant"]!["ownership"]!["largeCompaniesShare"] = 1.5;
            p["tools"]![1]!["id"] = "T1";
            p["tools"]![2]!["cost"] = 0;
            p["tools"]![1]!["months"] = 0;
            p["productivity"]!["years"]![1]!["hoursPerEmployee"] = 8785;
            p["productivity"]!["years"]![1]!["employees"] = 0;
            p["productivity"]!["years"]![0]!["costOfSales"] = -1;
        });

        Assert.Equal(
            [
                "$.applicant.corporateNumber", "$.applicant.employees", "$.applicant.ownership.largeCompaniesShare", "$.tools[1].id",
                "$.tools[1].months", "$.tools[2].cost", "$.productivity.years[0].costOfSales", "$.productivity.years[1].employees",
                "$.productivity.years[1].hoursPerEmployee",
            ],
            paths);
    }

    [Fact]
    public void A_company_must_give_its_capital_and_other_forms_need_not()
    {
        Assert.Equal(["$.applicant.capital"], Errors(p => p["applicant"]!.AsObject().Remove("capital")));

        var individual = Example();
        individual["applicant"]!["entityType"] = "individual";
        individual["applicant"]!.AsObject().Remove("capital");
        Assert.NotNull(ItDonyu2018Definition.Instance.Read(System.Text.Encoding.UTF8.GetBytes(individual.ToJsonString()), out _));
    }

    [Fact]
    public void The_base_years_row_is_required() =>
        Assert.Equal(["$.productivity.years"], Errors(p => p["productivity"]!["baseFiscalYear"] = 2016));

    [Fact]
    public void The_hours_of_a_leap_year_are_the_most_an_employee_works()
    {
        var plan = Example();
        plan["productivity"]!["years"]![1]!["hoursPerEmployee"] = 8784;
        Assert.NotNull(ItDonyu2018Definition.Instance.Read(System.Text.Encoding.UTF8.GetBytes(plan.ToJsonString()), out _));
        Assert.Equal(["$.productivity.years[1].hoursPerEmployee"], Errors(p => p["productivity"]!["years"]![1]!["hoursPerEmployee"] = 8784.5));
    }

    [Theory]
    [InlineData("tools", "[0].category", "\"printer\"")]
    [InlineData("securityAction", ".level", "\"three-star\"")]
    [InlineData("applicant", ".industry", "\"farming\"")]
    [InlineData("applicant", ".entityType", "\"foundation\"")]
    public void Unknown_enumeration_values_stop_the_reading_at_their_path(string member, string rest, string value)
    {
        var text = Example().ToJsonString();
        var paths = member switch
        {
            "tools" => Errors(p => p["tools"]![0]!["category"] = JsonNode.Parse(value)),
            "securityAction" => Errors(p => p["securityAction"]!["level"] = JsonNode.Parse(value)),
            _ => Errors(p => p["applicant"]![rest.TrimStart('.')] = JsonNode.Parse(value)),
        };

        Assert.Equal([$"$.{member}{rest}"], paths);
        Assert.NotEmpty(text);
    }

    [Fact]
    public void Tool_ids_a_reader_cannot_tell_apart_and_bidirectional_controls_are_refused()
    {
        // "Т1" with a Cyrillic Т looks like "T1"; U+202E reverses how the text displays.
        Assert.Equal(["$.tools[1].id"], Errors(p => p["tools"]![1]!["id"] = "\u04221"));
        Assert.Equal(["$.tools[1].id"], Errors(p => p["tools"]![1]!["id"] = "t1"));
        Assert.Equal(["$.title", "$.tools[0].name"], Errors(p =>
        {
            p["title"] = "計画\u202E";
            p["tools"]![0]!["name"] = "\u2066販売管理";
        }));
    }

    [Fact]
    public void Unknown_members_and_null_items_are_refused()
    {
        Assert.Equal(["$.tools[0].price"], Errors(p => p["tools"]![0]!["price"] = 1));
        Assert.Equal(["$.tools[1]"], Errors(p => p["tools"]![1] = null));
    }

    [Fact]
    public void What_the_assessment_judges_is_not_a_validation_error()
    {
        var plan = Example();
        plan["round"] = 9;
        plan["tools"] = new JsonArray();
        plan.Remove("securityAction");
        plan.Remove("diagnosisId");
        plan.Remove("reviewedBy");
        plan.Remove("bonus");
        plan["applicant"]!["ownership"]!["largestLargeCompanyShare"] = 1;

        Assert.NotNull(ItDonyu2018Definition.Instance.Read(System.Text.Encoding.UTF8.GetBytes(plan.ToJsonString()), out var errors));
        Assert.Empty(errors);
    }
}
