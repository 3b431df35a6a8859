using Microsoft.Playwright;

namespace NeuroScope.Browser.Tests;

/// <summary>The headless Chromium the page tests use, and the one way they open a page in it.</summary>
internal static class Chromium
{
    /// <summary>Debian's Chromium (browser downloads fail here), or the one <c>CHROMIUM</c> names.</summary>
    public static string ExecutablePath() =>
        Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException("Chromium is not installed: install Debian's chromium package (.ci/run does) or set CHROMIUM to its path.");

    /// <summary>Starts headless Chromium; WebGL for the 3-D surfaces comes from SwiftShader, which Chromium enables only when asked.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, params string[] args) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath(),
            Headless = true,
            Args = ["--no-sandbox", "--enable-unsafe-swiftshader", .. args],
        });

    /// <summary>
    /// Opens <paramref name="url"/> in a fresh 1280×900 tab and collects in <paramref name="errors"/> every console error, page
    /// error and failed request (a live page closing its event stream as it leaves is not one). <paramref name="offline"/>
    /// turns every request that leaves the file system into an error too. Close the tab with <c>page.Context.CloseAsync()</c>.
    /// </summary>
    public static async Task<IPage> OpenAsync(IBrowser browser, Uri url, List<string> errors, bool offline = false, float timeoutMilliseconds = 30_000)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors.Add($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => errors.Add($"{page.Url}: {error}");
        page.RequestFailed += (_, request) =>
        {
            if (!request.Url.Contains("/api/events/", StringComparison.Ordinal))
                errors.Add($"{request.Url}: {request.Failure}");
        };
        if (offline)
        {
            await context.RouteAsync(u => !u.StartsWith("file:", StringComparison.Ordinal), async route =>
            {
                errors.Add($"request to {route.Request.Url}");
                await route.AbortAsync();
            });
        }
        await page.GotoAsync(url.AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = timeoutMilliseconds });
        return page;
    }
}
