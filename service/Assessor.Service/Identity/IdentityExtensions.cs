using Microsoft.AspNetCore.Authorization;

namespace Assessor.Service.Identity;

public static class IdentityExtensions
{
    public static IServiceCollection AddApiKeyIdentity(this IServiceCollection services)
    {
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section);
        services.AddSingleton<PrincipalStore>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
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

/// <summary>Bound from <c>Assessor</c>: the first admin's key, for a fresh installation.</summary>
public sealed class IdentityOptions
{
    public const string Section = "Assessor";

    public string? BootstrapAdminKey { get; set; }
}
