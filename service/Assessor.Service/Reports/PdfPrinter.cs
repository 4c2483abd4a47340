namespace Assessor.Service.Reports;

/// <summary>PDF output needs a browser that is not installed.</summary>
public sealed class PdfUnavailableException()
    : Exception("PDF reports need Chromium with Japanese fonts: install the Debian packages chromium and fonts-ipaexfont "
        + "(apt-get install chromium fonts-ipaexfont), or set ASSESSOR_CHROMIUM to a Chromium executable.");

/// <summary>
/// Prints report HTML to PDF with one long-lived headless Chromium (Debian's), started at the first print with a fresh
/// profile folder and kept. Its pages are kept too, up to as many as print at once, and each prints one document after
/// another: a new document replaces the page's whole document (<see cref="ChromiumBrowser.PrintAsync"/>). A browser that died (or stopped answering) is replaced at the next print, and a print that lost its
/// browser midway is tried once more on the new one. How many pages print at once is bounded by <see cref="PdfRenderLimiter"/>.
/// </summary>
public sealed class PdfPrinter : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(30);
    private static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private readonly string? _chromiumPath;
    private readonly int _idlePages;
    private readonly SemaphoreSlim _launching = new(1, 1);
    private ChromiumBrowser? _browser;
    private int _launches;
    private bool _disposed;

    /// <param name="chromiumPath">The browser to run; by default <c>$ASSESSOR_CHROMIUM</c> when set, else the first of
    /// /usr/bin/chromium and /usr/bin/chromium-browser that exists.</param>
    /// <param name="idlePages">How many pages to keep between prints: as many as may print at once.</param>
    public PdfPrinter(string? chromiumPath = null, int idlePages = 1)
    {
        _chromiumPath = chromiumPath ?? DefaultPath();
        _idlePages = idlePages;
    }

    private static string? DefaultPath() =>
        Environment.GetEnvironmentVariable("ASSESSOR_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : KnownPaths.FirstOrDefault(File.Exists);

    public bool IsAvailable => _chromiumPath is not null && File.Exists(_chromiumPath);

    /// <summary>The running browser's process id, or null before the first print and after it died.</summary>
    public int? BrowserProcessId => _browser is { IsAlive: true } browser ? browser.ProcessId : null;

    /// <summary>How many browsers this printer has started.</summary>
    public int Launches => Volatile.Read(ref _launches);

    /// <summary>How many pages the running browser has opened, or 0 before the first print.</summary>
    public int PagesOpened => _browser?.PagesOpened ?? 0;

    /// <summary>How many pages of the running browser lost their renderer and are not closed yet (for tests).</summary>
    internal int CrashedPages => _browser?.CrashedPages ?? 0;

    /// <exception cref="PdfUnavailableException">No Chromium executable was found.</exception>
    /// <exception cref="TimeoutException">Chromium did not print within a minute.</exception>
    /// <exception cref="InvalidOperationException">Chromium failed to start or to print.</exception>
    public Task<byte[]> PrintAsync(byte[] html, CancellationToken cancellationToken) => PrintAsync(html, PdfPageOptions.Plain, cancellationToken);

    /// <inheritdoc cref="PrintAsync(byte[], CancellationToken)"/>
    public async Task<byte[]> PrintAsync(byte[] html, PdfPageOptions page, CancellationToken cancellationToken)
    {
        if (!IsAvailable)
        {
            throw new PdfUnavailableException();
        }

        for (var attempt = 1; ; attempt++)
        {
            var browser = await BrowserAsync(cancellationToken);
            try
            {
                return await browser.PrintAsync(html, page, Timeout, cancellationToken);
            }
            catch (BrowserGoneException) when (attempt == 1 && !cancellationToken.IsCancellationRequested)
            {
                // The browser died under this print: once more, on a new one.
            }
            catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A browser that cannot print a page in a minute is stuck: replace it.
                await RetireAsync(browser);
                throw new TimeoutException($"Chromium did not print the PDF within {Timeout.TotalSeconds:0} s.", ex);
            }
        }
    }

    private async Task<ChromiumBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsAlive: true } running)
        {
            return running;
        }

        await _launching.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsAlive: true } started)
            {
                return started;
            }

            if (_browser is { } dead)
            {
                _browser = null;
                await dead.DisposeAsync();
            }

            Interlocked.Increment(ref _launches);
            _browser = await ChromiumBrowser.LaunchAsync(_chromiumPath!, _idlePages, LaunchTimeout, cancellationToken);
            return _browser;
        }
        finally
        {
            _launching.Release();
        }
    }

    private async Task RetireAsync(ChromiumBrowser browser)
    {
        await _launching.WaitAsync();
        try
        {
            if (ReferenceEquals(_browser, browser))
            {
                _browser = null;
            }
        }
        finally
        {
            _launching.Release();
        }

        await browser.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _launching.WaitAsync();
        try
        {
            _disposed = true;
            if (_browser is { } browser)
            {
                _browser = null;
                await browser.DisposeAsync();
            }
        }
        finally
        {
            _launching.Release();
        }
    }
}
