using Assessor.Service;
using Assessor.Service.Assessments;
using Assessor.Service.Attestations;
using Assessor.Service.Checklists;
using Assessor.Service.Decisions;
using Assessor.Service.Http;
using Assessor.Service.Idempotency;
using Assessor.Service.Identity;
using Assessor.Service.Log;
using Assessor.Service.Plans;
using Assessor.Service.RegimeCatalog;
using Assessor.Service.Reports;
using Assessor.Service.SelfChecks;
using Assessor.Service.Specialists;
using Assessor.Service.Storage;
using Assessor.Service.WebConsole;

var builder = WebApplication.CreateBuilder(args);

builder.AddHttpDefaults();
builder.Services
    .AddStorage()
    .AddIdentity()
    .AddIdempotency()
    .AddPlans()
    .AddAssessments()
    .AddChecklists()
    .AddSpecialists()
    .AddAttestations()
    .AddSelfChecks()
    .AddDecisions()
    .AddReports()
    .AddRegimeCatalog()
    .AddLog()
    .AddConsole()
    .AddAssessorOpenApi();

var app = builder.Build();

await app.PrepareAsync();
if (await AdminCommands.TryRunAsync(args, app.Services))
{
    return;
}

app.UseHttpDefaults();
app.UseIdempotency();

app.MapOperations();
var api = app.MapGroup("/api/v1").RejectUnknownQueryParameters();
api.MapPlans();
api.MapIdentity();
api.MapSpecialists();
api.MapAssessments();
api.MapChecklists();
api.MapAttestations();
api.MapSelfChecks();
api.MapRegimes();
api.MapDecisions();
api.MapReports();
api.MapLog();
app.MapConsole();

app.Run();
