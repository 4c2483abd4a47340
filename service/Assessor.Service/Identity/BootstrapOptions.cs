using System.ComponentModel.DataAnnotations;

namespace Assessor.Service.Identity;

/// <summary>Bound from <c>Assessor</c>: the first admin's key, for a fresh installation; checked at start.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Assessor";

    public const int MinimumKeyLength = 32;

    /// <summary>When set, an admin principal holding this key is created on start if it does not exist yet.</summary>
    [MinLength(MinimumKeyLength, ErrorMessage = "Assessor:BootstrapAdminKey must be at least 32 characters.")]
    public string? BootstrapAdminKey { get; set; }
}
