using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Assessor.Benchmarks.Load;

/// <summary>Processes the load benchmark starts and measures: the published service, a throwaway PostgreSQL, wrk.</summary>
internal static class LoadSystem
{
    // /proc reports times in USER_HZ, which Linux fixes at 100 for user space.
    private const double TicksPerSecond = 100;

    /// <summary>Runs a program to its end; its standard output, or an exception naming what it printed when it failed.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }

        return await stdout;
    }

    /// <summary>Peak resident set (VmHWM) of a process, in MiB.</summary>
    public static double PeakRssMiB(int pid) => StatusMiB(pid, "VmHWM")["VmHWM"];

    /// <summary>Current resident set (VmRSS) of a process, in MiB.</summary>
    public static double RssMiB(int pid) => StatusMiB(pid, "VmRSS")["VmRSS"];

    /// <summary>
    /// Current resident set of a process and what it is made of, in MiB: anonymous memory (the collector's heap and native
    /// allocations), mapped files (the assemblies and their precompiled code) and shared memory (the runtime maps the code it
    /// compiles twice, writable and executable, through shared memory).
    /// </summary>
    public static ResidentSet ResidentSetOf(int pid)
    {
        var fields = StatusMiB(pid, "VmRSS", "RssAnon", "RssFile", "RssShmem");
        return new ResidentSet(fields["VmRSS"], fields["RssAnon"], fields["RssFile"], fields["RssShmem"]);
    }

    /// <summary>Proportional set size (shared pages split between sharers) of every descendant of <paramref name="pid"/>, in MiB.</summary>
    public static double DescendantsPssMiB(int pid)
    {
        var total = 0L;
        foreach (var child in Descendants(pid))
        {
            try
            {
                var line = File.ReadLines($"/proc/{child}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
                total += line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return total / 1024.0;
    }

    public static int DescendantCount(int pid) => Descendants(pid).Count;

    /// <summary>
    /// CPU time (user and system) of <paramref name="pid"/> alone, and of all its descendants together, in seconds. A
    /// descendant's count includes its children that ended (the kernel adds them to their parent when reaped): the browser's
    /// short-lived helper processes are counted too.
    /// </summary>
    public static (double Process, double Descendants) CpuSeconds(int pid)
    {
        var descendants = 0.0;
        foreach (var child in Descendants(pid))
        {
            try
            {
                descendants += StatTicks(child, withEndedChildren: true) / TicksPerSecond;
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        return (StatTicks(pid, withEndedChildren: false) / TicksPerSecond, descendants);
    }

    private static long StatTicks(int pid, bool withEndedChildren)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // After "pid (comm) ": state is field 0, utime 11, stime 12, cutime 13, cstime 14.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return withEndedChildren
            ? ticks + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)
            : ticks;
    }

    private static List<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var id))
            {
                continue;
            }

            try
            {
                // The parent is the 4th field, after "pid (comm) state"; comm may hold spaces, so split after its ')'.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[id] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (child, of) in parents)
            {
                if (of == parent)
                {
                    found.Add(child);
                    frontier.Enqueue(child);
                }
            }
        }

        return found;
    }

    /// <summary>The named memory fields of a process's <c>/proc/PID/status</c> (given there in kB), in MiB, read at once.</summary>
    private static Dictionary<string, double> StatusMiB(int pid, params string[] fields) =>
        File.ReadLines($"/proc/{pid}/status")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && fields.Contains(parts[0]))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0);
}

/// <summary>A throwaway PostgreSQL 15 cluster on a loopback port in 27000-27999, like .ci/run's; deleted on dispose.</summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string root;

    private ThrowawayPostgres(string root, int port)
    {
        this.root = root;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({Bin}/initdb): apt-get install postgresql-15.");
        }

        var root = Directory.CreateTempSubdirectory("assessor-bench-pg-").FullName;
        if (Environment.UserName == "root")
        {
            await LoadSystem.RunAsync("chown", ["postgres", root]);
        }

        await AsPostgresAsync($"{Bin}/initdb -D {root}/data -A trust -U postgres");
        // Benchmark settings: the server's defaults but for more connections than the pools may open.
        await File.AppendAllTextAsync($"{root}/data/postgresql.conf", "max_connections = 200\n");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = 27000 + Random.Shared.Next(1000);
            try
            {
                await AsPostgresAsync($"{Bin}/pg_ctl -D {root}/data -w -t 60 -l {root}/log -o \"-h 127.0.0.1 -p {port} -k {root}\" start");
                return new ThrowawayPostgres(root, port);
            }
            catch (InvalidOperationException) when (attempt < 4)
            {
                // The port was taken: another one.
            }
        }

        throw new InvalidOperationException("PostgreSQL did not start.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsPostgresAsync($"{Bin}/pg_ctl -D {root}/data -m immediate stop");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static Task<string> AsPostgresAsync(string command) =>
        Environment.UserName == "root" ? LoadSystem.RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", command]) : LoadSystem.RunAsync("/bin/sh", ["-c", command]);
}

/// <summary>The published service as its own process, as a deployment runs it (Production).</summary>
internal sealed class ServiceUnderTest : IAsyncDisposable
{
    public const string AdminKey = "load-benchmark-admin-key-0123456789abcdef";

    private readonly Process process;

    private ServiceUnderTest(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => process.Id;

    /// <summary>From the process start to the first 200 of /health/live.</summary>
    public TimeSpan StartToLive { get; private set; }

    public static async Task<ServiceUnderTest> StartAsync(string publishFolder, string provider, string connectionString, string logPath, IEnumerable<string> settings)
    {
        var port = Assessor.Testing.Loopback.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        // The shell sends the service's output straight to the log file and then becomes the service (exec, same pid):
        // at tens of thousands of requests a second its log lines must not cost the benchmark's process any CPU.
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = publishFolder,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=$1; shift; exec \"$@\" >>\"$log\" 2>&1");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(logPath);
        foreach (var argument in (string[])[
            "dotnet",
            Path.Combine(publishFolder, "Assessor.Service.dll"),
            "--urls", baseAddress.ToString().TrimEnd('/'),
            "--Assessor:Database:Provider", provider,
            "--Assessor:Database:ConnectionString", connectionString,
            "--Assessor:BootstrapAdminKey", AdminKey,
            "--Assessor:Reports:PublicBaseUrl", baseAddress.ToString().TrimEnd('/'),
            .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the service.");
        var service = new ServiceUnderTest(process, baseAddress);
        try
        {
            await service.WaitUntilLiveAsync(clock, logPath);
            return service;
        }
        catch
        {
            // A service that never came up is stopped here: nobody else holds it to stop it later.
            await service.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilLiveAsync(Stopwatch clock, string logPath)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {process.ExitCode}; see {logPath}.");
            }

            try
            {
                if ((await probe.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK)
                {
                    StartToLive = clock.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
                // A probe that took longer than its 5 s on a busy machine: ask again until the deadline.
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The service did not come up; see {logPath}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}

/// <summary>A process's resident set and its parts, in MiB (see <see cref="LoadSystem.ResidentSetOf"/>).</summary>
internal sealed record ResidentSet(double Total, double Anonymous, double Files, double Shared)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Total:0.0} MiB (anonymous {Anonymous:0}, files {Files:0}, shared {Shared:0})");
}
