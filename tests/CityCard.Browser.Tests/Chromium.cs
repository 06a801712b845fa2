using Microsoft.Playwright;

namespace CityCard.Browser.Tests;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright's bundled driver; never a browser Playwright downloads.
/// scripts/ensure-chromium.sh (run by test.sh) installs it where it is missing; CITYCARD_CHROMIUM names another.
/// </summary>
public static class Chromium
{
    public static string Path => Environment.GetEnvironmentVariable("CITYCARD_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"No Chromium at {Path}: run scripts/ensure-chromium.sh (apt-get install chromium), or set CITYCARD_CHROMIUM.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>artifacts/screenshots/ of the repository, where the test run keeps what the browser saw.</summary>
    public static string ScreenshotPath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CityCard.sln")))
            {
                var folder = Directory.CreateDirectory(System.IO.Path.Combine(dir.FullName, "artifacts", "screenshots"));
                return System.IO.Path.Combine(folder.FullName, name);
            }
        }

        throw new InvalidOperationException("No CityCard.sln above the test binaries.");
    }
}
