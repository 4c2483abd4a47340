using System.ComponentModel.DataAnnotations;

namespace Assessor.Service.Log;

/// <summary>Bound from <c>Assessor:Log</c>.</summary>
public sealed class LogOptions
{
    public const string Section = "Assessor:Log";

    /// <summary>
    /// The log's name, the first line of every checkpoint (C2SP: a schema-less URL, no spaces or '+'). Verifiers pin it:
    /// set it once per deployment, e.g. to the public host and <c>/log</c>, and never change it.
    /// </summary>
    [Required]
    public string Origin { get; set; } = "assessor.example/log";
}
