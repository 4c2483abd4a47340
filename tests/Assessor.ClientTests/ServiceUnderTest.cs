using System.Diagnostics;
using System.Reflection;
using Assessor.Testing;

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
    private readonly ProcessOutput output = new();

    private ServiceUnderTest(Process process, string folder, Uri baseAddress)
    {
        this.process = process;
        this.folder = folder;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Where the service's build is: recorded by the project file, which has the service built first.</summary>
    public static string ServiceDll => typeof(ServiceUnderTest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AssessorServiceDll").Value!;

    public static async Task<ServiceUnderTest> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("assessor-client-tests-").FullName;
        var port = Loopback.FreePort();
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
        service.output.Attach(process);
        try
        {
            await Loopback.WaitReadyAsync(process, baseAddress, service.output, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

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
}
