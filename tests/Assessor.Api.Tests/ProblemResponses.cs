using System.Net;
using System.Text.Json;

namespace Assessor.Api.Tests;

/// <summary>Reads RFC 9457 problem responses the way clients do: by status, media type and the stable <c>code</c>.</summary>
public static class ProblemResponses
{
    /// <summary>Asserts <paramref name="expected"/> and application/problem+json (the body is in the message otherwise), and returns the problem.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>The problem's <c>code</c>, after the same assertions.</summary>
    public static async Task<string?> ProblemCodeAsync(this HttpResponseMessage response, HttpStatusCode expected) =>
        (await response.ReadProblemAsync(expected)).GetProperty("code").GetString();
}
