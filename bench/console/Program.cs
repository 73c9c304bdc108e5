using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sotp.Core.Audit;
using Sotp.Core.Users;
using Sotp.Server;

// The web console with a full store: N devices imported (as an operator would, one CSV), then each page opened
// in Debian's chromium again and again. Per page: first contentful paint (the browser's own measure) and "ready",
// when the page's data is on screen (its marker element visible), both from the start of navigation.
// Usage: Sotp.Bench.Console [devices=10000] [visits=7]
var devices = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var visits = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
const string Chromium = "/usr/bin/chromium";
if (!File.Exists(Chromium))
{
    Console.Error.WriteLine($"No chromium at {Chromium}: apt-get install -y --no-install-recommends chromium");
    return 2;
}

var data = Directory.CreateTempSubdirectory("sotp-bench-console-");
try
{
    await using var app = SotpServer.Build(
    [
        $"--Storage:DataDirectory={data.FullName}",
        "--Urls=http://127.0.0.1:0",
        "--Server:MaxRequestBodyBytes=16777216",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        "--Logging:LogLevel:Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning",
        "--Logging:Console:FormatterName=simple",
    ]);
    await app.StartAsync();
    var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    const string password = "bench password on duty";
    await app.Services.GetRequiredService<UserAccounts>().CreateAsync("bench", Role.Admin, AuditActor.Cli, CancellationToken.None);
    await app.Services.GetRequiredService<IUserStore>().SetPasswordAsync("bench", PasswordHasher.Hash(password), false, audit: null, CancellationToken.None);

    var imported = Stopwatch.StartNew();
    await ImportDevicesAsync(new Uri(baseUrl), password, devices);
    Console.WriteLine(FormattableString.Invariant($"{devices} devices imported in one CSV in {imported.Elapsed.TotalSeconds:0.0} s; {visits} visits per page, {Environment.ProcessorCount} CPUs"));

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Chromium,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    });
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
    var page = await context.NewPageAsync();
    await page.GotoAsync("/login");
    await page.FillAsync("#username", "bench");
    await page.FillAsync("#password", password);
    await page.ClickAsync("[data-testid=login-submit]");
    await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));

    // Each page and the element that shows its data has arrived.
    (string Path, string Ready)[] pages =
    [
        ("/", "[data-testid=devices-up-count]"),
        ("/devices", "[data-testid=device-name]"),
        ("/alarms", "[data-testid=alarm-queue]"),
    ];
    var worst = 0.0;
    foreach (var (path, ready) in pages)
    {
        var paints = new List<double>();
        var readies = new List<double>();
        for (var visit = 0; visit <= visits; visit++)
        {
            await page.GotoAsync(path);
            await page.Locator(ready).First.WaitForAsync();
            var readyMs = await page.EvaluateAsync<double>("performance.now()");
            var paintMs = await page.EvaluateAsync<double>("(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime");
            if (visit > 0) // The first visit warms the server's code paths for this page.
            {
                paints.Add(paintMs);
                readies.Add(readyMs);
            }
        }

        paints.Sort();
        readies.Sort();
        worst = Math.Max(worst, paints[^1]);
        Console.WriteLine(FormattableString.Invariant(
            $"{path,-9} first paint median {paints[paints.Count / 2],6:0} ms  max {paints[^1],6:0} ms   data on screen median {readies[readies.Count / 2],6:0} ms  max {readies[^1],6:0} ms"));
    }

    Console.WriteLine(FormattableString.Invariant($"goal: first paint within 300 ms on every page: {(worst <= 300 ? "met" : "NOT met")} (worst {worst:0} ms)"));
    await browser.CloseAsync(); // Its live connection would hold the server's shutdown.
    await app.StopAsync();
    return 0;
}
finally
{
    data.Delete(recursive: true);
}

static async Task ImportDevicesAsync(Uri baseUrl, string password, int count)
{
    using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(10) };
    using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { username = "bench", password });
    login.EnsureSuccessStatusCode();
    var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    var csv = new StringBuilder("site,name,kind,address,tags\n");
    string[] kinds = ["ROUTER", "SWITCH", "SERVER", "FIREWALL", "ACCESS_POINT"];
    for (var i = 0; i < count; i++)
    {
        // 127.2.0.0/16 and up: loopback answers every one of them, so the ICMP monitor sees them UP.
        csv.Append(CultureInfo.InvariantCulture, $"1,node-{i:D5},{kinds[i % kinds.Length]},127.{2 + (i >> 16)}.{(i >> 8) & 255}.{(i & 255) | 1},bench\n");
    }

    using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
    using var response = await http.PostAsync("/api/v1/devices/import?commit=true", content);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"Import failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
