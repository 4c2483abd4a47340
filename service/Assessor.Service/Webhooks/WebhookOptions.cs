using System.ComponentModel.DataAnnotations;

namespace Assessor.Service.Webhooks;

/// <summary>How webhook deliveries are sent and retried (<c>Assessor:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Assessor:Webhooks";

    /// <summary>How often the sender looks for due deliveries, in milliseconds.</summary>
    [Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>Attempts per delivery before it is given up as failed.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; each further failure doubles it (up to <see cref="MaxDelaySeconds"/>), less a random part of up to a half.</summary>
    [Range(0.01, 3600)]
    public double BaseDelaySeconds { get; set; } = 10;

    [Range(0.01, 86_400)]
    public double MaxDelaySeconds { get; set; } = 3600;

    /// <summary>An endpoint is disabled after this many deliveries in a row were given up.</summary>
    [Range(1, 1000)]
    public int DisableAfterFailedDeliveries { get; set; } = 3;

    /// <summary>How long a rotated secret keeps signing beside the new one, in hours (0: replaced at once); a day unless configured.</summary>
    [Range(0, 24 * 30)]
    public double PreviousSecretHours { get; set; } = 24;

    /// <summary>How long one attempt may take, in seconds.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;
}
