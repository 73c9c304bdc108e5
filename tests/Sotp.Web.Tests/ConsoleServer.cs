using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Sotp.Core.Audit;
using Sotp.Core.Series;
using Sotp.Core.Users;
using Sotp.Server.Tests;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Web.Tests;

/// <summary>
/// One server process on a real loopback port (Playwright needs a socket, not a TestServer) and one headless
/// chromium, shared by the tests of a class; each test opens its own browser contexts (separate cookies).
/// </summary>
public class ConsoleServer : IAsyncLifetime
{
    public const string Password = "night shift on duty";

    private TestStore? _store;
    private ServerProcess? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("Not started.");

    public string BaseUrl => $"http://127.0.0.1:{Server.Port}";

    /// <summary>The administrator's generated password, printed once at first start.</summary>
    public string AdminPassword { get; private set; } = "";

    /// <summary>Settings a test class needs on top of the ones above.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(StoreProvider.Sqlite);
        // A revealed secret stays 3 s instead of 60, and open pages re-check their session every 2 s instead of 30: the tests
        // watch both happen without long sleeps.
        var settings = new Dictionary<string, string?>(_store.Settings)
        {
            ["Web:SecretShownSeconds"] = "3",
            ["Web:SessionCheckSeconds"] = "2",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        _server = ServerProcess.Start(settings);
        await _server.WaitUntilReadyAsync();
        AdminPassword = _server.Stdout.Select(line => line.Trim()).First(line => line.StartsWith("password:", StringComparison.Ordinal))["password:".Length..].Trim();
        if (!File.Exists(ChromiumFactAttribute.ChromiumPath))
        {
            return; // The tests skip (or, as root, fail saying why).
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        });
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>
    /// A browser context of its own (cookies, storage), desktop-sized unless told; the browser's language and time zone
    /// are chromium's (en-US, the machine's zone) unless told.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, string? locale = null, string? timeZoneId = null)
    {
        var browser = _browser ?? throw new InvalidOperationException($"No chromium at {ChromiumFactAttribute.ChromiumPath}; install it: apt-get install -y --no-install-recommends chromium");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = timeZoneId,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>An account with a known password, written to the store the server runs on.</summary>
    public async Task CreateUserAsync(string username, Role role)
    {
        await _store!.Get<UserAccounts>().CreateAsync(username, role, AuditActor.Cli, CancellationToken.None);
        await _store.Get<IUserStore>().SetPasswordAsync(username, PasswordHasher.Hash(Password), mustChangePassword: false, audit: null, CancellationToken.None);
    }

    /// <summary>Series points written straight to the store the server reads its charts from.</summary>
    public Task AppendSeriesAsync(IReadOnlyList<SeriesPoint> points) =>
        _store!.Get<ISeriesStore>().AppendAsync(points, CancellationToken.None);

    /// <summary>Signs in through the login form and waits for the overview.</summary>
    public static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
    }

    /// <summary>A new page signed in as a user created here, on the alarm queue.</summary>
    public async Task<IPage> OpenAlarmsAsync(string username)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, username, Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Alarms" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("alarm-queue")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>An API client with the access token of a user created here.</summary>
    public async Task<HttpClient> ApiClientAsync(string username)
    {
        using var login = await Server.Client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<Tokens>())!.AccessToken;
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private sealed record Tokens(string AccessToken);
}
