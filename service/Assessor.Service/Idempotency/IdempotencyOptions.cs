using System.ComponentModel.DataAnnotations;

namespace Assessor.Service.Idempotency;

/// <summary>Bound from <c>Assessor:Idempotency</c>; checked at start.</summary>
public sealed class IdempotencyOptions : IValidatableObject
{
    public const string Section = "Assessor:Idempotency";

    /// <summary>A claim whose request has shown no result for this long died with its instance: a retry may take it over.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a key and its recorded response are kept for retries; older ones are deleted in the background.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired keys are deleted.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ClaimLease <= TimeSpan.Zero || CleanupInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{Section}: ClaimLease and CleanupInterval must be positive.");
        }

        if (Retention <= ClaimLease)
        {
            yield return new ValidationResult($"{Section}:Retention must be longer than ClaimLease, or a running request could lose its key.");
        }
    }
}
