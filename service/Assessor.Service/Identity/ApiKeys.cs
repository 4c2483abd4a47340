using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Assessor.Service.Identity;

/// <summary>API keys are 256 random bits shown once; only their SHA-256 is stored.</summary>
public static class ApiKeys
{
    private const string Prefix = "ak_";

    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
