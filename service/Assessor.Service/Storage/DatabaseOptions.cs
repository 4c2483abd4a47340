using System.ComponentModel.DataAnnotations;

namespace Assessor.Service.Storage;

/// <summary>Bound from <c>Assessor:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Assessor:Database";

    /// <summary><c>sqlite</c> (default), <c>postgres</c> or <c>sqlserver</c>.</summary>
    [Required]
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>Defaults to a file under <c>data/</c> beside the working directory.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/assessor.db";
}

public static class DatabaseProviders
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string SqlServer = "sqlserver";
}
