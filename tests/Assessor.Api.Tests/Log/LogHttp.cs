using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assessor.Cli;

namespace Assessor.Api.Tests.Log;

/// <summary>The log's endpoints as a client uses them, and its files as a ministry would keep them for the CLI.</summary>
public sealed class LogHttp(IAssessorHost host, string folder)
{
    public async Task<JsonElement> CheckpointAsync(long? size = null)
    {
        using var anonymous = host.ClientWithKey(null);
        var response = await anonymous.GetAsync(size is null ? "/api/v1/log/checkpoint" : $"/api/v1/log/checkpoint?size={size}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<string> PublicKeyPemAsync()
    {
        using var anonymous = host.ClientWithKey(null);
        return (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/keys"))[0].GetProperty("publicKeyPem").GetString()!;
    }

    /// <summary>Every event from <paramref name="start"/> on, page by page, as the exact bytes served (admin).</summary>
    public async Task<List<byte[]>> EntriesAsync(long start = 0)
    {
        using var admin = host.Admin();
        var entries = new List<byte[]>();
        while (true)
        {
            var response = await admin.GetAsync($"/api/v1/log/entries?start={start + entries.Count}");
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return entries;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
            var page = Lines(await response.Content.ReadAsByteArrayAsync());
            Assert.NotEmpty(page);
            entries.AddRange(page);
        }
    }

    public async Task<(JsonElement Answer, List<byte[]> Hashes)> InclusionAsync(long index, long size) =>
        await ProofAsync($"/api/v1/log/proof/inclusion?index={index}&size={size}");

    public async Task<(JsonElement Answer, List<byte[]> Hashes)> ConsistencyAsync(long first, long second) =>
        await ProofAsync($"/api/v1/log/proof/consistency?first={first}&second={second}");

    public async Task<JsonElement> VerifyAsync()
    {
        using var admin = host.Admin();
        return await admin.GetFromJsonAsync<JsonElement>("/api/v1/log/verify");
    }

    /// <summary>Writes <paramref name="content"/> to a file in the test's folder, as a user saves an answer with curl -o.</summary>
    public string Save(string name, object content)
    {
        var path = Path.Combine(folder, name);
        switch (content)
        {
            case byte[] bytes:
                File.WriteAllBytes(path, bytes);
                break;
            case JsonElement json:
                File.WriteAllText(path, json.GetRawText());
                break;
            default:
                File.WriteAllText(path, (string)content);
                break;
        }

        return path;
    }

    public static (int Exit, string Output) Cli(params string[] args)
    {
        var output = new StringWriter();
        var exit = CliCommands.Run(args, output, output);
        return (exit, output.ToString());
    }

    /// <summary><c>dotnet Assessor.Service.dll verify-log</c> on <paramref name="database"/>: what an operator runs.</summary>
    public static async Task<(int Exit, string Output)> VerifyLogCommandAsync(TestDatabase database)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Assessor.Service.dll"), "verify-log",
            "--Assessor:Database:Provider", database.Provider, "--Assessor:Database:ConnectionString", database.ConnectionString,
            "--Assessor:Reports:PublicBaseUrl", "http://127.0.0.1:5080",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, await output + await error);
    }

    public static List<byte[]> Lines(byte[] ndjson)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < ndjson.Length; i++)
        {
            if (ndjson[i] == (byte)'\n')
            {
                lines.Add(ndjson[start..i]);
                start = i + 1;
            }
        }

        Assert.Equal(ndjson.Length, start);
        return lines;
    }

    private async Task<(JsonElement, List<byte[]>)> ProofAsync(string url)
    {
        using var anonymous = host.ClientWithKey(null);
        var response = await anonymous.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {await response.Content.ReadAsStringAsync()}");
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (answer, answer.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList());
    }
}
