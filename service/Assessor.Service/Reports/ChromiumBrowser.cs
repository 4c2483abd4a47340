using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipes;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Assessor.Service.Reports;

/// <summary>The browser died, or its DevTools pipe closed, while a command was in flight.</summary>
public sealed class BrowserGoneException(string message) : InvalidOperationException(message);

/// <summary>
/// One headless Chromium, driven over the Chrome DevTools Protocol on <c>--remote-debugging-pipe</c>: the browser reads
/// commands on its file descriptor 3 and writes answers on 4, each a JSON message ended by a NUL byte. A pipe, unlike
/// <c>--remote-debugging-port</c>, opens no TCP port that another local process could use to drive the browser. .NET
/// cannot start a child with chosen descriptors, so <c>/bin/bash</c> moves the two inherited pipe ends to 3 and 4 and then
/// becomes Chromium (<c>exec</c>). Pages (targets) are kept and reused: a page and its renderer process, with its fonts
/// loaded, print one document after another, each replacing the whole document of the one before (see
/// <see cref="PrintAsync"/>).
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    // Headless, offline and quiet: no sandbox (containers run as root), no GPU, no background traffic.
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio",
        "--remote-debugging-pipe",
    ];

    // A renderer that printed this many documents is replaced by a fresh page, so that whatever it accumulates stays bounded.
    private const int DocumentsPerPage = 200;

    private static readonly Lock Launching = new();

    private readonly Process process;
    private readonly AnonymousPipeServerStream toBrowser;
    private readonly AnonymousPipeServerStream fromBrowser;
    private readonly DirectoryInfo profile;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonDocument>> pending = new();
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly Task reading;
    private readonly Queue<string> errorTail = new();
    private readonly Lock idleLock = new();
    private readonly Stack<Page> idle = new();
    private readonly ConcurrentDictionary<string, bool> crashed = new();
    private readonly int idlePages;
    private long nextId;
    private int pagesOpened;
    private volatile string? gone;

    private ChromiumBrowser(
        Process process, AnonymousPipeServerStream toBrowser, AnonymousPipeServerStream fromBrowser, DirectoryInfo profile, int idlePages)
    {
        this.idlePages = idlePages;
        this.process = process;
        this.toBrowser = toBrowser;
        this.fromBrowser = fromBrowser;
        this.profile = profile;
        reading = Task.Run(ReadLoopAsync);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => Fail($"Chromium exited with {process.ExitCode}.{ErrorTail()}");
    }

    /// <summary>The browser's process id (the process tree's root).</summary>
    public int ProcessId => process.Id;

    /// <summary>How many pages this browser has opened (each prints up to <see cref="DocumentsPerPage"/> documents).</summary>
    public int PagesOpened => Volatile.Read(ref pagesOpened);

    /// <summary>How many of its pages the browser said had lost their renderer, not yet closed (for tests).</summary>
    internal int CrashedPages => crashed.Count;

    /// <summary>False once the browser exited or its pipe closed; such a browser is replaced, never reused.</summary>
    public bool IsAlive => gone is null && !process.HasExited;

    /// <summary>Starts Chromium with a fresh profile folder and checks that it answers on the pipe.</summary>
    /// <param name="idlePages">How many printed pages to keep for the next documents; more are closed.</param>
    public static async Task<ChromiumBrowser> LaunchAsync(string executable, int idlePages, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("assessor-chromium-");
        var toBrowser = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.Inheritable);
        var fromBrowser = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.Inheritable);
        var start = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // $1 and $2 are the inherited descriptors of the pipes' far ends; they become 3 (commands) and 4 (answers), and
        // the originals are closed. bash, not dash: dash refuses descriptors above 9.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("""i=$1 o=$2; shift 2; exec 3<&"$i" 4>&"$o" {i}<&- {o}>&-; exec "$@" """);
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(toBrowser.GetClientHandleAsString());
        start.ArgumentList.Add(fromBrowser.GetClientHandleAsString());
        start.ArgumentList.Add(executable);
        foreach (var flag in Flags)
        {
            start.ArgumentList.Add(flag);
        }

        start.ArgumentList.Add($"--user-data-dir={profile.FullName}");
        start.ArgumentList.Add("about:blank");
        Process? process = null;
        try
        {
            // The far ends are inheritable only while this browser starts: no other browser started by this process
            // may inherit them (it would keep the pipes open after this one died).
            lock (Launching)
            {
                try
                {
                    process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
                }
                finally
                {
                    // Only the child keeps the far ends: the pipes then close when it exits, and the reader sees the end.
                    toBrowser.DisposeLocalCopyOfClientHandle();
                    fromBrowser.DisposeLocalCopyOfClientHandle();
                }
            }
        }
        catch
        {
            toBrowser.Dispose();
            fromBrowser.Dispose();
            DeleteQuietly(profile);
            throw;
        }

        process.StandardInput.Close();
        // Drain both streams so a chatty browser never blocks on a full buffer.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        var browser = new ChromiumBrowser(process, toBrowser, fromBrowser, profile, idlePages);
        _ = browser.KeepErrorTailAsync();
        try
        {
            await browser.SendAsync("Browser.getVersion", null, null, timeout, cancellationToken);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Prints <paramref name="html"/> in a page no other document is printing in: one that printed before, or a new one.
    /// <c>Page.setDocumentContent</c> replaces the page's whole document (it opens the document anew, as
    /// <c>document.open()</c> does: every node, style sheet and the title of the one before are removed) before this one is
    /// parsed, so nothing of an earlier document is printed; no script runs in the printed copy (<see cref="Confined"/>)
    /// that could leave state behind. A page that failed, timed out or was cancelled is closed, never reused.
    /// </summary>
    /// <exception cref="BrowserGoneException">The browser died meanwhile.</exception>
    /// <exception cref="TimeoutException">The page did not print within <paramref name="timeout"/>.</exception>
    public async Task<byte[]> PrintAsync(byte[] html, PdfPageOptions page, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var target = await TakePageAsync(timeout, deadline.Token);
        var printed = false;
        try
        {
            await SendAsync("Page.setDocumentContent", new JsonObject { ["frameId"] = target.FrameId, ["html"] = Confined(html) }, target.Session, timeout, deadline.Token);
            // The answer is the whole PDF in base64: decoded straight from the parsed message, not copied to a string first.
            using var answer = await SendForDocumentAsync("Page.printToPDF", page.ToCommand(), target.Session, timeout, deadline.Token);
            var pdf = answer.RootElement.GetProperty("result").GetProperty("data").GetBytesFromBase64();
            printed = true;
            return pdf;
        }
        finally
        {
            GiveBack(target, printed);
        }
    }

    /// <summary>
    /// The report with a Content Security Policy of its own in the printed copy: nothing is fetched and no script runs in
    /// the browser. The report is self-contained (inline style, inline SVG) and its text escaped anyway; this is the
    /// second line of defence, and costs no round trip to the browser.
    /// </summary>
    private static string Confined(byte[] html)
    {
        const string Policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">";
        var text = Encoding.UTF8.GetString(html);
        var head = text.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        return head < 0 ? Policy + text : text.Insert(head + "<head>".Length, Policy);
    }

    /// <summary>
    /// An idle page if there is one (the one used last: its renderer is the warmest), else a new blank page. A new page
    /// costs a renderer process of its own, started, and its fonts loaded: most of a print's CPU (docs/benchmarks.md).
    /// </summary>
    private async Task<Page> TakePageAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (idleLock)
        {
            while (idle.TryPop(out var page))
            {
                if (!crashed.ContainsKey(page.Session))
                {
                    return page;
                }

                // Its renderer died while it waited (killed, out of memory): it would never answer.
                crashed.TryRemove(page.Session, out _);
                _ = CloseAsync(page.TargetId);
            }
        }

        var opening = NewPageAsync(timeout);
        try
        {
            return await opening.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The page still opens; nobody will print in it.
            _ = opening.ContinueWith(
                opened => opened.IsCompletedSuccessfully ? CloseAsync(opened.Result.TargetId) : Task.CompletedTask,
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            throw;
        }
    }

    /// <summary>A page that printed goes back for the next document, unless enough are idle or it has printed its share.</summary>
    private void GiveBack(Page page, bool printed)
    {
        if (printed && ++page.Documents < DocumentsPerPage && gone is null && !crashed.ContainsKey(page.Session))
        {
            lock (idleLock)
            {
                if (idle.Count < idlePages)
                {
                    idle.Push(page);
                    return;
                }
            }
        }

        // Off the answer's path (a browser that cannot close it is replaced anyway).
        crashed.TryRemove(page.Session, out _);
        _ = CloseAsync(page.TargetId);
    }

    private async Task<Page> NewPageAsync(TimeSpan timeout)
    {
        // A tab, not a window of its own: a hidden tab's renderer runs at nice 5, but a visible window costs more CPU per
        // print, and CPU is what printing on two cores is short of (docs/benchmarks.md).
        var created = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, timeout, CancellationToken.None);
        var targetId = created.GetProperty("targetId").GetString()!;
        Interlocked.Increment(ref pagesOpened);
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = targetId, ["flatten"] = true }, null, timeout, CancellationToken.None);
        var session = attached.GetProperty("sessionId").GetString()!;
        // Says when the page's renderer dies (Inspector.targetCrashed): a kept page whose renderer died answers nothing.
        await SendAsync("Inspector.enable", null, session, timeout, CancellationToken.None);
        var tree = await SendAsync("Page.getFrameTree", null, session, timeout, CancellationToken.None);
        return new Page(targetId, session, tree.GetProperty("frameTree").GetProperty("frame").GetProperty("id").GetString()!);
    }

    private async Task CloseAsync(string targetId)
    {
        try
        {
            await SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = targetId }, null, TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (Exception ex) when (ex is BrowserGoneException or TimeoutException or InvalidOperationException)
        {
        }
    }

    /// <summary>Sends a command; its <c>result</c>.</summary>
    private async Task<JsonElement> SendAsync(string method, JsonObject? parameters, string? session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var answer = await SendForDocumentAsync(method, parameters, session, timeout, cancellationToken);
        return answer.RootElement.TryGetProperty("result", out var result) ? result.Clone() : default;
    }

    /// <summary>Sends a command; the whole answer, which the caller disposes.</summary>
    private async Task<JsonDocument> SendForDocumentAsync(string method, JsonObject? parameters, string? session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (gone is { } why)
        {
            throw new BrowserGoneException(why);
        }

        var id = Interlocked.Increment(ref nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (session is not null)
        {
            message["sessionId"] = session;
        }

        var answer = new TaskCompletionSource<JsonDocument>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        try
        {
            var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
            await writing.WaitAsync(cancellationToken);
            try
            {
                await toBrowser.WriteAsync(bytes, cancellationToken);
                toBrowser.WriteByte(0);
                await toBrowser.FlushAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                Fail($"The browser's pipe closed: {ex.Message}");
            }
            finally
            {
                writing.Release();
            }

            return await answer.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Chromium did not answer {method} within {timeout.TotalSeconds:0} s.");
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }

    /// <summary>Reads NUL-ended messages; answers complete their commands, and a page's crash is noted.</summary>
    private async Task ReadLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var chunk = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await fromBrowser.ReadAsync(chunk);
                if (read == 0)
                {
                    break;
                }

                var data = chunk.AsSpan(0, read);
                int end;
                while ((end = data.IndexOf((byte)0)) >= 0)
                {
                    buffer.Write(data[..end]);
                    Dispatch(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                    data = data[(end + 1)..];
                }

                buffer.Write(data);
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        Fail(process.HasExited ? $"Chromium exited with {process.ExitCode}." : "Chromium closed its DevTools pipe.");
    }

    private void Dispatch(ReadOnlySpan<byte> message)
    {
        var document = JsonDocument.Parse(message.ToArray());
        var root = document.RootElement;
        if (root.TryGetProperty("method", out var method) && method.ValueEquals("Inspector.targetCrashed")
            && root.TryGetProperty("sessionId", out var session))
        {
            crashed[session.GetString()!] = true;
        }

        if (!root.TryGetProperty("id", out var idElement) || !pending.TryGetValue(idElement.GetInt64(), out var answer))
        {
            document.Dispose();
            return;
        }

        if (root.TryGetProperty("error", out var error))
        {
            answer.TrySetException(new InvalidOperationException($"Chromium refused a command: {error.GetProperty("message").GetString()}"));
            document.Dispose();
        }
        else if (!answer.TrySetResult(document))
        {
            document.Dispose();
        }
    }

    /// <summary>Keeps the last lines Chromium wrote to standard error, to say why it died.</summary>
    private async Task KeepErrorTailAsync()
    {
        try
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (errorTail)
                {
                    errorTail.Enqueue(line);
                    if (errorTail.Count > 5)
                    {
                        errorTail.Dequeue();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private string ErrorTail()
    {
        lock (errorTail)
        {
            return errorTail.Count == 0 ? "" : $" It said: {string.Join(" | ", errorTail)}";
        }
    }

    private void Fail(string why)
    {
        gone ??= why;
        foreach (var (_, answer) in pending)
        {
            answer.TrySetException(new BrowserGoneException(why));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Fail("The browser was shut down.");
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
        }

        await toBrowser.DisposeAsync();
        await fromBrowser.DisposeAsync();
        await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        process.Dispose();
        writing.Dispose();
        // The browser's helper processes die with it but may still be writing their last files for a moment.
        for (var attempt = 0; attempt < 20 && profile.Exists; attempt++)
        {
            DeleteQuietly(profile);
            profile.Refresh();
            if (profile.Exists)
            {
                await Task.Delay(50);
            }
        }
    }

    // A leftover temp folder is not worth failing for.
    private static void DeleteQuietly(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A page (DevTools target) of the browser, attached with a session of its own.</summary>
    private sealed class Page(string targetId, string session, string frameId)
    {
        public string TargetId { get; } = targetId;

        public string Session { get; } = session;

        public string FrameId { get; } = frameId;

        /// <summary>Documents printed in it so far; only the print holding the page touches it.</summary>
        public int Documents { get; set; }
    }
}

/// <summary>How a page is printed: the report's own CSS page size and margins, and optional header and footer templates.</summary>
/// <param name="HeaderTemplate">
/// HTML printed at the top of every page (Chromium's template: elements with class <c>pageNumber</c>, <c>totalPages</c>,
/// <c>date</c>, <c>title</c> or <c>url</c> get those values), or null for none; it is drawn in the page's top margin.
/// </param>
/// <param name="FooterTemplate">The same at the bottom of every page, e.g. page numbers.</param>
public sealed record PdfPageOptions(string? HeaderTemplate = null, string? FooterTemplate = null)
{
    public static PdfPageOptions Plain { get; } = new();

    internal JsonObject ToCommand()
    {
        var command = new JsonObject
        {
            ["printBackground"] = true,
            ["preferCSSPageSize"] = true,
            ["displayHeaderFooter"] = HeaderTemplate is not null || FooterTemplate is not null,
            ["transferMode"] = "ReturnAsBase64",
        };
        if (HeaderTemplate is not null || FooterTemplate is not null)
        {
            // An empty template prints nothing; Chromium's default would print the date and the title.
            command["headerTemplate"] = HeaderTemplate ?? "<span></span>";
            command["footerTemplate"] = FooterTemplate ?? "<span></span>";
        }

        return command;
    }
}
