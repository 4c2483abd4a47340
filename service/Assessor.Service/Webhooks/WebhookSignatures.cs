using System.Security.Cryptography;
using System.Text;

namespace Assessor.Service.Webhooks;

/// <summary>Standard Webhooks secrets and signatures: <c>v1,</c> and the base64 HMAC-SHA256 of <c>id.timestamp.body</c>.</summary>
public static class WebhookSignatures
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new endpoint secret: 32 random bytes, base64, behind <c>whsec_</c>.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The <c>webhook-signature</c> header of one message to <paramref name="endpoint"/> at <paramref name="now"/>: signed with its
    /// secret, and, until the rotation's grace period ends, also with the secret it replaced, space-separated as Standard
    /// Webhooks allows, so a receiver holding either verifies it.
    /// </summary>
    public static string Header(WebhookEndpointRow endpoint, DateTimeOffset now, string messageId, long timestamp, string body) =>
        endpoint.PreviousSecret is { } previous && endpoint.PreviousSecretUntil > now
            ? $"{Sign(endpoint.Secret, messageId, timestamp, body)} {Sign(previous, messageId, timestamp, body)}"
            : Sign(endpoint.Secret, messageId, timestamp, body);

    /// <summary>The signature of one message with one secret.</summary>
    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
