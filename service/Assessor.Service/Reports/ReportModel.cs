using System.Text.Json;
using Assessor.Domain.Plans;
using Assessor.Domain.Reports;
using Scriban.Runtime;

namespace Assessor.Service.Reports;

/// <summary>
/// The data templates see: the JSON report turned into Scriban objects with every string already escaped
/// for the output format. Numbers stay numbers and booleans stay booleans; nothing raw gets in.
/// </summary>
internal static class ReportModel
{
    // The report's own JSON dialect, but with nulls written, so a template can test any optional field
    // without StrictVariables failing on a missing member.
    private static readonly JsonSerializerOptions WithNulls = new(PlanJson.Options)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    public static ScriptObject Create(IRegimeReport report, ReportStamp stamp, Func<string, string> escape)
    {
        var model = new ScriptObject
        {
            ["report"] = Convert(JsonSerializer.SerializeToElement(report, report.GetType(), WithNulls), escape),
            ["stamp"] = Convert(JsonSerializer.SerializeToElement(stamp, WithNulls), escape),
        };
        return model;
    }

    private static object? Convert(JsonElement element, Func<string, string> escape)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new ScriptObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = Convert(property.Value, escape);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new ScriptArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(Convert(item, escape));
                }

                return array;
            case JsonValueKind.String:
                return escape(element.GetString()!);
            case JsonValueKind.Number:
                return element.TryGetInt64(out var whole) ? whole : element.GetDecimal();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
