using System.Diagnostics;
using System.Net.Http.Headers;
using Assessor.Api.Tests.Contract;
using Assessor.Testing;

namespace Assessor.Api.Tests;

/// <summary>The service as its own process on a loopback port (real Kestrel), for tests that need several instances.</summary>
public sealed class ServiceProcess : IAssessorHost, IAsyncDisposable
{
    private readonly Process process;
    private readonly ProcessOutput output = new();

    private ServiceProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the process printed, for failure messages.</summary>
    public string Log => output.ToString();

    /// <param name="settings">More command-line settings, e.g. <c>--Assessor:Idempotency:ClaimLease 00:00:01</c>.</param>
    public static ServiceProcess Start(TestDatabase database, params string[] settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "Assessor.Service.dll"),
            "--urls", $"http://127.0.0.1:{port}",
            "--Assessor:Database:Provider", database.Provider,
            "--Assessor:Database:ConnectionString", database.ConnectionString,
            "--Assessor:BootstrapAdminKey", AssessorFactory.AdminKey,
            "--Assessor:Reports:PublicBaseUrl", $"http://127.0.0.1:{port}",
            .. settings,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return Launch(start, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>
    /// The service in <paramref name="folder"/> (a publish output) started the way its container starts it: from that
    /// folder, without arguments, configured by <paramref name="environment"/> alone. Inherited variables that would
    /// configure it (ASPNETCORE_*, DOTNET_ENVIRONMENT, URLS, HTTP_PORTS, Assessor__*) are removed first.
    /// </summary>
    public static ServiceProcess StartWithEnvironment(string folder, IReadOnlyDictionary<string, string> environment, Uri baseAddress)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(folder, "Assessor.Service.dll"));
        foreach (var name in start.Environment.Keys.Where(IsServiceSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Launch(start, baseAddress);
    }

    private static bool IsServiceSetting(string variable) =>
        variable.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || variable.StartsWith("Assessor__", StringComparison.OrdinalIgnoreCase)
        || variable.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) || variable.Equals("URLS", StringComparison.OrdinalIgnoreCase)
        || variable.Equals("HTTP_PORTS", StringComparison.OrdinalIgnoreCase) || variable.Equals("HTTPS_PORTS", StringComparison.OrdinalIgnoreCase);

    private static ServiceProcess Launch(ProcessStartInfo start, Uri baseAddress)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the service.");
        var service = new ServiceProcess(process, baseAddress);
        service.output.Attach(process);
        return service;
    }

    /// <summary>Waits until /health/ready answers 200: migrated and connected.</summary>
    public Task WaitReadyAsync(TimeSpan timeout) => Loopback.WaitReadyAsync(process, BaseAddress, output, timeout);

    /// <summary>
    /// Waits until the log holds <paramref name="text"/>. The service's logger writes from a queue of its own and this side
    /// reads the process's output as it comes, so a line can arrive a while after the answer it tells of.
    /// </summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed >= timeout)
            {
                Assert.Fail($"no \"{text}\" in the log after {timeout.TotalSeconds} s:\n{Log}");
            }

            await Task.Delay(20);
        }
    }

    public HttpClient ClientWithKey(string? key)
    {
        // Every response is checked against the OpenAPI document before the test sees it.
        var client = new HttpClient(new ContractCheckingHandler(new HttpClientHandler())) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>SIGKILL: no shutdown, no flushing; what was committed is all that survives.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    /// <summary>A loopback port nothing listens on at this moment.</summary>
    public static int FreePort() => Loopback.FreePort();
}
