using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Assessor.Api.Tests;

/// <summary>
/// The container image: its environment decides where the published service listens (appsettings.json once set
/// <c>Urls</c>, which beat <c>ASPNETCORE_URLS</c>), and its build context never holds runtime data.
/// </summary>
public sealed partial class DeploymentTests
{
    private static readonly string RepositoryRoot = Path.GetFullPath(Path.Combine(ThisFolder(), "..", ".."));

    [Fact]
    public async Task The_published_service_listens_where_the_containers_environment_says()
    {
        var environment = DockerfileEnvironment();
        Assert.Equal("http://+:8080", environment["ASPNETCORE_URLS"]);
        Assert.Matches(@"(?m)^EXPOSE 8080$", File.ReadAllText(Path.Combine(RepositoryRoot, "Dockerfile")));
        var folder = Directory.CreateTempSubdirectory("assessor-published-").FullName;
        try
        {
            Publish(folder);
            // The image's environment, with loopback and a free port for +:8080 and a temporary database for the
            // /app/data volume; plus what `docker run -e` adds.
            var port = ServiceProcess.FreePort();
            environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            environment["Assessor__Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "data", "assessor.db")}";
            environment["Assessor__BootstrapAdminKey"] = AssessorFactory.AdminKey;
            environment["Assessor__Reports__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
            Directory.CreateDirectory(Path.Combine(folder, "data"));

            await using var service = ServiceProcess.StartWithEnvironment(folder, environment, new Uri($"http://127.0.0.1:{port}"));
            await service.WaitReadyAsync(TimeSpan.FromSeconds(60));
            using var client = service.ClientWithKey(null);

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            await service.WaitForLogAsync($"127.0.0.1:{port}", TimeSpan.FromSeconds(30));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("service/Assessor.Service/data/assessor.db", true)]
    [InlineData("service/Assessor.Service/data/assessor.db-wal", true)]
    [InlineData("service/Assessor.Service/data/service-signing.key.pem", true)]
    [InlineData("data/assessor.db", true)]
    [InlineData("service/Assessor.Service/bin/Debug/net10.0/Assessor.Service.dll", true)]
    [InlineData("service/Assessor.Service/Program.cs", false)]
    [InlineData("service/Assessor.Service/Storage/Migrations/sqlite/0001_plans_and_identity.sql", false)]
    [InlineData("service/Assessor.Service/appsettings.json", false)]
    [InlineData("reports/certification.html.sbn", false)]
    [InlineData("checklists/ci-tax-security.v1.yaml", false)]
    [InlineData("Directory.Packages.props", false)]
    public void Dockerignore_keeps_runtime_data_out_of_the_build_context(string path, bool excluded)
    {
        var patterns = File.ReadAllLines(Path.Combine(RepositoryRoot, ".dockerignore"));

        Assert.Equal(excluded, DockerIgnores(patterns, path));
    }

    /// <summary>
    /// Docker's rule (moby/patternmatcher): a path is left out when the last pattern matching it, or one of its
    /// parent folders, is not a <c>!</c> exception. <c>**</c> spans folders, <c>*</c> and <c>?</c> do not.
    /// </summary>
    private static bool DockerIgnores(IEnumerable<string> lines, string path)
    {
        var excluded = false;
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var negated = line.StartsWith('!');
            var pattern = PatternRegex(line.TrimStart('!').Trim('/'));
            var parts = path.Split('/');
            if (Enumerable.Range(1, parts.Length).Any(n => pattern.IsMatch(string.Join('/', parts.Take(n)))))
            {
                excluded = !negated;
            }
        }

        return excluded;
    }

    private static Regex PatternRegex(string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                i++;
                var slash = i + 1 < pattern.Length && pattern[i + 1] == '/';
                i += slash ? 1 : 0;
                regex.Append(i + 1 == pattern.Length ? ".*" : "(.*/)?");
            }
            else
            {
                regex.Append(pattern[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>The runtime stage's ENV instruction: every NAME=value, quotes removed.</summary>
    private static Dictionary<string, string> DockerfileEnvironment()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot, "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        var env = dockerfile.Split('\n').Single(line => line.StartsWith("ENV ", StringComparison.Ordinal));
        return EnvAssignment().Matches(env).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Trim('"'), StringComparer.Ordinal);
    }

    [GeneratedRegex("""(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>"[^"]*"|\S+)""")]
    private static partial Regex EnvAssignment();

    /// <summary><c>dotnet publish</c> of the service as already built for these tests (the image publishes the same project).</summary>
    private static void Publish(string folder)
    {
        var configuration = typeof(Program).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in new[] { "publish", "service/Assessor.Service/Assessor.Service.csproj", "--no-build", "-c", configuration, "-o", folder, "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "dotnet publish did not finish within 3 minutes");
        Assert.True(process.ExitCode == 0, $"dotnet publish failed:\n{output.Result}\n{error.Result}");
        Assert.True(File.Exists(Path.Combine(folder, "Assessor.Service.dll")), output.Result);
    }

    private static string ThisFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
