using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Assessor.Service.Http;

/// <summary>
/// Puts the bearer requirement on exactly the operations the authorization middleware guards, judged from the
/// endpoint's metadata as the middleware judges it: <see cref="IAllowAnonymous"/> anywhere means anonymous;
/// otherwise authorize data, a policy, or the application's fallback policy (which requires an authenticated
/// user) means a key is needed. An anonymous operation declares the empty requirement (<c>security: [{}]</c>).
/// </summary>
internal sealed class BearerRequirementTransformer(string schemeId) : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Security = await RequiresKeyAsync(context)
            ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(schemeId, context.Document)] = [] }]
            // An empty requirement: explicitly anonymous, so linters and generators need not guess.
            : [new OpenApiSecurityRequirement()];
    }

    private static async Task<bool> RequiresKeyAsync(OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return false;
        }

        if (metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any()
            || metadata.OfType<IAuthorizationRequirementData>().Any())
        {
            return true;
        }

        var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
        return await policies.GetFallbackPolicyAsync() is not null;
    }
}
