using System.Security.Cryptography;
using System.Text;

namespace Assessor.Service.Oscal;

/// <summary>
/// Name-based (version 5, RFC 4122 §4.3) UUIDs for the parts of an OSCAL export, derived from our own ids, so that two
/// exports of the same stored state carry the same UUIDs and are byte-identical.
/// </summary>
public static class OscalIds
{
    /// <summary>The namespace of every name this service hashes into an OSCAL UUID; never change it.</summary>
    public static readonly Guid Namespace = new("5b0f3d5e-8a0c-4e51-9a57-6a1c2f3b7d10");

    /// <summary>The version 5 UUID of <paramref name="name"/> (e.g. <c>plan/&lt;id&gt;/finding/GOV-01</c>) in <see cref="Namespace"/>.</summary>
    public static string For(string name)
    {
        var bytes = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        Namespace.TryWriteBytes(bytes, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, bytes.AsSpan(16));
        // RFC 4122 fixes SHA-1 for version 5: it names, it protects nothing.
#pragma warning disable CA5350
        var hash = SHA1.HashData(bytes);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
