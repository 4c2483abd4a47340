using System.Globalization;
using DbUp.Engine.Output;

namespace Assessor.Service.Storage;

/// <summary>
/// Routes DbUp's progress into the host's structured log. DbUp speaks composite format strings ("{0}"), not
/// message templates, so its text is formatted here and logged as one value: braces in a script name or an
/// error can never be mistaken for template holes.
/// </summary>
internal sealed class DbUpLogger(ILogger logger) : IUpgradeLog
{
    public void LogTrace(string format, params object[] args) => Log(LogLevel.Trace, null, format, args);

    public void LogDebug(string format, params object[] args) => Log(LogLevel.Debug, null, format, args);

    public void LogInformation(string format, params object[] args) => Log(LogLevel.Information, null, format, args);

    public void LogWarning(string format, params object[] args) => Log(LogLevel.Warning, null, format, args);

    public void LogError(string format, params object[] args) => Log(LogLevel.Error, null, format, args);

    public void LogError(Exception ex, string format, params object[] args) => Log(LogLevel.Error, ex, format, args);

    private void Log(LogLevel level, Exception? exception, string format, object[] args)
    {
        if (logger.IsEnabled(level))
        {
            var message = args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
            logger.Log(level, exception, "{Migration}", message);
        }
    }
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
