using Assessor.Domain.Log;
using Assessor.Service.Storage;
using Microsoft.Extensions.Options;

namespace Assessor.Service.Identity;

/// <summary>
/// Makes the configured <c>Assessor:BootstrapAdminKey</c> an admin key on start, once: a fresh
/// installation needs one admin before anyone can create principals.
/// </summary>
internal sealed class BootstrapAdmin(IOptions<BootstrapOptions> options, PrincipalStore principals, IDatabase database, ILogger<BootstrapAdmin> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var key = options.Value.BootstrapAdminKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            return;
        }

        if (await principals.KeyExistsAsync(key, cancellationToken))
        {
            return;
        }

        try
        {
            await principals.CreateAsync("bootstrap admin", Roles.Admin, null, null, key, LogActor.System, cancellationToken);
            logger.LogInformation("Created the bootstrap admin principal from configuration");
        }
        catch (Exception ex) when (database.IsUniqueViolation(ex))
        {
            // Another instance starting at the same moment created it.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
