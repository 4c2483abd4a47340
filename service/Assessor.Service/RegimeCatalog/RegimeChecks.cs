using Assessor.Domain.Checklists;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Service.Reports;

namespace Assessor.Service.RegimeCatalog;

public static class RegimeChecks
{
    /// <summary>
    /// What every registered regime needs from the deployment, checked at start: the checklist its attestation names must be
    /// published (else the service stops, naming it), and its report templates should be installed (a regime without them
    /// is logged, and its reports fail until they are).
    /// </summary>
    public static void CheckRegimes(this IServiceProvider services, ILogger logger)
    {
        var catalog = services.GetRequiredService<ChecklistCatalog>();
        var renderer = services.GetRequiredService<ReportRenderer>();
        foreach (var regime in RegimeRegistry.All)
        {
            if (regime.Attestation.Checklist is { } checklist && !catalog.TryGet(checklist.Id, checklist.Version, out _))
            {
                throw new InvalidOperationException(
                    $"Regime {regime.Id} needs checklist {checklist}, which is not in the checklist folder (Assessor:Checklists:Path).");
            }

            foreach (var missing in ReportRenderer.MainTemplates(regime.ReportTemplates).Where(name => !renderer.Has(name)))
            {
                logger.LogError("Regime {Regime} has no report template {Template} (Assessor:Reports:Path): its reports cannot be rendered", regime.Id, missing);
            }
        }
    }
}
