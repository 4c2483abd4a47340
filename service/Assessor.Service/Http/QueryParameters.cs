using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace Assessor.Service.Http;

public static class QueryParameters
{
    /// <summary>
    /// Refuses query parameters an operation does not take (400, naming them): a misspelt <c>?stauts=</c> must not
    /// silently return everything. What an operation takes is read from its handler's parameters.
    /// </summary>
    public static RouteGroupBuilder RejectUnknownQueryParameters(this RouteGroupBuilder group)
    {
        group.AddEndpointFilterFactory((factory, next) =>
        {
            var accepted = factory.MethodInfo.GetParameters().Where(IsQueryBound).Select(p => p.Name!).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return invocation =>
            {
                var query = invocation.HttpContext.Request.Query;
                if (query.Count == 0)
                {
                    // Most requests have no query: nothing to check, nothing to allocate.
                    return next(invocation);
                }

                var unknown = query.Keys.Where(key => !accepted.Contains(key)).ToList();
                return unknown.Count == 0
                    ? next(invocation)
                    : ValueTask.FromResult<object?>(Problems.Validation(unknown.Select(key => new Domain.Plans.ValidationError(key, accepted.Count == 0
                        ? new("This operation takes no query parameters.", "この操作はクエリパラメータを取りません。")
                        : new($"Unknown query parameter; this operation takes: {string.Join(", ", accepted.Order(StringComparer.Ordinal))}.",
                            $"不明なクエリパラメータです。この操作が取るもの: {string.Join(", ", accepted.Order(StringComparer.Ordinal))}。")))));
            };
        });
        // Every operation can answer so, and the OpenAPI document says it (a validation problem naming the parameters).
        return group.ProducesValidationProblem();
    }

    // Simple values not bound from the route, a header, the body or services are what minimal APIs read from the query.
    private static bool IsQueryBound(ParameterInfo parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        var simple = type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(DateOnly) || type == typeof(DateTimeOffset);
        return simple && parameter.GetCustomAttribute<FromHeaderAttribute>() is null && parameter.GetCustomAttribute<FromRouteAttribute>() is null
            && parameter.GetCustomAttribute<FromServicesAttribute>() is null && parameter.GetCustomAttribute<FromBodyAttribute>() is null;
    }
}
