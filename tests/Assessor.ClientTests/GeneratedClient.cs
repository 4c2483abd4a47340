using System.Net.Http.Headers;
using Assessor.Client;
using Assessor.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace Assessor.ClientTests;

/// <summary>The generated client as an integrator sets it up: Kiota's default HTTP pipeline, the API key as a bearer header.</summary>
public sealed class GeneratedClient : IDisposable
{
    private readonly HttpClient http;

    public GeneratedClient(Uri baseAddress, string? apiKey)
    {
        http = KiotaClientFactory.Create();
        if (apiKey is not null)
        {
            // Kiota's bearer providers insist on HTTPS; the service under test listens on plain loopback HTTP.
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        Adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = baseAddress.ToString().TrimEnd('/') };
        Api = new AssessorClient(Adapter);
    }

    public AssessorClient Api { get; }

    public IRequestAdapter Adapter { get; }

    /// <summary>Every problem status maps to the generated problem type, so a raw send reads <c>code</c> like a typed one.</summary>
    public static Dictionary<string, ParsableFactory<IParsable>> Problems { get; } = new() { ["XXX"] = ProblemDetails.CreateFromDiscriminatorValue };

    /// <summary>
    /// The exact bytes of a response, for what must not be re-serialised (revision bytes, the statement to sign) or is not
    /// JSON (HTML, Markdown, PDF): the generated request, sent through the same adapter.
    /// </summary>
    public async Task<byte[]> BytesAsync(RequestInformation request, string? accept = null)
    {
        if (accept is not null)
        {
            request.Headers.Remove("Accept");
            request.Headers.Add("Accept", accept);
        }

        await using var stream = await Adapter.SendPrimitiveAsync<Stream>(request, Problems)
            ?? throw new InvalidOperationException($"{request.URI} answered without a body.");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>A request option that records the response's headers (Kiota's headers inspection handler).</summary>
    public static HeadersInspectionHandlerOption Headers() => new() { InspectResponseHeaders = true };

    public void Dispose() => http.Dispose();
}

public static class ResponseHeaders
{
    public static string Single(this HeadersInspectionHandlerOption headers, string name) =>
        headers.ResponseHeaders.TryGetValue(name, out var values) ? values.Single()
            : throw new InvalidOperationException($"No {name} header; had {string.Join(", ", headers.ResponseHeaders.Keys)}.");
}
