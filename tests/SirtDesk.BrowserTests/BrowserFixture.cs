using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.BrowserTests;

/// <summary>The app on real Kestrel (loopback, dynamic port) and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public SirtDeskApp App { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? playwright;

    public async Task InitializeAsync()
    {
        App.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        await App.InitializeAsync();
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        App.ServerAddress = new Uri(BaseUrl);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }

    /// <summary>Signs in through the real pages as a person would: password, then the TOTP enrolment key and a code.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/staff/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", SirtDeskApp.Password);
        await page.ClickAsync("button[type=submit]");
        var key = await page.Locator("#totp-key").InnerTextAsync();
        await page.FillAsync("#code", Totp.Code(key, TimeProvider.System.GetUtcNow()));
        await page.ClickAsync("button[type=submit]");
    }

    public static string Screenshots
    {
        get
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
