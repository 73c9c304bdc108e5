using System.Net.Http.Json;
using Microsoft.Playwright;
using Sotp.Core.Users;
using static Microsoft.Playwright.Assertions;

namespace Sotp.Web.Tests;

/// <summary>The web console in a real browser against the real server: sign-in, devices, the alarm lifecycle.</summary>
public sealed class ConsoleTests(ConsoleServer console) : IClassFixture<ConsoleServer>
{
    [ChromiumFact]
    public async Task Login_WithTheGeneratedPassword_ForcesAChange_ThenShowsTheOverview()
    {
        var page = await console.NewPageAsync();

        await page.GotoAsync("/devices");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?returnUrl=%2Fdevices$"));
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", "not the password");
        await page.ClickAsync("[data-testid=login-submit]");
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("wrong");

        await ConsoleServer.SignInAsync(page, "admin", console.AdminPassword);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password$"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password$"));

        await page.FillAsync("#current", console.AdminPassword);
        await page.FillAsync("#new", "admin");
        await page.FillAsync("#confirm", "admin");
        await page.ClickAsync("[data-testid=password-submit]");
        await Expect(page.GetByTestId("password-error")).ToBeVisibleAsync();

        await page.FillAsync("#current", console.AdminPassword);
        await page.FillAsync("#new", "a lighthouse keeper at dawn");
        await page.FillAsync("#confirm", "a lighthouse keeper at dawn");
        await page.ClickAsync("[data-testid=password-submit]");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("devices-unknown-count")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("admin");
        await ConsoleServer.ScreenshotAsync(page, "login-overview.png");

        // On a phone the drawer is a slide-over, closed until the menu button opens it.
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("devices-unknown-count")).ToHaveTextAsync("1");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Devices" })).Not.ToBeInViewportAsync();
        await ConsoleServer.ScreenshotAsync(page, "overview-phone.png");
        await page.GetByLabel("Menu").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Devices" })).ToBeInViewportAsync();
        await ConsoleServer.ScreenshotAsync(page, "overview-phone-menu.png");
        await page.SetViewportSizeAsync(1280, 800);

        await page.GetByTestId("logout").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login$"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }

    [ChromiumFact]
    public async Task CreateDevice_ThroughTheForm_ShowsValidationMessages_ThenTheDeviceInTheList()
    {
        await console.CreateUserAsync("dora", Role.Admin);
        var page = await console.NewPageAsync();
        await ConsoleServer.SignInAsync(page, "dora", ConsoleServer.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();

        // The API ignores the console's cookie: without a token it still answers 401 ProblemDetails, never a login redirect.
        var api = await page.Context.APIRequest.GetAsync("/api/v1/sites", new() { MaxRedirects = 0 });
        Assert.Equal(401, api.Status);
        Assert.Equal("unauthorized", (await api.JsonAsync())?.GetProperty("code").GetString());

        await page.GotoAsync("/devices");
        await Expect(page.GetByTestId("device-name").First).ToBeVisibleAsync();
        await page.GetByTestId("new-device").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New device" })).ToBeVisibleAsync();

        await page.GetByTestId("device-name-input").FillAsync("core-sw-01");
        await page.GetByTestId("device-address").FillAsync("10.1");
        await page.GetByTestId("device-create").ClickAsync();
        await Expect(page.GetByText("address is an IPv4 or IPv6 address or a host name.")).ToBeVisibleAsync();
        await ConsoleServer.ScreenshotAsync(page, "device-form-errors.png");

        await page.GetByTestId("device-address").FillAsync("10.1.0.2");
        await page.GetByTestId("device-tags").FillAsync("core, floor-1");
        await page.GetByTestId("device-create").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/devices\\?q=core-sw-01$"));
        var row = page.Locator("tr", new() { Has = page.GetByText("core-sw-01") });
        await Expect(row).ToContainTextAsync("10.1.0.2");
        await Expect(row.GetByTestId("status-dot")).ToHaveAttributeAsync("data-status", "UNKNOWN");
        await ConsoleServer.ScreenshotAsync(page, "devices.png");

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.Locator(".mud-appbar")).Not.ToHaveCSSAsync("background-color", "rgb(30, 79, 138)");
        await ConsoleServer.ScreenshotAsync(page, "devices-dark.png");
    }

    [ChromiumFact]
    public async Task AlarmFromTheApi_AppearsLiveInOtherConsoles_AndIsHandledToClosed()
    {
        await console.CreateUserAsync("otto", Role.Operator);
        await console.CreateUserAsync("olga", Role.Operator);
        await console.CreateUserAsync("eve", Role.Admin);
        await console.CreateUserAsync("aldo", Role.Auditor);
        using var api = await console.ApiClientAsync("eve");
        var otto = await console.OpenAlarmsAsync("otto");
        var olga = await console.OpenAlarmsAsync("olga");
        var aldo = await console.OpenAlarmsAsync("aldo");

        var alarmId = await PostEventAsync(api, "intrusion", "HIGH", "Zone 3 motion, warehouse");
        var ottoRow = otto.Locator($"tr.alarm-{alarmId}");
        var olgaRow = olga.Locator($"tr.alarm-{alarmId}");
        await Expect(ottoRow.GetByTestId("alarm-state")).ToHaveTextAsync("NEW");
        await Expect(olgaRow.GetByTestId("alarm-state")).ToHaveTextAsync("NEW");
        var aldoRow = aldo.Locator($"tr.alarm-{alarmId}");
        await Expect(aldoRow.GetByTestId("alarm-state")).ToHaveTextAsync("NEW");
        await Expect(aldoRow.GetByTestId("step-claim")).ToHaveCountAsync(0); // An auditor watches; only HandleAlarms roles act.

        await ottoRow.GetByTestId("step-claim").ClickAsync();
        await Expect(ottoRow.GetByTestId("alarm-state")).ToHaveTextAsync("CLAIMING");
        await Expect(olgaRow.GetByTestId("alarm-state")).ToHaveTextAsync("CLAIMING");
        await Expect(olgaRow.GetByTestId("step-start")).ToHaveCountAsync(0); // Olga did not claim it.

        await ottoRow.GetByTestId("step-start").ClickAsync();
        await Expect(olgaRow.GetByTestId("alarm-state")).ToHaveTextAsync("IN_PROGRESS");

        // More alarms of other categories, for a queue that shows the order and the colours.
        await PostEventAsync(api, "fire", "CRITICAL", "Smoke detector, server room");
        await PostEventAsync(api, "trouble", "LOW", "Mains power lost, panel on battery");
        await Expect(otto.Locator("[data-testid=alarm-title]")).ToHaveCountAsync(3);
        await Expect(otto.Locator("[data-testid=alarm-title]").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Smoke|fire", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await ConsoleServer.ScreenshotAsync(otto, "console-alarms.png");

        await ottoRow.GetByTestId("step-acknowledge").ClickAsync();
        await otto.GetByTestId("ack-note").FillAsync("Guard sent, door found open, closed.");
        await otto.GetByTestId("ack-confirm").ClickAsync();
        await Expect(olgaRow.GetByTestId("alarm-state")).ToHaveTextAsync("ACK");
        await Expect(olgaRow).ToContainTextAsync("Guard sent, door found open, closed.");

        await ottoRow.GetByTestId("step-resolve").ClickAsync();
        await Expect(olgaRow.GetByTestId("alarm-state")).ToHaveTextAsync("RESOLVED");
        await olgaRow.GetByTestId("step-close").ClickAsync(); // Any operator may close a resolved alarm.
        await Expect(olgaRow).ToHaveCountAsync(0);
        await Expect(ottoRow).ToHaveCountAsync(0);

        var alarm = await api.GetFromJsonAsync<AlarmView>($"/api/v1/alarms/{alarmId}");
        Assert.Equal("CLOSED", alarm!.State);
        Assert.Equal("Guard sent, door found open, closed.", alarm.AckNote);

        await otto.GotoAsync("/");
        await Expect(otto.GetByTestId("alarms-critical-count")).ToHaveTextAsync("1");
        await Expect(otto.GetByTestId("alarms-low-count")).ToHaveTextAsync("1");
        await ConsoleServer.ScreenshotAsync(otto, "overview.png");
    }

    private static async Task<long> PostEventAsync(HttpClient api, string category, string priority, string message)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/events", new { siteId = 1, deviceId = 1, category, code = category + "_test", priority, message });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<EventOutcome>())!.AlarmId!.Value;
    }

    private sealed record EventOutcome(long? AlarmId);

    private sealed record AlarmView(string State, string? AckNote);
}
