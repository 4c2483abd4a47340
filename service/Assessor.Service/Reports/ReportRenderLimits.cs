using System.Collections;
using Scriban;
using Scriban.Runtime;

namespace Assessor.Service.Reports;

/// <summary>
/// Scriban's runaway guards for one render, sized from the data being rendered. Scriban's fixed defaults
/// (1,000 loop iterations per loop tree, 1 Mi characters of output) stopped reports of plans the service
/// accepts: a plan body may be 1 MiB, about 7,300 assets or 14,000 linkages, and each becomes a table row.
/// Sizing the limits from the model keeps them finite for every input (the model is bounded by the body
/// limit) while letting any accepted plan render; a template that loops without end still stops.
/// </summary>
/// <remarks>
/// The templates visit each array element a handful of times (a table row, a list, a join) and print each
/// string a few times; the factors below leave several times that room, so a template edit does not need a
/// limit change. Output and string limits throw instead of truncating: a report that is cut short must
/// never be served or signed.
/// </remarks>
internal readonly record struct ReportRenderLimits(int LoopLimit, int OutputLimit, int StringLimit)
{
    /// <summary>Scriban's own defaults, kept as the floor for the templates' fixed parts.</summary>
    public const int BaseLoopLimit = 1_000;
    public const int BaseCharacters = 1_048_576;

    /// <summary>Loop iterations allowed per element of any array in the model.</summary>
    public const int IterationsPerElement = 8;

    /// <summary>Template characters allowed per array element (a table row with its labels is a few hundred).</summary>
    public const int CharactersPerElement = 1_024;

    /// <summary>How many times each model string may be printed.</summary>
    public const int PrintsPerString = 4;

    /// <summary>The limits for rendering <paramref name="model"/>: every array element and string character it holds counts.</summary>
    public static ReportRenderLimits For(ScriptObject model)
    {
        var (elements, characters) = Measure(model);
        return new ReportRenderLimits(
            Clamp(BaseLoopLimit + (IterationsPerElement * elements)),
            Clamp(BaseCharacters + (CharactersPerElement * elements) + (PrintsPerString * characters)),
            // One string is at most every model string joined with a separator.
            Clamp(BaseCharacters + characters + (2 * elements)));
    }

    public void ApplyTo(TemplateContext context)
    {
        context.LoopLimit = LoopLimit;
        context.OutputLimit = OutputLimit;
        context.LimitToString = StringLimit;
        context.OnOutputLimit = ScriptLimitBehavior.Throw;
        context.OnStringLimit = ScriptLimitBehavior.Throw;
    }

    private static (long Elements, long Characters) Measure(object? value)
    {
        switch (value)
        {
            case string text:
                return (0, text.Length);
            case ScriptObject obj:
                return Sum(obj.Values);
            case ScriptArray array:
                var (elements, characters) = Sum(array);
                return (elements + array.Count, characters);
            default:
                return (0, 0);
        }
    }

    private static (long Elements, long Characters) Sum(IEnumerable values)
    {
        long elements = 0, characters = 0;
        foreach (var value in values)
        {
            var (e, c) = Measure(value);
            elements += e;
            characters += c;
        }

        return (elements, characters);
    }

    private static int Clamp(long value) => (int)Math.Min(value, int.MaxValue);
}
