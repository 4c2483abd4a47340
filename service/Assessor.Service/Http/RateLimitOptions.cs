using System.ComponentModel.DataAnnotations;

namespace Assessor.Service.Http;

/// <summary>Bound from <c>Assessor:RateLimits</c>; checked at start. The defaults suit one instance on a small machine.</summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "Assessor:RateLimits";

    /// <summary>Failed authentications (a key that is unknown, revoked or not a bearer key) per client address and window;
    /// beyond them the address's requests that carry credentials get 429 until the window ends.</summary>
    public WindowLimit FailedAuthentication { get; set; } = new() { PermitLimit = 20, WindowSeconds = 60 };

    /// <summary>Draft PDF reports each principal may have rendered per window.</summary>
    public WindowLimit DraftPdfs { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    /// <summary>How many browsers print at once.</summary>
    public PdfRenderLimit PdfRenders { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
    [
        .. FailedAuthentication.Validate($"{Section}:{nameof(FailedAuthentication)}"),
        .. DraftPdfs.Validate($"{Section}:{nameof(DraftPdfs)}"),
        .. PdfRenders.Validate($"{Section}:{nameof(PdfRenders)}"),
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

/// <summary>
/// Drafts share <see cref="MaxConcurrent"/> browsers and a queue of <see cref="QueueLimit"/> waiting requests; a draft that
/// finds the queue full, or waits longer than <see cref="QueueTimeoutSeconds"/>, gets 503 with <see cref="RetryAfterSeconds"/>.
/// Certifications print in a lane of their own (one at a time), waiting up to <see cref="CertificationWaitSeconds"/>.
/// </summary>
public sealed class PdfRenderLimit
{
    /// <summary>Pages printing at once in the one browser (issue 11: each costs a renderer of some tens of MB).</summary>
    public int MaxConcurrent { get; set; } = 4;

    /// <summary>Enough that 16 drafts asked for at once all wait their turn (a page prints in a few hundred ms) rather than being refused.</summary>
    public int QueueLimit { get; set; } = 28;

    public int QueueTimeoutSeconds { get; set; } = 30;

    public int RetryAfterSeconds { get; set; } = 10;

    public int CertificationWaitSeconds { get; set; } = 60;

    internal IEnumerable<ValidationResult> Validate(string section) =>
    [
        .. RateLimitOptions.AtLeast($"{section}:{nameof(MaxConcurrent)}", MaxConcurrent, 1),
        .. RateLimitOptions.AtLeast($"{section}:{nameof(QueueLimit)}", QueueLimit, 0),
        .. RateLimitOptions.AtLeast($"{section}:{nameof(QueueTimeoutSeconds)}", QueueTimeoutSeconds, 1),
        .. RateLimitOptions.AtLeast($"{section}:{nameof(RetryAfterSeconds)}", RetryAfterSeconds, 1),
        .. RateLimitOptions.AtLeast($"{section}:{nameof(CertificationWaitSeconds)}", CertificationWaitSeconds, 1),
    ];
}
