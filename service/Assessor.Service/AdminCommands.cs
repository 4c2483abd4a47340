using Assessor.Domain.Log;
using Assessor.Service.Identity;
using Assessor.Service.Log;

namespace Assessor.Service;

/// <summary>One-shot commands of the service binary, run instead of serving.</summary>
public static class AdminCommands
{
    /// <summary>
    /// <c>create-admin-key [name]</c>: creates an admin principal and prints its key once.
    /// <c>migrate</c>: applies migrations (done before any command) and exits.
    /// <c>verify-log</c>: checks the audit log against its stored events, artefacts and signed checkpoints; exit code 1 on a mismatch.
    /// </summary>
    public static async Task<bool> TryRunAsync(string[] args, IServiceProvider services)
    {
        switch (args.FirstOrDefault())
        {
            case "migrate":
                Console.WriteLine("Database is up to date.");
                return true;
            case "create-admin-key":
                var name = args.Length > 1 ? args[1] : "admin";
                var (principal, key) = await services.GetRequiredService<PrincipalStore>()
                    .CreateAsync(name, Roles.Admin, null, null, presetKey: null, LogActor.System, CancellationToken.None);
                Console.WriteLine($"principal {principal.Id}\nkey {key.Key}");
                return true;
            case "verify-log":
                var result = await services.GetRequiredService<LogVerifier>().VerifyAsync(CancellationToken.None);
                Console.Write(LogVerificationText.Describe(result));
                Environment.ExitCode = result.Ok ? 0 : 1;
                return true;
            default:
                return false;
        }
    }
}
