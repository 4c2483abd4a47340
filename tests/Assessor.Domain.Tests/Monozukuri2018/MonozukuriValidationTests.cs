using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assessor.Domain.Plans;
using Assessor.Domain.RegimeDefinitions.Monozukuri2018;

using static Assessor.Domain.Tests.Monozukuri2018.MonozukuriPlans;

namespace Assessor.Domain.Tests.Monozukuri2018;

/// <summary>What the upload refuses (400, by JSON path) and what it leaves to the assessment.</summary>
public class MonozukuriValidationTests
{
    private static IReadOnlyList<ValidationError> Read(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(ExampleBytes())!.AsObject();
        change(json);
        var read = Monozukuri2018Definition.Instance.Read(Encoding.UTF8.GetBytes(json.ToJsonString()), out var errors);
        Assert.Equal(errors.Count == 0, read is not null);
        return errors;
    }

    private static JsonObject Participant(JsonObject plan, int index) => plan["participants"]![index]!.AsObject();

    [Fact]
    public void The_example_is_valid() => Assert.Empty(Read(_ => { }));

    [Theory]
    [InlineData("general")]
    [InlineData("small-prototype")]
    public void A_non_zero_allocation_outside_data_sharing_is_refused(string type)
    {
        var errors = Read(p =>
        {
            p["type"] = type;
            p["participants"]!.AsArray().RemoveAt(2);
            p["participants"]!.AsArray().RemoveAt(1);
        });

        Assert.Equal(["$.participants[0].allocation"], errors.Select(e => e.Path));
        Assert.Empty(Read(p =>
        {
            p["type"] = type;
            p["participants"]!.AsArray().RemoveAt(2);
            p["participants"]!.AsArray().RemoveAt(1);
            Participant(p, 0)["allocation"] = 0;
        }));
    }

    [Fact]
    public void A_plan_without_participants_is_refused() =>
        Assert.Equal(["$.participants"], Read(p => p["participants"] = new JsonArray()).Select(e => e.Path));

    [Fact]
    public void Eleven_participants_and_two_leads_are_left_to_the_assessment()
    {
        Assert.Empty(Read(p =>
        {
            var list = p["participants"]!.AsArray();
            foreach (var number in MoreNumbers)
            {
                var copy = list[2]!.DeepClone().AsObject();
                copy["corporateNumber"] = number;
                copy["allocation"] = 0;
                list.Add(copy);
            }

            Participant(p, 1)["isLead"] = true;
        }));
    }

    [Fact]
    public void Every_structural_problem_is_reported_by_path()
    {
        var errors = Read(p =>
        {
            p["title"] = " ";
            var lead = Participant(p, 0);
            lead.Remove("capital");
            lead["employees"] = -1;
            lead["ownership"]!["largeCompaniesShare"] = 1.5;
            lead["costs"]![1]!["cost"] = 0;
            lead["costs"]![2]!["id"] = "C1";
            lead["plan"]!["years"] = 6;
            Participant(p, 1)["plan"]!["final"]!["fiscalYear"] = 2021;
            Participant(p, 2)["plan"]!["base"]!["personnelCosts"] = -1;
            p["linkages"]![0]!["data"] = "";
            p["linkages"]![1]!["id"] = "L1";
            p["supportOrganisation"]!["registrationNumber"] = "";
        });

        Assert.Equal(
            [
                "$.title", "$.participants[0].capital", "$.participants[0].employees", "$.participants[0].ownership.largeCompaniesShare",
                "$.participants[0].costs[1].cost", "$.participants[0].costs[2].id", "$.participants[0].plan.years",
                "$.participants[1].plan.final.fiscalYear", "$.participants[2].plan.base.personnelCosts", "$.linkages[0].data", "$.linkages[1].id",
                "$.supportOrganisation.registrationNumber",
            ],
            errors.Select(e => e.Path));
    }

    [Fact]
    public void Unknown_members_and_unknown_types_are_refused()
    {
        Assert.Contains(Read(p => Participant(p, 0)["extra"] = 1), e => e.Path.StartsWith("$.participants[0]", StringComparison.Ordinal));
        Assert.NotEmpty(Read(p => p["type"] = "huge"));
        Assert.NotEmpty(Read(p => p["participants"]!.AsArray().Add(null)));
    }

    [Fact]
    public void Round_trips_through_the_api_dialect()
    {
        var plan = (MonozukuriPlan)Monozukuri2018Definition.Instance.Load(ExampleBytes()).Document;

        var again = (MonozukuriPlan)Monozukuri2018Definition.Instance.Load(JsonSerializer.SerializeToUtf8Bytes(plan, PlanJson.Options)).Document;

        Assert.Equal(JsonSerializer.Serialize(plan, PlanJson.Options), JsonSerializer.Serialize(again, PlanJson.Options));
    }
}
