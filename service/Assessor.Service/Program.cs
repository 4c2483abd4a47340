using Assessor.Domain.Checklists;
using Assessor.Domain.Plans;
using Assessor.Service;
using Assessor.Service.Assessments;
using Assessor.Service.Attestations;
using Assessor.Service.Checklists;
using Assessor.Service.Decisions;
using Assessor.Service.Http;
using Assessor.Service.Idempotency;
using Assessor.Service.Identity;
using Assessor.Service.Plans;
using Assessor.Service.Reports;
using Assessor.Service.Specialists;
using Assessor.Service.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);

builder.Logging.ClearProviders().AddJsonConsole(options => options.IncludeScopes = true);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = PlanIntake.MaxPlanBytes);
builder.Services.ConfigureHttpJsonOptions(options => PlanJson.Configure(options.SerializerOptions));
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemCodes.AddDefault);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddStorage();
builder.Services.AddApiKeyIdentity();
builder.Services.AddSingleton<PlanStore>();
builder.Services.AddSingleton<SpecialistStore>();
builder.Services.AddSingleton<SecuritySignoffs>();
builder.Services.AddSingleton<ChecklistRunStore>();
builder.Services.AddSingleton<RunStatements>();
builder.Services.AddSingleton<PlanAssessments>();
builder.Services.AddSingleton<IdempotencyStore>();
builder.Services.AddChecklists();
builder.Services.AddReports();
builder.Services.AddAssessorOpenApi();

var app = builder.Build();

app.Services.MigrateDatabase(app.Logger);
// Parse the checklists now: a broken definition stops the service at start, naming file and line.
app.Services.GetRequiredService<ChecklistCatalog>();
// Likewise the report templates, and the signing key (generated and stored on first start when not configured).
app.Services.GetRequiredService<ReportRenderer>();
app.Services.GetRequiredService<ServiceSigningKey>();
if (await AdminCommands.TryRunAsync(args, app.Services))
{
    return;
}

app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // A request the framework could not bind (malformed JSON, unknown member) is the client's error, not ours.
    StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
// The UI is static files that call the anonymous /openapi/v1.json, so it sits before authorization.
app.UseSwaggerUI(options =>
{
    options.RoutePrefix = "swagger";
    options.SwaggerEndpoint("/openapi/v1.json", "Assessor API v1");
});
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<IdempotencyMiddleware>();

app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();

var api = app.MapGroup("/api/v1");
api.MapPlans();
api.MapIdentity();
api.MapSpecialists();
api.MapAssessments();
api.MapChecklists();
api.MapAttestations();
api.MapDecisions();
api.MapReports();

app.Run();
