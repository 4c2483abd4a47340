using System.ComponentModel.DataAnnotations;

namespace Assessor.Service.Http;

/// <summary>Bound from <c>Assessor:RateLimits</c>; checked at start. The defaults suit one instance on a small machine.</summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "Assessor:RateLimits";

    /// <summary>Failed authentications (a key that is unknown, revoked or not a bearer key) per client address and window;
    /// beyond them the address's requests that carry credentials get 429 until the window ends.</summary>
    public WindowLimit FailedAuthentication { get; set; } = new() { PermitLimit = 20, WindowSeconds = 60 };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
    [
        .. FailedAuthentication.Validate($"{Section}:{nameof(FailedAuthentication)}"),
    ];

    internal static IEnumerable<ValidationResult> AtLeast(string setting, int value, int minimum) =>
        value >= minimum ? [] : [new ValidationResult($"{setting} must be at least {minimum} (it is {value}).", [setting])];
}

/// <summary>At most <see cref="PermitLimit"/> in each fixed window of <see cref="WindowSeconds"/>.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    internal IEnumerable<ValidationResult> Validate(string section) =>
    [
        .. RateLimitOptions.AtLeast($"{section}:{nameof(PermitLimit)}", PermitLimit, 1),
        .. RateLimitOptions.AtLeast($"{section}:{nameof(WindowSeconds)}", WindowSeconds, 1),
    ];
}
