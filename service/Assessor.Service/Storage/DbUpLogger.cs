using DbUp.Engine.Output;

namespace Assessor.Service.Storage;

/// <summary>Routes DbUp's progress into the host's structured log.</summary>
internal sealed class DbUpLogger(ILogger logger) : IUpgradeLog
{
    public void LogTrace(string format, params object[] args) => logger.LogTrace(format, args);

    public void LogDebug(string format, params object[] args) => logger.LogDebug(format, args);

    public void LogInformation(string format, params object[] args) => logger.LogInformation(format, args);

    public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);

    public void LogError(string format, params object[] args) => logger.LogError(format, args);

    public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, format, args);
}

internal static class Migrations
{
    /// <summary>Runs the provider's embedded scripts (Storage/Migrations/&lt;provider&gt;/*.sql) not yet in its journal.</summary>
    public static void Run(DbUp.Builder.UpgradeEngineBuilder builder, string provider, ILogger logger)
    {
        var result = builder
            .WithScriptsEmbeddedInAssembly(typeof(Migrations).Assembly, name => name.Contains($".Migrations.{provider}.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new DbUpLogger(logger))
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }
    }
}
