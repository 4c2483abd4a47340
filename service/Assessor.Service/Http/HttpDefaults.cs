using Assessor.Domain.Plans;
using Assessor.Service.Plans;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Assessor.Service.Http;

/// <summary>What every endpoint shares: the JSON dialect, RFC 9457 problems for every error, the body limit, the clock.</summary>
public static class HttpDefaults
{
    public static WebApplicationBuilder AddHttpDefaults(this WebApplicationBuilder builder)
    {
        // No scopes: the framework's request scope repeats the raw path, and a path can hold a report digest, the report's
        // only credential; it also made every line more than twice as long. The request line carries the trace id.
        builder.Logging.ClearProviders().AddJsonConsole(options => options.IncludeScopes = false);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = PlanIntake.MaxPlanBytes);
        builder.Services.ConfigureHttpJsonOptions(options => PlanJson.Configure(options.SerializerOptions));
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemCodes.AddDefault);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRateLimits();
        builder.AddSecurityHeaders();
        return builder;
    }

    /// <summary>Security headers; errors as problems; Swagger UI where enabled; the failed-authentication limit, authentication and authorization.</summary>
    public static WebApplication UseHttpDefaults(this WebApplication app)
    {
        app.UseMiddleware<RequestLogging>();
        app.UseSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A request the framework could not bind (malformed JSON, unknown member) is the client's error, not ours.
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        // The UI is static files that call the anonymous /openapi/v1.json, so it sits before authorization.
        if (app.SwaggerUiEnabled())
        {
            app.UseSwaggerUI(options =>
            {
                options.RoutePrefix = "swagger";
                options.SwaggerEndpoint("/openapi/v1.json", "Assessor API v1");
            });
        }

        app.UseAuthenticationWithFailureLimit();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The anonymous operational endpoints: the OpenAPI document and the health probes.</summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        // The root says where things are, instead of a bare 401.
        app.MapGet("/", () => TypedResults.Ok(new ServiceIndex(
                "Assessor", "/openapi/v1.json", "/swagger", "/api/v1", "/health/ready", "Authorization: Bearer <API key issued by an admin>")))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}

/// <summary>What <c>GET /</c> answers: where the API, its description and the probes are.</summary>
public sealed record ServiceIndex(string Service, string OpenApi, string SwaggerUi, string Api, string Health, string Authentication);
