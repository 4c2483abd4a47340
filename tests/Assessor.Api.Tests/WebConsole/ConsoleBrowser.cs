using System.Text.Json;
using PuppeteerSharp;

namespace Assessor.Api.Tests.WebConsole;

/// <summary>
/// The service as a real process on a loopback port and Debian's Chromium driving it, shared by the browser tests. Chromium
/// missing skips them (fails them under CI=true, like the PDF tests).
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    public static readonly string ChromiumPath =
        Environment.GetEnvironmentVariable("ASSESSOR_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    private readonly TestDatabase database = TestDatabase.Sqlite();
    private ServiceProcess? service;
    private IBrowser? browser;

    public ServiceProcess Service => service ?? throw new InvalidOperationException("Call RequireAsync first.");

    /// <summary>Where screenshots go: TestResults/console/ at the repository's root, beside the TRX files.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "TestResults", "console")).FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Skips (or fails under CI) without Chromium; otherwise starts the service and the browser once.</summary>
    public async Task RequireAsync()
    {
        TestDependencies.RequireFile(ChromiumPath, "Chromium (the Debian package chromium)");
        if (service is null)
        {
            service = ServiceProcess.Start(database);
            await service.WaitReadyAsync(TimeSpan.FromSeconds(60));
        }

        browser ??= await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Containers run tests as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A page in a fresh browser context: its own cookies, so each user has their own session.</summary>
    public async Task<IPage> NewUserAsync(string language = "en")
    {
        await RequireAsync();
        var context = await browser!.CreateBrowserContextAsync();
        var page = await context.NewPageAsync();
        await page.SetExtraHttpHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = language });
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        return page;
    }

    public string Url(string path) => new Uri(Service.BaseAddress, path).ToString();

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
            browser.Dispose();
        }

        if (service is not null)
        {
            await service.DisposeAsync();
        }

        database.Dispose();
    }

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Assessor.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? AppContext.BaseDirectory;
    }
}

/// <summary>What the browser tests do on a page: navigate, sign in, read, check accessibility, keep a screenshot.</summary>
public static class ConsolePages
{
    private static readonly string AxeScript = ReadAxe();

    public static async Task<IResponse> OpenAsync(this IPage page, ConsoleBrowser console, string path) =>
        await page.GoToAsync(console.Url(path), WaitUntilNavigation.Load);

    /// <summary>Clicks and waits for the page the click leads to; its response.</summary>
    public static async Task<IResponse> ClickAndWaitAsync(this IPage page, string selector)
    {
        var navigation = page.WaitForNavigationAsync();
        await page.ClickAsync(selector);
        return await navigation;
    }

    public static async Task<IResponse> SignInAsync(this IPage page, ConsoleBrowser console, string key)
    {
        await page.OpenAsync(console, "/console/sign-in");
        await page.TypeAsync("#key", key);
        return await page.ClickAndWaitAsync("main form button[type=submit]");
    }

    /// <summary>An HTTP client holding the page's cookies: downloads as the signed-in user, without the browser's download UI.</summary>
    public static async Task<HttpClient> SessionClientAsync(this IPage page, ConsoleBrowser console)
    {
        var cookies = await page.GetCookiesAsync(console.Service.BaseAddress.ToString());
        var client = new HttpClient { BaseAddress = console.Service.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        return client;
    }

    public static Task<string> TextAsync(this IPage page, string selector) =>
        page.EvaluateFunctionAsync<string>("s => { const e = document.querySelector(s); return e ? e.textContent.trim() : null; }", selector);

    public static Task SetValueAsync(this IPage page, string selector, string value) =>
        page.EvaluateFunctionAsync("(s, v) => { document.querySelector(s).value = v; }", selector, value);

    /// <summary>
    /// Runs axe-core (WCAG 2 A and AA rules and best practices) on the page and fails on any serious or critical violation,
    /// naming each; then keeps a full-page screenshot named <paramref name="name"/>.
    /// </summary>
    public static async Task CheckAsync(this IPage page, string name)
    {
        await page.ScreenshotAsync(Path.Combine(ConsoleBrowser.ScreenshotFolder, $"{name}.png"), new ScreenshotOptions { FullPage = true });
        await page.EvaluateExpressionAsync(AxeScript);
        var violations = await page.EvaluateFunctionAsync<JsonElement>(
            "async () => (await axe.run(document)).violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) }))");
        var serious = violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("nodes")}")
            .ToList();
        Assert.True(serious.Count == 0, $"axe on {name} ({page.Url}):\n{string.Join("\n", serious)}");
    }

    private static string ReadAxe()
    {
        using var stream = typeof(Deque.AxeCore.Commons.AxeResult).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("Deque.AxeCore.Commons no longer embeds axe.min.js under that name.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
