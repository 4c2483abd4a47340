using System.Net;
using System.Net.Sockets;
using Assessor.Domain.Plans;

namespace Assessor.Service.Webhooks;

/// <summary>
/// Where the service may send webhooks (against server-side request forgery): http or https URLs without credentials,
/// whose host resolves only to public addresses, unless an admin allowed private ones for the endpoint. Checked when
/// the endpoint is registered and again on every connection, so a name that later resolves elsewhere is still refused.
/// </summary>
public static class WebhookAddresses
{
    /// <summary>Why <paramref name="url"/> cannot be an endpoint's address, or null when its shape is acceptable.</summary>
    public static ValidationText? ShapeProblem(string? url, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var parsed))
        {
            return new("An absolute http or https URL of at most 2000 characters.", "2000 文字以内の http または https の絶対 URL を指定してください。");
        }

        if (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
        {
            return new("Only http and https URLs.", "http と https の URL だけを受け付けます。");
        }

        if (parsed.UserInfo.Length > 0 || parsed.Fragment.Length > 0)
        {
            return new("No user information or fragment in the URL.", "URL にユーザー情報やフラグメントは含められません。");
        }

        uri = parsed;
        return null;
    }

    /// <summary>True for an address on the public internet: not loopback, link-local, private, shared, multicast or unspecified.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));
        }

        var bytes = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
            || (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8)
            || address.IsIPv4MappedToIPv6);
    }

    /// <summary>The addresses the host may be reached at, or a reason to refuse it.</summary>
    public static async Task<(IPAddress[] Addresses, string? Problem)> ResolveAsync(string host, bool privateAllowed, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            return ([], $"The host '{host}' does not resolve.");
        }

        if (addresses.Length == 0)
        {
            return ([], $"The host '{host}' does not resolve.");
        }

        // Every address must be allowed: a name with one public and one private address could be steered to the private one.
        return privateAllowed || addresses.All(IsPublic)
            ? (addresses, null)
            : ([], $"The host '{host}' resolves to a loopback, link-local or private address; only an admin may allow that for an endpoint.");
    }
}
