using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sotp.Core.Users;
using static Microsoft.Playwright.Assertions;

namespace Sotp.Web.Tests;

/// <summary>The console's administration, secrets, audit and site scoping in a real browser against the real server.</summary>
public sealed class AdminConsoleTests(ConsoleServer console) : IClassFixture<ConsoleServer>
{
    [ChromiumFact]
    public async Task SecretReveal_NeedsAReason_ShowsTheValueUntilTheCountdownEnds_AndIsInTheAuditLog()
    {
        await console.CreateUserAsync("sara", Role.Admin);
        await console.CreateUserAsync("aude", Role.Auditor);
        using var admin = await console.ApiClientAsync("sara");
        using var created = await admin.PostAsJsonAsync("/api/v1/secrets", new { name = "core-sw1 community", kind = "SNMP_COMMUNITY", siteId = 1, value = "n1ght-0wl-c0mmunity" });
        created.EnsureSuccessStatusCode();

        var page = await SignInAsync("aude");
        await page.GetByRole(AriaRole.Link, new() { Name = "Secrets" }).ClickAsync();
        var row = page.Locator("tr", new() { Has = page.GetByText("core-sw1 community") });
        await Expect(row.GetByTestId("secret-masked")).ToBeVisibleAsync();
        await Expect(page.GetByText("n1ght-0wl-c0mmunity")).ToHaveCountAsync(0);

        await row.GetByTestId("secret-reveal").ClickAsync();
        await page.GetByTestId("reveal-reason").FillAsync("abc");
        await Expect(page.GetByTestId("reveal-confirm")).ToBeDisabledAsync(); // Fewer than 5 characters.
        await page.GetByTestId("reveal-reason").FillAsync("Audit of SNMP access, ticket 4711");
        await page.GetByTestId("reveal-confirm").ClickAsync();

        await Expect(row.GetByTestId("secret-value")).ToHaveTextAsync("n1ght-0wl-c0mmunity");
        await Expect(row.GetByTestId("secret-countdown")).ToContainTextAsync("hidden in");
        await ConsoleServer.ScreenshotAsync(page, "secret-revealed.png");
        // The tests' server shows a value for 3 s (Web:SecretShownSeconds); then it leaves the page.
        await Expect(row.GetByTestId("secret-value")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Expect(row.GetByTestId("secret-masked")).ToBeVisibleAsync();
        await Expect(page.GetByText("n1ght-0wl-c0mmunity")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page.GetByTestId("audit-verification")).ToContainTextAsync("Chain intact");
        await page.GetByTestId("audit-action").FillAsync("secret.revealed");
        var entry = page.Locator("tr", new() { Has = page.GetByTestId("audit-row-action").GetByText("secret.revealed") });
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry).ToContainTextAsync("aude");
        await Expect(entry.GetByTestId("audit-row-detail")).ToHaveTextAsync("Audit of SNMP access, ticket 4711");
        await ConsoleServer.ScreenshotAsync(page, "audit-log.png");
    }

    [ChromiumFact]
    public async Task Technician_SeesOnlyAssignedSites_AndNoAdministration()
    {
        await console.CreateUserAsync("tom", Role.Admin);
        await console.CreateUserAsync("tina", Role.Technician);
        using var admin = await console.ApiClientAsync("tom");
        var depot = await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/sites", new { name = "Depot North" }));
        await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/devices", new { siteId = depot, name = "depot-gw", kind = "ROUTER", address = "10.20.0.1" }));
        await IdOfAsync(await admin.PostAsJsonAsync("/api/v1/devices", new { siteId = 1, name = "hq-core", kind = "SWITCH", address = "10.10.0.1" }));
        var tina = (await admin.GetFromJsonAsync<UserPage>("/api/v1/users?q=tina"))!.Items.Single().Id;
        (await admin.PutAsJsonAsync($"/api/v1/users/{tina}/sites", new { siteIds = new[] { depot } })).EnsureSuccessStatusCode();
        await PostEventAsync(admin, depot, "trouble", "HIGH", "Depot gate controller offline");
        await PostEventAsync(admin, 1, "fire", "HIGH", "HQ smoke detector, floor 2");

        var page = await SignInAsync("tina");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Secrets" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("admin-menu")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Alarms" }).ClickAsync();
        await Expect(page.GetByTestId("alarm-title")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("alarm-title")).ToContainTextAsync("Depot gate controller offline");
        await Expect(page.GetByTestId("alarm-queue")).Not.ToContainTextAsync("HQ smoke");
        await Expect(page.GetByTestId("step-claim")).ToHaveCountAsync(0); // A technician watches alarms; operators handle them.
        await ConsoleServer.ScreenshotAsync(page, "technician-alarms.png");

        await page.GetByRole(AriaRole.Link, new() { Name = "Devices" }).ClickAsync();
        await Expect(page.GetByTestId("device-name")).ToHaveTextAsync(["depot-gw"]);
        await Expect(page.GetByTestId("new-device")).ToHaveCountAsync(0);
        await ConsoleServer.ScreenshotAsync(page, "technician-devices.png");

        // Typed in by hand, an administration page sends the technician back to the overview.
        await page.GotoAsync("/admin/users");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await page.GotoAsync("/audit");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
    }

    [ChromiumFact]
    public async Task Admin_CreatesAUser_WhoseGeneratedPasswordIsShownOnce_AndWorks()
    {
        await console.CreateUserAsync("adam", Role.Admin);
        var page = await SignInAsync("adam");
        await Expect(page.GetByTestId("admin-menu")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveCountAsync(0); // ADMIN runs the system but does not audit it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Expect(page.GetByTestId("user-name-cell").GetByText("adam", new() { Exact = true })).ToBeVisibleAsync();

        await page.GetByTestId("new-username").FillAsync("x");
        await page.GetByTestId("create-user").ClickAsync();
        await Expect(page.GetByText("A username is 2-64 characters")).ToBeVisibleAsync();

        await page.GetByTestId("new-username").FillAsync("nadia");
        await page.GetByTestId("create-user").ClickAsync();
        var password = (await page.GetByTestId("generated-password").TextContentAsync())!.Trim();
        Assert.True(password.Length >= 12, password);
        await ConsoleServer.ScreenshotAsync(page, "user-created.png");
        await page.GetByTestId("password-done").ClickAsync();
        await Expect(page.GetByTestId("generated-password")).ToHaveCountAsync(0);
        var row = page.Locator("tr", new() { Has = page.GetByTestId("user-name-cell").GetByText("nadia", new() { Exact = true }) });
        await Expect(row).ToContainTextAsync("password to change");
        await Expect(page.GetByText(password)).ToHaveCountAsync(0);
        // An ADMIN is not offered MASTER or SYSTEM, and cannot touch the MASTER's account.
        var adminRow = page.Locator("tr", new() { Has = page.GetByTestId("user-name-cell").GetByText("admin", new() { Exact = true }) });
        await Expect(adminRow.GetByTestId("user-role-text")).ToHaveTextAsync("MASTER");
        await Expect(adminRow.GetByTestId("user-reset")).ToHaveCountAsync(0);
        await ConsoleServer.ScreenshotAsync(page, "users.png");

        var nadia = await console.NewPageAsync();
        await ConsoleServer.SignInAsync(nadia, "nadia", password);
        await Expect(nadia).ToHaveURLAsync(new Regex("/account/password$"));
    }

    [ChromiumFact]
    public async Task AlarmConsole_ClaimsWithTheKeyboard_AndSoundsForANewCriticalAlarm()
    {
        await console.CreateUserAsync("kim", Role.Operator);
        await console.CreateUserAsync("kurt", Role.Admin);
        using var api = await console.ApiClientAsync("kurt");
        var page = await SignInAsync("kim");
        await page.GetByRole(AriaRole.Link, new() { Name = "Alarms" }).ClickAsync();
        await Expect(page.GetByTestId("alarm-queue")).ToBeVisibleAsync();

        await page.GetByTestId("shortcut-icon").HoverAsync();
        await Expect(page.GetByTestId("shortcut-help")).ToContainTextAsync("c — Claim");

        var alarmId = await PostEventAsync(api, 1, "intrusion", "CRITICAL", "Zone 7 glass break, shop front");
        var row = page.Locator($"tr.alarm-{alarmId}");
        await Expect(row.GetByTestId("alarm-state")).ToHaveTextAsync("NEW");
        await page.WaitForFunctionAsync("() => window.sotpConsole.played >= 1"); // Headless chromium has no speakers: the page counts the sound asked for.

        await page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await page.Keyboard.PressAsync("j");
        await Expect(row).ToHaveClassAsync(new Regex("sotp-selected"));
        await page.Keyboard.PressAsync("c");
        await Expect(row.GetByTestId("alarm-state")).ToHaveTextAsync("CLAIMING");
        await page.Keyboard.PressAsync("s");
        await Expect(row.GetByTestId("alarm-state")).ToHaveTextAsync("IN_PROGRESS");
        await ConsoleServer.ScreenshotAsync(page, "alarms-keyboard.png");
        await Expect(page.GetByTestId("stale-marker")).Not.ToBeVisibleAsync();
    }

    [ChromiumFact]
    public async Task ConsoleSession_EndsWhenThePasswordIsReset_OrChanged()
    {
        await console.CreateUserAsync("rita", Role.Admin);
        await console.CreateUserAsync("paul", Role.Operator);
        await console.CreateUserAsync("pia", Role.Operator);
        using var admin = await console.ApiClientAsync("rita");
        var paul = await SignInAsync("paul");
        await paul.GetByRole(AriaRole.Link, new() { Name = "Devices" }).ClickAsync();
        await Expect(paul.GetByTestId("device-table")).ToBeVisibleAsync();

        // Reset by an administrator: the open page is signed out within the session check, and the cookie no longer works.
        var id = (await admin.GetFromJsonAsync<UserPage>("/api/v1/users?q=paul"))!.Items.Single().Id;
        (await admin.PostAsync($"/api/v1/users/{id}/reset-password", null)).EnsureSuccessStatusCode();
        await Expect(paul).ToHaveURLAsync(new Regex("/login"), new() { Timeout = 20_000 });
        await Expect(paul.GetByTestId("session-ended")).ToContainTextAsync("password or role changed");
        await paul.GotoAsync("/devices");
        await Expect(paul).ToHaveURLAsync(new Regex("/login\\?returnUrl="));

        // Changed by the user through the API (another device): the console's session ends at the next request.
        var pia = await SignInAsync("pia");
        using var piaApi = await console.ApiClientAsync("pia");
        (await piaApi.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = ConsoleServer.Password, newPassword = "a quiet harbour at midnight" })).EnsureSuccessStatusCode();
        await pia.GotoAsync("/alarms");
        await Expect(pia).ToHaveURLAsync(new Regex("/login\\?returnUrl="));
        await Expect(pia.GetByTestId("session-ended")).ToBeVisibleAsync();
        await ConsoleServer.ScreenshotAsync(pia, "session-ended.png");
    }

    [ChromiumFact]
    public async Task Admin_EditsAlertRules_AndTestSendsAWebhookChannel_ToARealReceiver()
    {
        await console.CreateUserAsync("ada", Role.Admin);
        using var api = await console.ApiClientAsync("ada");
        await IdOfAsync(await api.PostAsJsonAsync("/api/v1/secrets", new { name = "webhook hmac", kind = "OTHER", value = "a signing key of some length" }));
        var page = await SignInAsync("ada");

        await page.GetByRole(AriaRole.Link, new() { Name = "Alert rules" }).ClickAsync();
        await page.GetByTestId("new-rule").ClickAsync();
        await page.GetByTestId("rule-name").FillAsync("RTT high");
        await page.GetByTestId("rule-threshold").FillAsync("200");
        await page.GetByTestId("rule-save").ClickAsync();
        await Expect(page.GetByText("code is required")).ToBeVisibleAsync();
        await page.GetByTestId("rule-code").FillAsync("rtt_high");
        await page.GetByTestId("rule-save").ClickAsync();
        var rule = page.Locator("tr", new() { Has = page.GetByTestId("rule-row-name").GetByText("RTT high") });
        await Expect(rule).ToContainTextAsync("ABOVE 200");
        await rule.GetByTestId("rule-edit").ClickAsync();
        await page.GetByTestId("rule-threshold").FillAsync("300");
        await page.GetByTestId("rule-save").ClickAsync();
        await Expect(rule).ToContainTextAsync("ABOVE 300");
        await ConsoleServer.ScreenshotAsync(page, "rules.png");
        await rule.GetByTestId("rule-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(rule).ToHaveCountAsync(0);

        // A webhook receiver on loopback: the test-send reaches it and its answer shows on the row.
        using var receiver = new System.Net.HttpListener();
        var port = FreePort();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        var received = ReceiveOneAsync(receiver);

        await page.GetByRole(AriaRole.Link, new() { Name = "Notification channels" }).ClickAsync();
        await page.GetByTestId("new-channel").ClickAsync();
        await page.GetByTestId("channel-name").FillAsync("Ops webhook");
        await page.GetByTestId("channel-url").FillAsync($"http://127.0.0.1:{port}/hook");
        await page.GetByTestId("channel-save").ClickAsync();
        await Expect(page.GetByText("WEBHOOK needs secretId")).ToBeVisibleAsync();
        await page.GetByTestId("channel-secret").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("webhook hmac").ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0); // The list closed: the choice is in the form.
        await page.GetByTestId("channel-save").ClickAsync();
        await Expect(page.GetByTestId("channel-form")).ToHaveCountAsync(0);
        var channel = page.Locator("tr", new() { Has = page.GetByTestId("channel-row-name").GetByText("Ops webhook") });
        await channel.GetByTestId("channel-test").ClickAsync();
        await Expect(channel.GetByTestId("channel-test-result")).ToContainTextAsync("sent");
        Assert.Contains("Test message from SOTP", await received);
        await ConsoleServer.ScreenshotAsync(page, "channels.png");
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task<string> ReceiveOneAsync(System.Net.HttpListener receiver)
    {
        var context = await receiver.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = 200;
        context.Response.Close();
        return body;
    }

    private async Task<IPage> SignInAsync(string username)
    {
        var page = await console.NewPageAsync();
        await ConsoleServer.SignInAsync(page, username, ConsoleServer.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        return page;
    }

    private static async Task<long> IdOfAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<Identified>())!.Id;
        }
    }

    private static async Task<long> PostEventAsync(HttpClient api, long siteId, string category, string priority, string message)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/events", new { siteId, category, code = category + "_test", priority, message });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<EventOutcome>())!.AlarmId!.Value;
    }

    private sealed record Identified(long Id);

    private sealed record UserPage(IReadOnlyList<Identified> Items);

    private sealed record EventOutcome(long? AlarmId);
}
