namespace Assessor.Api.Tests;

/// <summary>
/// A stand-in for Chromium (a shell script the service runs as its browser): it writes a small PDF, logs each start and
/// end, and while <see cref="Hold"/> is in force keeps every draft (HTML marked DRAFT) waiting, so tests can fill the
/// service's printers deterministically. Certified reports are never held.
/// </summary>
public sealed class FakeChromium : IDisposable
{
    private const string Script = """
        #!/bin/sh
        dir=$(dirname "$0")
        for argument in "$@"; do
          case "$argument" in --print-to-pdf=*) out="${argument#--print-to-pdf=}" ;; esac
          page="$argument"
        done
        echo start >> "$dir/log"
        if grep -q 'DRAFT' "${page#file://}"; then
          while [ -e "$dir/hold" ]; do sleep 0.05; done
        fi
        printf '%%PDF-1.4\n%% fake\n' > "$out"
        echo end >> "$dir/log"
        """;

    private readonly string folder;

    private FakeChromium(string folder)
    {
        this.folder = folder;
    }

    public string Path => System.IO.Path.Combine(folder, "chromium");

    private string LogPath => System.IO.Path.Combine(folder, "log");

    private string HoldPath => System.IO.Path.Combine(folder, "hold");

    public static FakeChromium Create()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new SkipException("The stand-in browser is a POSIX shell script.");
        }

        var chromium = new FakeChromium(Directory.CreateTempSubdirectory("assessor-fake-chromium-").FullName);
        File.WriteAllText(chromium.Path, Script.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(chromium.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(chromium.LogPath, "");
        return chromium;
    }

    public void Hold() => File.WriteAllText(HoldPath, "");

    public void Release() => File.Delete(HoldPath);

    /// <summary>Browsers printing now.</summary>
    public int Running => Events().Sum();

    /// <summary>The most browsers that ever printed at once.</summary>
    public int MostAtOnce
    {
        get
        {
            int now = 0, most = 0;
            foreach (var change in Events())
            {
                most = Math.Max(most, now += change);
            }

            return most;
        }
    }

    /// <summary>Browsers started so far.</summary>
    public int Started => Events().Count(change => change > 0);

    public async Task WaitUntilRunningAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Running < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{count} browsers never ran at once ({Running} do).");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        Release();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A released browser may still be writing its last log line; a temp folder left behind does no harm.
        }
    }

    private IEnumerable<int> Events() =>
        File.ReadAllLines(LogPath).Where(line => line.Length > 0).Select(line => line == "start" ? 1 : -1);
}
