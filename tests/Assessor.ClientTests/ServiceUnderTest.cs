using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Assessor.ClientTests;

/// <summary>
/// The built service as its own process on a loopback port, on a throwaway SQLite database, configured the way the
/// README's walkthrough starts it: a bootstrap admin key and the public base URL reports print.
/// </summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    public const string AdminKey = "client-tests-admin-key-0123456789abcdef";

    private readonly Process process;
    private readonly string folder;
    private readonly StringBuilder log = new();

    private ServiceUnderTest(Process process, string folder, Uri baseAddress)
    {
        this.process = process;
        this.folder = folder;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Where the service's build is: recorded by the project file, which has the service built first.</summary>
    public static string ServiceDll => typeof(ServiceUnderTest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AssessorServiceDll").Value!;

    public static async Task<ServiceUnderTest> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("assessor-client-tests-").FullName;
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(ServiceDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            ServiceDll,
            "--urls", baseAddress.ToString().TrimEnd('/'),
            "--Assessor:Database:Provider", "sqlite",
            "--Assessor:Database:ConnectionString", $"Data Source={Path.Combine(folder, "assessor.db")}",
            "--Assessor:BootstrapAdminKey", AdminKey,
            "--Assessor:Reports:PublicBaseUrl", baseAddress.ToString().TrimEnd('/'),
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the service.");
        var service = new ServiceUnderTest(process, folder, baseAddress);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitReadyAsync(TimeSpan.FromSeconds(60));
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {process.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The service was not ready within {timeout}:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
