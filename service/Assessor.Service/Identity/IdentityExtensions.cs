using Microsoft.AspNetCore.Authorization;

namespace Assessor.Service.Identity;

public static class IdentityExtensions
{
    /// <summary>API keys (and, when an issuer is configured, its JWTs) as bearer tokens, one policy per role, and every endpoint authenticated unless it allows anonymous callers.</summary>
    public static IServiceCollection AddIdentity(this IServiceCollection services)
    {
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PrincipalStore>();
        services.AddOptions<KeyCacheOptions>().BindConfiguration(KeyCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiKeyCache>();
        services.AddAuthentication(OidcIdentities.SelectorScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddOidc();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Roles.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Roles.Applicant, policy => policy.RequireRole(Roles.Applicant))
            .AddPolicy(Roles.Reviewer, policy => policy.RequireRole(Roles.Reviewer))
            .AddPolicy(Roles.Specialist, policy => policy.RequireRole(Roles.Specialist));
        services.AddHostedService<BootstrapAdmin>();
        return services;
    }
}
