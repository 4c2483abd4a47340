using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assessor.Domain.Plans;
using Assessor.Service.Plans;

namespace Assessor.Api.Tests.Reports;

/// <summary>
/// Plans as large as the service accepts: the example plan with thousands of extra assets, linkages or
/// financial years. The extra items are the smallest valid ones, so a body of at most
/// <see cref="PlanIntake.MaxPlanBytes"/> holds as many of them as any accepted plan can.
/// </summary>
public static class LargePlans
{
    /// <summary>A used, pre-period machine: excluded for every reason it can be, so the report lists all of them.</summary>
    public static JsonObject SmallestAsset(int i) => new()
    {
        ["id"] = $"X{i}",
        ["class"] = "machinery",
        ["name"] = "x",
        ["cost"] = 1,
        ["acquiredOn"] = "2000-01-01",
        ["inServiceOn"] = "2000-01-01",
        ["isNew"] = false,
    };

    public static JsonObject SmallestLinkage(int i) => new()
    {
        ["id"] = $"Y{i}",
        ["kind"] = "internal-only",
        ["data"] = "x",
        ["from"] = "x",
        ["to"] = "x",
        ["purpose"] = "x",
    };

    /// <summary>A fiscal year after the example's 2018–2021.</summary>
    public static JsonObject SmallestFinancialYear(int i) => new()
    {
        ["fiscalYear"] = 2022 + i,
        ["operatingProfit"] = 0,
        ["personnelCosts"] = 0,
        ["depreciation"] = 0,
        ["headcount"] = 1,
    };

    /// <summary>Appends <paramref name="assets"/> extra assets and <paramref name="linkages"/> extra linkages to <paramref name="plan"/>.</summary>
    public static JsonObject Grow(JsonObject plan, int assets, int linkages)
    {
        Append(plan, "assets", assets, SmallestAsset);
        Append(plan, "linkages", linkages, SmallestLinkage);
        return plan;
    }

    /// <summary>The example plan with as many extra items in <paramref name="list"/> as fit in the body limit, compact JSON.</summary>
    public static byte[] FilledToLimit(string list, Func<int, JsonObject> item)
    {
        var plan = TestPlans.Example();
        var array = plan[list]!.AsArray();
        var size = Encoding.UTF8.GetByteCount(plan.ToJsonString());
        for (var i = 0; ; i++)
        {
            var next = item(i);
            var added = Encoding.UTF8.GetByteCount(next.ToJsonString()) + 1; // and a comma
            if (size + added > PlanIntake.MaxPlanBytes)
            {
                break;
            }

            array.Add(next);
            size += added;
        }

        var bytes = Encoding.UTF8.GetBytes(plan.ToJsonString());
        Assert.InRange(bytes.Length, PlanIntake.MaxPlanBytes - 256, PlanIntake.MaxPlanBytes);
        return bytes;
    }

    /// <summary>
    /// The example plan whose title is <paramref name="c"/> repeated up to the body limit, written unescaped
    /// (as a client may send it): a character that escaping lengthens (&amp; → &amp;amp;) makes the longest report text.
    /// </summary>
    public static byte[] WithLongestTitle(char c)
    {
        var plan = TestPlans.Example();
        plan["title"] = "";
        var relaxed = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var room = PlanIntake.MaxPlanBytes - Encoding.UTF8.GetByteCount(plan.ToJsonString(relaxed));
        plan["title"] = new string(c, room / Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(c.ToString(), relaxed).Trim('"')));
        var bytes = Encoding.UTF8.GetBytes(plan.ToJsonString(relaxed));
        Assert.InRange(bytes.Length, PlanIntake.MaxPlanBytes - 8, PlanIntake.MaxPlanBytes);
        return bytes;
    }

    /// <summary>Parses and validates, as the service does before it accepts a plan.</summary>
    public static PlanDocument Accepted(byte[] bytes)
    {
        var plan = PlanJson.Parse(bytes, out var error);
        Assert.True(plan is not null, string.Join("; ", error));
        Assert.Empty(PlanValidator.Validate(plan));
        return plan;
    }

    public static PlanDocument Accepted(JsonObject plan) => Accepted(Encoding.UTF8.GetBytes(plan.ToJsonString()));

    private static void Append(JsonObject plan, string list, int count, Func<int, JsonObject> item)
    {
        var array = plan[list]!.AsArray();
        for (var i = 0; i < count; i++)
        {
            array.Add(item(i));
        }
    }
}
