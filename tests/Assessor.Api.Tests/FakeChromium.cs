namespace Assessor.Api.Tests;

/// <summary>
/// A stand-in for Chromium (a bash script the service runs as its browser): it speaks just enough of the DevTools protocol
/// on <c>--remote-debugging-pipe</c> (descriptors 3 and 4, NUL-ended JSON) to print a small PDF per page, logs each launch
/// and each print's start and end, and while <see cref="Hold"/> is in force keeps every draft (HTML marked DRAFT) waiting
/// in Page.printToPDF, so tests can fill the service's printers deterministically. Certified reports are never held. While
/// <see cref="DieAtNextPrint"/> is in force, the next print makes the browser exit instead, as a crash would.
/// </summary>
public sealed class FakeChromium : IDisposable
{
    private const string Script = """
        #!/bin/bash
        dir=$(dirname "$0")
        echo launch >> "$dir/log"
        declare -A draft
        pages=0
        answer() { printf '{"id":%s,"result":%s%s}\0' "$1" "$2" "$3" >&4; }
        while IFS= read -r -d '' msg <&3; do
          [[ $msg =~ ^\{\"id\":([0-9]+) ]] || continue
          id=${BASH_REMATCH[1]}
          session=""; sid=""
          if [[ $msg =~ \"sessionId\":\"([^\"]+)\"\}$ ]]; then sid=${BASH_REMATCH[1]}; session=",\"sessionId\":\"$sid\""; fi
          case "$msg" in
            *'"method":"Target.createTarget"'*) pages=$((pages + 1)); answer "$id" "{\"targetId\":\"t$pages\"}" ;;
            *'"method":"Target.attachToTarget"'*) [[ $msg =~ \"targetId\":\"t([0-9]+)\" ]]; answer "$id" "{\"sessionId\":\"s${BASH_REMATCH[1]}\"}" ;;
            *'"method":"Page.getFrameTree"'*) answer "$id" '{"frameTree":{"frame":{"id":"f"}}}' "$session" ;;
            *'"method":"Page.setDocumentContent"'*) draft[$sid]=""; [[ $msg == *DRAFT* ]] && draft[$sid]=1; answer "$id" '{}' "$session" ;;
            *'"method":"Runtime.evaluate"'*) answer "$id" '{"result":{"type":"boolean","value":true}}' "$session" ;;
            *'"method":"Page.printToPDF"'*)
              if [ -e "$dir/die" ]; then rm -f "$dir/die"; echo died >> "$dir/log"; exit 1; fi
              echo start >> "$dir/log"
              held=${draft[$sid]:-}
              (
                if [ -n "$held" ]; then while [ -e "$dir/hold" ]; do sleep 0.05; done; fi
                echo end >> "$dir/log"
                answer "$id" '{"data":"JVBERi0xLjQKJSBmYWtlCg=="}' "$session"
              ) &
              ;;
            *) answer "$id" '{}' "$session" ;;
          esac
        done
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
            throw new SkipException("The stand-in browser is a bash script.");
        }

        var chromium = new FakeChromium(Directory.CreateTempSubdirectory("assessor-fake-chromium-").FullName);
        File.WriteAllText(chromium.Path, Script.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(chromium.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(chromium.LogPath, "");
        return chromium;
    }

    public void Hold() => File.WriteAllText(HoldPath, "");

    public void Release() => File.Delete(HoldPath);

    /// <summary>The browser exits at its next print (once), as a crash would.</summary>
    public void DieAtNextPrint() => File.WriteAllText(System.IO.Path.Combine(folder, "die"), "");

    /// <summary>Browsers started so far.</summary>
    public int Launches => File.ReadAllLines(LogPath).Count(line => line == "launch");

    /// <summary>Pages printing now.</summary>
    public int Running => Events().Sum();

    /// <summary>The most pages that ever printed at once.</summary>
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

    /// <summary>Prints started so far.</summary>
    public int Started => Events().Count(change => change > 0);

    public async Task WaitUntilRunningAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Running < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{count} pages never printed at once ({Running} do).");
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
        File.ReadAllLines(LogPath).Where(line => line is "start" or "end").Select(line => line == "start" ? 1 : -1);
}
