using Assessor.Domain.Procedure;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Service.Identity;
using Assessor.Service.Plans;
using Microsoft.AspNetCore.Authorization;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>The reviewer's queue: plans in review and decided, filtered, sorted, counted and paged.</summary>
[Authorize(Policy = Roles.Reviewer, AuthenticationSchemes = ConsoleSetup.Scheme)]
public sealed class QueueModel(ConsoleText text, ConsoleQueries queries) : PlanListModel(text, queries)
{
    protected override PlanStatus? DefaultStatus => PlanStatus.Submitted;
}

/// <summary>A list page of plans under the caller's scope, the filters read from the query string (a GET form: bookmarkable).</summary>
public abstract class PlanListModel(ConsoleText text, ConsoleQueries queries) : ConsolePageModel(text)
{
    public QueuePage Plans { get; private set; } = new([], new Dictionary<PlanStatus, int>(), 0, 1, 1);

    public QueueFilter Filter { get; private set; } = new(null, null, null, null, null, "updated-desc", 1);

    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Regimes => [.. RegimeRegistry.All.Select(r => r.Id)];

    /// <summary>The status shown when the query names none; null shows every status.</summary>
    protected virtual PlanStatus? DefaultStatus => null;

    /// <remarks>The page number is read from the query string by name: "page" is also Razor Pages' route value naming the page.</remarks>
    public async Task OnGetAsync(string? status, string? regime, string? company, string? from, string? until, string? sort,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? page)
    {
        PlanStatus? wanted = DefaultStatus;
        if (status is "any")
        {
            wanted = null;
        }
        else if (!string.IsNullOrEmpty(status))
        {
            wanted = WireNames<PlanStatus>.TryParse(status, out var parsed) ? parsed : Invalid<PlanStatus?>("status", null);
        }

        if (!string.IsNullOrEmpty(regime) && !Regimes.Contains(regime))
        {
            regime = Invalid<string?>("regime", null);
        }

        sort = string.IsNullOrEmpty(sort) ? "updated-desc" : ConsoleQueries.Sorts.ContainsKey(sort) ? sort : Invalid("sort", "updated-desc");
        Filter = new QueueFilter(wanted, string.IsNullOrEmpty(regime) ? null : regime, string.IsNullOrWhiteSpace(company) ? null : company.Trim(),
            Date("from", from), Date("until", until), sort, page is >= 1 ? page.Value : 1);
        Plans = await queries.QueueAsync(PlanScope.For(Caller), Filter, HttpContext.RequestAborted);
        if (FieldErrors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    /// <summary>The query string of this list with one parameter changed (page links, status tabs).</summary>
    public string Link(string? status = null, int? page = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["status"] = status ?? Filter.Status?.ToWire() ?? "any",
            ["regime"] = Filter.Regime,
            ["company"] = Filter.Company,
            ["from"] = Filter.UpdatedFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["until"] = Filter.UpdatedUntil?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["sort"] = Filter.Sort,
            ["page"] = (page ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Request.Path + Microsoft.AspNetCore.Http.QueryString.Create(query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    private DateOnly? Date(string field, string? value) =>
        string.IsNullOrEmpty(value) ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date
        : Invalid<DateOnly?>(field, null);

    private TValue Invalid<TValue>(string field, TValue fallback)
    {
        FieldErrors[field] = T.Pick("この値は使えません。", "This value is not allowed.");
        return fallback;
    }
}
