using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Assessor.Benchmarks.Load;

/// <summary>
/// The load benchmark (issue 11): publishes the service in Release, starts it on a fresh database (SQLite, or a throwaway
/// PostgreSQL with --postgres), makes its fixtures through the API, drives each endpoint with wrk and prints one table,
/// each row's throughput divided by /health/live's in the same run. A benchmark, not a test: it prints figures.
/// Usage: load [--postgres] [--duration 8] [--rounds 3] [--warm-up 10] [--scale-plans 100000] [--no-scale] [--no-pdf] [--keep] [--publish folder] [--only text]
/// </summary>
internal static class LoadBenchmark
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        var repository = FindRepository();
        var work = Directory.CreateTempSubdirectory("assessor-load-").FullName;
        var publish = Path.Combine(work, "publish");
        var results = new List<Row>();
        var finished = false;
        Console.WriteLine($"# Assessor load benchmark: {(options.Postgres ? "PostgreSQL 15" : "SQLite")}, wrk -t2, {options.Duration} s per run, {options.Rounds} rounds, {options.WarmUp} s of warm-up per row");
        Console.WriteLine($"# {Environment.ProcessorCount} cores; load before: {File.ReadAllText("/proc/loadavg").Trim()}; commit {await GitCommitAsync(repository)}");
        try
        {
            if (options.PublishFolder is { } given)
            {
                publish = given;
            }
            else
            {
                // For this machine's runtime, so that it is precompiled (ReadyToRun) as the image's publish is.
                Console.Error.WriteLine($"publishing the service (Release, {RuntimeInformation.RuntimeIdentifier})...");
                await LoadSystem.RunAsync("dotnet", [
                    "publish", Path.Combine(repository, "service", "Assessor.Service"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
                    "--self-contained", "false", "-o", publish, "--nologo", "-v", "q",
                ]);
            }

            await using var postgres = options.Postgres ? await ThrowawayPostgres.StartAsync() : null;
            var (provider, connectionString) = postgres is null
                ? ("sqlite", $"Data Source={Path.Combine(work, "assessor.db")}")
                : ("postgres", postgres.ConnectionString);
            string[] settings =
            [
                // One principal prints every draft PDF here: the per-principal window is not what is measured.
                "--Assessor:RateLimits:DraftPdfs:PermitLimit", "1000000",
                .. options.ServiceSettings,
            ];
            await using var service = await ServiceUnderTest.StartAsync(publish, provider, connectionString, Path.Combine(work, "service.log"), settings);
            Console.WriteLine($"# start to live: {service.StartToLive.TotalSeconds:0.00} s");
            using var fixtures = new LoadFixtures(service.BaseAddress, await File.ReadAllBytesAsync(Path.Combine(repository, "examples", "plan.json")));
            var bench = new Bench(options, work, service, fixtures, repository);
            await bench.RunAsync(results);
            Console.WriteLine();
            Console.WriteLine(Table(results, options));
            var peakRss = LoadSystem.PeakRssMiB(service.Pid);
            Console.WriteLine($"peak RSS of the service (VmHWM): {peakRss:0} MiB");
            foreach (var note in bench.Notes)
            {
                Console.WriteLine(note);
            }

            Console.WriteLine();
            Console.WriteLine(LoadTargets.Print(results, Bench.Health, bench.PdfRounds, peakRss, onSqlite: !options.Postgres));
            Console.WriteLine($"# load after: {File.ReadAllText("/proc/loadavg").Trim()}");
            finished = true;
            return 0;
        }
        finally
        {
            if (options.Keep || !finished)
            {
                Console.Error.WriteLine($"kept {work}");
            }
            else
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static string Table(List<Row> rows, LoadOptions options)
    {
        var health = rows.Where(r => r.Name == Bench.Health).SelectMany(r => r.Runs).Select(r => r.Rps).DefaultIfEmpty().ToList();
        var healthMedian = Median(health);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| what | conns | req/s (median of {options.Rounds}; min–max) | p50 ms | p99 ms (median; min–max) | ÷ health (each run ÷ the health run before it: min–max) | service CPU µs/req (median) | non-2xx |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var row in rows.GroupBy(r => (r.Name, r.Connections)).Select(g => new Row(g.Key.Name, g.Key.Connections, g.SelectMany(r => r.Runs).ToList())))
        {
            var rps = row.Runs.Select(r => r.Rps).ToList();
            var p99 = row.Runs.Select(r => r.P99).ToList();
            var paired = row.Runs.Where(r => r.HealthBefore > 0).Select(r => r.Rps / r.HealthBefore).ToList();
            var ratio = (healthMedian > 0 ? Median(rps) / healthMedian : 0).ToString("0.000", Invariant)
                + (paired.Count > 0 ? $" ({paired.Min().ToString("0.000", Invariant)}–{paired.Max().ToString("0.000", Invariant)})" : "");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.Connections} | {Median(rps):N0} ({rps.Min():N0}–{rps.Max():N0}) | {Median(row.Runs.Select(r => r.P50).ToList()):0.00} | "
                + $"{Median(p99):0.0} ({p99.Min():0.0}–{p99.Max():0.0}) | {ratio} | "
                + $"{Median(row.Runs.Select(r => r.CpuMicroseconds).ToList()):0} | {row.Runs.Sum(r => r.Non2xx + r.SocketErrors)} |");
        }

        return text.ToString();
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Assessor.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run the load benchmark from inside the repository (no Assessor.sln above the current folder).");
    }

    private static async Task<string> GitCommitAsync(string repository)
    {
        try
        {
            return (await LoadSystem.RunAsync("git", ["-C", repository, "rev-parse", "--short", "HEAD"])).Trim();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static string F(double value) => value.ToString("0.0", Invariant);

    /// <summary>One wrk run's figures (latencies in ms).</summary>
    /// <param name="CpuMicroseconds">
    /// The service process's CPU time (user and system) during the run per request answered: it moves much less with the
    /// machine's load than the request rate does, so it is the figure for comparing two builds on a busy machine.
    /// </param>
    /// <param name="HealthBefore">The request rate of the last <c>/health/live</c> run before this one (0 for none), so that a ratio can also be taken against the machine's state closest in time.</param>
    internal sealed record WrkRun(double Rps, double P50, double P90, double P99, double Max, long Requests, long Non2xx, long SocketErrors, double CpuMicroseconds, double HealthBefore);

    internal sealed record Row(string Name, int Connections, List<WrkRun> Runs);

    /// <summary>The scenarios, in an order that keeps the 1,000-plan figures before the writes add plans.</summary>
    private sealed class Bench(LoadOptions options, string work, ServiceUnderTest service, LoadFixtures fixtures, string repository)
    {
        public const string Health = "GET /health/live";

        public List<string> Notes { get; } = [];

        /// <summary>The PDF phase's figures, one entry a round.</summary>
        public List<PdfRound> PdfRounds { get; } = [];

        private readonly string lua = Path.Combine(repository, "tests", "Assessor.Benchmarks", "load", "bench.lua");
        private readonly string planFile = Path.Combine(work, "plan.json");
        private int wrkRuns;
        private double lastHealthRps;

        // Draft PDFs asked for at once, in each round and in the PDF phase's warm-up.
        private const int DraftsAtOnce = 16;

        // Rows (name and connections) already run once unrecorded: see WarmUpAsync.
        private readonly HashSet<(string Name, int Connections)> warmed = [];

        // The service's resident set, sampled through the whole run, by what was running.
        private readonly ResidentSetByPhase residentSet = new(service.Pid);

        public async Task RunAsync(List<Row> rows)
        {
            try
            {
                await RunScenariosAsync(rows);
            }
            finally
            {
                await residentSet.DisposeAsync();
            }

            Notes.Add("highest resident set of the service (sampled every 100 ms), by what was running: "
                + string.Join(", ", residentSet.Highest(5).Select(p => $"{p.Sample} in {p.Phase}")));
        }

        private async Task RunScenariosAsync(List<Row> rows)
        {
            residentSet.Phase = "the fixtures";
            await File.WriteAllBytesAsync(planFile, fixtures.PlanBody);
            Console.Error.WriteLine("making the fixtures...");
            await fixtures.CreatePrincipalsAsync();
            var draftPlan = await fixtures.CreatePlanAsync();
            var certifiedPlan = await fixtures.SignedOffPlanAsync();
            var certifyClock = Stopwatch.StartNew();
            var reportDigest = await fixtures.CertifyAsync(certifiedPlan);
            Notes.Add($"first certification (cold: includes the first browser start): {certifyClock.ElapsedMilliseconds} ms");
            var pdfPlans = new Queue<string>();
            if (!options.NoPdf)
            {
                for (var i = 0; i < (options.Rounds * 30) + (options.WarmUp > 0 ? DraftsAtOnce : 0); i++)
                {
                    pdfPlans.Enqueue(await fixtures.CreatePlanAsync());
                }
            }

            var toCertify = new Queue<string>();
            if (!options.NoPdf)
            {
                for (var i = 0; i < (options.Rounds * 3) + (options.WarmUp > 0 ? 1 : 0); i++)
                {
                    toCertify.Enqueue(await fixtures.SignedOffPlanAsync());
                }
            }

            await fixtures.FillAsync(1_000);
            var (deep1k, total1k) = await fixtures.CursorAtAsync(900);
            var key = fixtures.ApplicantKey;

            Console.Error.WriteLine($"scale at {total1k} plans...");
            for (var round = 0; round < options.Rounds; round++)
            {
                await WrkAsync(rows, Health, 16, "/health/live");
                await ScaleAsync(rows, total1k, draftPlan, deep1k, key);
            }

            var certifiedByDigest = $"/api/v1/reports/{reportDigest}/html";
            var digestRoute = await fixtures.StatusOfAsync(certifiedByDigest, null) == HttpStatusCode.OK;
            if (!digestRoute)
            {
                Notes.Add($"{certifiedByDigest} does not exist in this build: that row is missing.");
            }

            for (var round = 0; round < options.Rounds; round++)
            {
                Console.Error.WriteLine($"round {round + 1} of {options.Rounds}...");
                await WrkAsync(rows, Health, 16, "/health/live");
                await WrkAsync(rows, LoadTargets.Assessment, 16, "/api/v1/assessments", key: key, body: true);
                fixtures.CountCreated(await WrkAsync(rows, LoadTargets.Creates, 16, "/api/v1/plans", key: key, body: true, idempotent: true));
                fixtures.CountCreated(await WrkAsync(rows, LoadTargets.Creates, 2, "/api/v1/plans", key: key, body: true, idempotent: true));
                await WrkAsync(rows, "GET /plans/{id}", 16, $"/api/v1/plans/{draftPlan}", key: key);
                await WrkAsync(rows, LoadTargets.Draft, 16, $"/api/v1/plans/{draftPlan}/report?format=html", key: key);
                await WrkAsync(rows, "GET certified report (HTML) /plans/{id}/report", 16, $"/api/v1/plans/{certifiedPlan}/report?format=html", key: key);
                if (digestRoute)
                {
                    await WrkAsync(rows, LoadTargets.ByDigest, 16, certifiedByDigest);
                }

                await WrkAsync(rows, "GET certified report (PDF) /plans/{id}/report", 16, $"/api/v1/plans/{certifiedPlan}/report?format=pdf", key: key);
                if (!options.NoPdf)
                {
                    if (round == 0)
                    {
                        await WarmUpPdfAsync(pdfPlans, toCertify);
                    }

                    await PdfAsync(pdfPlans, toCertify);
                }
            }

            if (!options.NoScale)
            {
                Console.Error.WriteLine($"filling to {options.ScalePlans} plans (about {fixtures.PlansCreated} now)...");
                var fill = Stopwatch.StartNew();
                var before = fixtures.PlansCreated;
                residentSet.Phase = "the fill";
                await fixtures.FillAsync(options.ScalePlans);
                Notes.Add(fixtures.PlansCreated > before
                    ? $"filled {fixtures.PlansCreated - before} plans through POST /plans (8 clients) in {fill.Elapsed.TotalSeconds:0} s"
                    : $"no fill: the write rows (with their warm-ups) had already made {before} plans");
                var (deep, total) = await fixtures.CursorAtAsync((int)(options.ScalePlans * 0.9));
                Console.Error.WriteLine($"scale at {total} plans...");
                for (var round = 0; round < options.Rounds; round++)
                {
                    await WrkAsync(rows, Health, 16, "/health/live");
                    await ScaleAsync(rows, total, draftPlan, deep, key);
                }
            }
        }

        private async Task ScaleAsync(List<Row> rows, int total, string plan, string? deepCursor, string key)
        {
            var label = total.ToString("N0", Invariant);
            await WrkAsync(rows, $"{LoadTargets.ScaleRows[0]}{label} plans", 16, "/api/v1/plans", key: key);
            await WrkAsync(rows, $"{LoadTargets.ScaleRows[1]}{label} plans", 16, $"/api/v1/plans?cursor={deepCursor}", key: key);
            await WrkAsync(rows, $"{LoadTargets.ScaleRows[2]}{label} plans", 16, $"/api/v1/plans/{plan}", key: key);
        }

        /// <summary>
        /// The PDF phase's warm-up, unrecorded, as every wrk row has one: 16 drafts at once and one certification, before the
        /// first round. Before it, that round's drafts ran partly on code not yet recompiled (55–62 ms of the service's CPU
        /// per PDF against 11–19 ms in later rounds), and its 16 drafts at once opened the browser pages that later rounds
        /// found kept. The first certification, printed before any of this, stays the cold figure.
        /// </summary>
        private async Task WarmUpPdfAsync(Queue<string> plans, Queue<string> toCertify)
        {
            if (options.WarmUp <= 0)
            {
                return;
            }

            residentSet.Phase = "the PDF phase's warm-up";
            var clock = Stopwatch.StartNew();
            var drafts = await DraftsAtOnceAsync(plans);
            await fixtures.CertifyAsync(toCertify.Dequeue());
            Notes.Add($"PDF warm-up (unrecorded): {drafts.Count(draft => draft.Status == HttpStatusCode.OK)} of {DraftsAtOnce} drafts at once "
                + $"and one certification in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        /// <summary>Draft PDFs of plans never printed before (no cache can answer), sequentially and 16 at once; certifications with their PDF.</summary>
        private async Task PdfAsync(Queue<string> plans, Queue<string> toCertify)
        {
            var key = fixtures.ApplicantKey;
            residentSet.Phase = "the PDF phase";
            // Warm: one print first, so the browser (if it is kept) is running.
            await fixtures.GetAsync($"/api/v1/plans/{plans.Dequeue()}/report?format=pdf", key);
            var sequential = new List<double>();
            var cpuBefore = LoadSystem.CpuSeconds(service.Pid);
            for (var i = 0; i < 10; i++)
            {
                var clock = Stopwatch.StartNew();
                await fixtures.GetAsync($"/api/v1/plans/{plans.Dequeue()}/report?format=pdf", key);
                sequential.Add(clock.Elapsed.TotalMilliseconds);
            }

            var cpuAfter = LoadSystem.CpuSeconds(service.Pid);
            Notes.Add($"warm draft PDF, sequential, 10 distinct plans: p50 {F(Median(sequential))} ms, max {F(sequential.Max())} ms; "
                + $"CPU per PDF: service {F((cpuAfter.Process - cpuBefore.Process) * 100)} ms, "
                + $"browser (all its processes) {F((cpuAfter.Descendants - cpuBefore.Descendants) * 100)} ms");

            var baseline = LoadSystem.DescendantsPssMiB(service.Pid);
            var serviceBefore = LoadSystem.RssMiB(service.Pid);
            var peak = baseline;
            var peakProcesses = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, LoadSystem.DescendantsPssMiB(service.Pid));
                    peakProcesses = Math.Max(peakProcesses, LoadSystem.DescendantCount(service.Pid));
                    await Task.Delay(50);
                }
            });
            var wall = Stopwatch.StartNew();
            var outcomes = await DraftsAtOnceAsync(plans);
            var elapsed = wall.Elapsed;
            await sampling.CancelAsync();
            await sampler;
            var times = outcomes.Select(o => o.Milliseconds).ToList();
            Notes.Add($"{DraftsAtOnce} concurrent draft PDFs (distinct plans): {outcomes.Count(o => o.Status == HttpStatusCode.OK)} × 200, "
                + $"{string.Join(", ", outcomes.Where(o => o.Status != HttpStatusCode.OK).GroupBy(o => (int)o.Status).Select(g => $"{g.Count()} × {g.Key}"))}"
                + $"; p50 {F(Median(times))} ms, p99 (slowest of {DraftsAtOnce}) {F(times.Max())} ms, all done in {elapsed.TotalSeconds:0.00} s; "
                + $"browser memory (PSS of the service's child processes) {F(baseline)} → peak {F(peak)} MiB (+{F(peak - baseline)}), at most {peakProcesses} processes; "
                + $"service RSS {F(serviceBefore)} → {F(LoadSystem.RssMiB(service.Pid))} MiB");

            var certify = new List<double>();
            for (var i = 0; i < 3 && toCertify.Count > 0; i++)
            {
                var plan = toCertify.Dequeue();
                var clock = Stopwatch.StartNew();
                await fixtures.CertifyAsync(plan);
                certify.Add(clock.Elapsed.TotalMilliseconds);
            }

            Notes.Add($"certify (render every format with PDF, sign, store; the decision request alone): {string.Join(", ", certify.Select(F))} ms");
            PdfRounds.Add(new PdfRound(Median(sequential), times.Max(), DraftsAtOnce, outcomes.Count(o => o.Status == HttpStatusCode.OK), peak - baseline, certify));
        }

        /// <summary>The next <see cref="DraftsAtOnce"/> plans' draft PDFs, asked for all at once: each one's status and time.</summary>
        private async Task<(HttpStatusCode Status, double Milliseconds)[]> DraftsAtOnceAsync(Queue<string> plans)
        {
            var key = fixtures.ApplicantKey;
            var drafts = Enumerable.Range(0, DraftsAtOnce).Select(_ => plans.Dequeue()).ToList();
            return await Task.WhenAll(drafts.Select(async plan =>
            {
                var clock = Stopwatch.StartNew();
                var status = await fixtures.StatusOfAsync($"/api/v1/plans/{plan}/report?format=pdf", key);
                return (status, clock.Elapsed.TotalMilliseconds);
            }));
        }

        /// <summary>One wrk run (after the row's warm-up, the first time); the number of 2xx answers, the warm-up's included.</summary>
        private async Task<long> WrkAsync(List<Row> rows, string name, int connections, string path, string? key = null, bool body = false, bool idempotent = false)
        {
            if (options.Only is { } only && name != Health && !only.Split('|').Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase)))
            {
                return 0;
            }

            residentSet.Phase = $"{name} c{connections}";
            var warmUp = await WarmUpAsync(name, connections, path, key, body, idempotent);
            var cpuBefore = LoadSystem.CpuSeconds(service.Pid).Process;
            var json = await RunWrkAsync(options.Duration, connections, path, key, body, idempotent);
            var run = new WrkRun(
                json.GetProperty("rps").GetDouble(), json.GetProperty("p50").GetDouble(), json.GetProperty("p90").GetDouble(),
                json.GetProperty("p99").GetDouble(), json.GetProperty("max").GetDouble(), json.GetProperty("requests").GetInt64(),
                json.GetProperty("non2xx").GetInt64(), json.GetProperty("socketErrors").GetInt64(),
                (LoadSystem.CpuSeconds(service.Pid).Process - cpuBefore) * 1e6 / Math.Max(1, json.GetProperty("requests").GetInt64()),
                name == Health ? 0 : lastHealthRps);
            Console.Error.WriteLine($"  {name} c{connections}: {run.Rps:N0} req/s, p50 {run.P50:0.00} ms, p99 {run.P99:0.0} ms, max {run.Max:0.0} ms, "
                + $"service CPU {run.CpuMicroseconds:0} µs/req, non-2xx {run.Non2xx}");
            rows.Add(new Row(name, connections, [run]));
            if (name == Health)
            {
                lastHealthRps = run.Rps;
            }

            return warmUp + run.Requests - run.Non2xx;
        }

        /// <summary>
        /// The first time a row runs, the same load unrecorded for <see cref="LoadOptions.WarmUp"/> seconds: a freshly
        /// started endpoint runs its first seconds on unoptimized code (tiered compilation recompiles hot methods after
        /// they have run a while): POST /assessments on a fresh service took 409–419 µs of CPU a request in its first
        /// 4 s and 123–144 µs from its tenth second on. Without this the first round partly measured the compiler, and
        /// only for rows that had not run before (`/health/live` and the scale rows had). The number of 2xx answers.
        /// </summary>
        private async Task<long> WarmUpAsync(string name, int connections, string path, string? key, bool body, bool idempotent)
        {
            if (options.WarmUp <= 0 || !warmed.Add((name, connections)))
            {
                return 0;
            }

            var json = await RunWrkAsync(options.WarmUp, connections, path, key, body, idempotent);
            return json.GetProperty("requests").GetInt64() - json.GetProperty("non2xx").GetInt64();
        }

        /// <summary>wrk for the given seconds; its RESULT line (bench.lua's <c>done</c>).</summary>
        private async Task<JsonElement> RunWrkAsync(int seconds, int connections, string path, string? key, bool body, bool idempotent)
        {
            var environment = new Dictionary<string, string>
            {
                ["BENCH_METHOD"] = body ? "POST" : "GET",
                ["BENCH_KEY"] = key ?? "",
                ["BENCH_BODY"] = body ? planFile : "",
                ["BENCH_IDEMPOTENT"] = idempotent ? $"bench{Environment.ProcessId}-{++wrkRuns}" : "",
            };
            var output = await LoadSystem.RunAsync("wrk",
                ["-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "-s", lua, new Uri(service.BaseAddress, path).ToString()],
                environment);
            var line = output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
            return JsonDocument.Parse(line[7..]).RootElement;
        }
    }
}

/// <summary>
/// The highest resident set of a process per phase (the row or stage named by <see cref="Phase"/> when a sample was
/// taken), sampled every 100 ms until disposed: VmHWM says how high the service went, this says during what and of what.
/// </summary>
internal sealed class ResidentSetByPhase : IAsyncDisposable
{
    private readonly Dictionary<string, ResidentSet> peaks = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private string phase = "start";

    public ResidentSetByPhase(int pid) => sampling = SampleAsync(pid);

    public string Phase
    {
        get => Volatile.Read(ref phase);
        set => Volatile.Write(ref phase, value);
    }

    /// <summary>The phases with the highest samples, highest first, each with what its highest sample was made of (read after disposal).</summary>
    public IEnumerable<(string Phase, ResidentSet Sample)> Highest(int count) =>
        peaks.OrderByDescending(p => p.Value.Total).Take(count).Select(p => (p.Key, p.Value));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }

    private async Task SampleAsync(int pid)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                var sample = LoadSystem.ResidentSetOf(pid);
                var current = Phase;
                if (!peaks.TryGetValue(current, out var highest) || sample.Total > highest.Total)
                {
                    peaks[current] = sample;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: sampling ends.
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // The process is gone (its /proc entry with it): what was sampled stands, and the run's own failure is the one reported.
        }
    }
}

internal sealed record LoadOptions(
    bool Postgres, int Duration, int Rounds, int ScalePlans, bool NoScale, bool NoPdf, bool Keep, string? PublishFolder, IReadOnlyList<string> ServiceSettings,
    string? Only = null, int WarmUp = 10)
{
    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions(false, 8, 3, 100_000, false, false, false, null, []);
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--postgres" => options with { Postgres = true },
                "--duration" => options with { Duration = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--rounds" => options with { Rounds = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                // Seconds of unrecorded load before a row's first run (0: none).
                "--warm-up" => options with { WarmUp = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--scale-plans" => options with { ScalePlans = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--no-scale" => options with { NoScale = true },
                "--no-pdf" => options with { NoPdf = true },
                "--keep" => options with { Keep = true },
                // Only the rows whose name holds this text, or one of several separated by '|' (and /health/live), to iterate on one change.
                "--only" => options with { Only = args[++i] },
                "--publish" => options with { PublishFolder = Path.GetFullPath(args[++i]) },
                // Anything else (e.g. --Assessor:RateLimits:PdfRenders:MaxConcurrent 4) goes to the service.
                var setting when setting.StartsWith("--Assessor:", StringComparison.Ordinal) => Add(options, settings, setting, args[++i]),
                var unknown => throw new ArgumentException($"unknown option {unknown}"),
            };
        }

        return options with { ServiceSettings = settings };
    }

    private static LoadOptions Add(LoadOptions options, List<string> settings, string name, string value)
    {
        settings.Add(name);
        settings.Add(value);
        return options;
    }
}
