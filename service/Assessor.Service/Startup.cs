using Assessor.Domain.Checklists;
using Assessor.Service.RegimeCatalog;
using Assessor.Service.Reports;
using Assessor.Service.Storage;
using Microsoft.Extensions.Options;

namespace Assessor.Service;

public static class Startup
{
    /// <summary>
    /// Everything that must hold before the first request, so a broken deployment stops at start with a message
    /// naming the cause: the database migrated, the checklists and templates parsed (file and line on error), and
    /// the signing key loaded (generated and stored on first start when not configured).
    /// </summary>
    public static async Task PrepareAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        // The settings checked at start (ValidateOnStart), checked first: a broken one stops the service before the database
        // is touched, here and not inside the host's start, which disposes the half-started host as it fails (a test host
        // then raced that disposal and saw ObjectDisposedException instead of the setting's message).
        app.Services.GetService<IStartupValidator>()?.Validate();
        app.Services.MigrateDatabase(app.Logger);
        app.Services.GetRequiredService<ChecklistCatalog>();
        app.Services.GetRequiredService<ReportRenderer>();
        app.Services.GetRequiredService<CertificateCatalog>();
        app.Services.CheckRegimes(app.Logger);
        await app.Services.GetRequiredService<ServiceSigningKey>().LoadAsync(cancellationToken);
    }
}
