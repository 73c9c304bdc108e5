using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Sotp.Core.Users;
using static Microsoft.Playwright.Assertions;

namespace Sotp.Web.Tests;

/// <summary>The console in Polish and in the user's time zone, in a real browser.</summary>
public sealed class LocalizationTests(ConsoleServer console) : IClassFixture<ConsoleServer>
{
    [ChromiumFact]
    public async Task LanguageSwitch_ToPolish_TranslatesMenuAndAlarmConsole_AndSurvivesAReload()
    {
        await console.CreateUserAsync("pola", Role.Operator);
        await console.CreateUserAsync("piotr", Role.Admin);
        using var api = await console.ApiClientAsync("piotr");
        var alarmId = await PostEventAsync(api, "intrusion", "Zone 3 motion, warehouse");

        var page = await console.NewPageAsync(locale: "en-US");
        await ConsoleServer.SignInAsync(page, "pola", ConsoleServer.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await page.GetByTestId("language-switch").ClickAsync();
        await page.GetByTestId("language-pl").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Przegląd" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Urządzenia" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Obiekty" })).ToBeVisibleAsync();
        await ConsoleServer.ScreenshotAsync(page, "overview-pl.png");
        await page.GetByRole(AriaRole.Link, new() { Name = "Alarmy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alarmy" })).ToBeVisibleAsync();

        var row = page.Locator($"tr.alarm-{alarmId}");
        await Expect(row.GetByTestId("alarm-state")).ToHaveTextAsync("NOWY");
        await Expect(row).ToContainTextAsync("WYSOKI");
        await Expect(row.GetByTestId("step-claim")).ToHaveTextAsync("Przejmij");
        await Expect(page.Locator("th").Filter(new() { HasText = "Priorytet" })).ToBeVisibleAsync();
        await row.GetByTestId("step-claim").ClickAsync();
        await Expect(row.GetByTestId("alarm-state")).ToHaveTextAsync("PRZEJMOWANY");
        await Expect(row.GetByTestId("step-start")).ToHaveTextAsync("Rozpocznij");

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alarmy" })).ToBeVisibleAsync();
        await Expect(row.GetByTestId("alarm-state")).ToHaveTextAsync("PRZEJMOWANY");
        await ConsoleServer.ScreenshotAsync(page, "alarms-pl.png");
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await Expect(row.GetByTestId("alarm-state")).ToHaveTextAsync("PRZEJMOWANY");
        await ConsoleServer.ScreenshotAsync(page, "alarms-pl-phone.png");
        await page.GetByLabel("Menu").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Urządzenia" })).ToBeInViewportAsync();
        await page.WaitForFunctionAsync("() => document.getAnimations().length === 0"); // The drawer has slid in.
        await ConsoleServer.ScreenshotAsync(page, "menu-pl-phone.png");
        await page.GetByRole(AriaRole.Link, new() { Name = "Przegląd" }).ClickAsync();
        await Expect(page.GetByTestId("devices-unknown-count")).ToHaveTextAsync("1");
        await ConsoleServer.ScreenshotAsync(page, "overview-pl-phone.png");

        // Back to English through the same switch.
        await page.SetViewportSizeAsync(1280, 800);
        await page.GetByTestId("language-switch").ClickAsync();
        await page.GetByTestId("language-en").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Alarms" }).ClickAsync();
        await Expect(row.GetByTestId("alarm-state")).ToHaveTextAsync("CLAIMING");
    }

    [ChromiumFact]
    public async Task Browser_AskingForPolish_GetsPolish_ByDefault_AndTheSignInPageToo()
    {
        var page = await console.NewPageAsync(locale: "pl-PL");
        await page.GotoAsync("/login");
        await Expect(page.GetByTestId("login-submit")).ToHaveTextAsync("Zaloguj");
        await Expect(page.GetByText("Nazwa użytkownika")).ToBeVisibleAsync();

        var english = await console.NewPageAsync(locale: "de-DE");
        await english.GotoAsync("/login");
        await Expect(english.GetByTestId("login-submit")).ToHaveTextAsync("Sign in"); // Neither English nor Polish asked for: English.
    }

    [ChromiumFact]
    public async Task AlarmTime_IsShownInTheBrowsersZone_OrInTheZonePicked()
    {
        await console.CreateUserAsync("tomek", Role.Operator);
        await console.CreateUserAsync("tadmin", Role.Admin);
        using var api = await console.ApiClientAsync("tadmin");
        var alarmId = await PostEventAsync(api, "door_forced", "Door forced, branch office");
        var alarm = await api.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{alarmId}");
        var openedAt = alarm.GetProperty("openedAt").GetDateTimeOffset();

        var warsaw = await OpenAlarmsAsync("tomek", "Europe/Warsaw");
        var newYork = await OpenAlarmsAsync("tomek", "America/New_York");
        var warsawText = Expected(openedAt, "Europe/Warsaw");
        var newYorkText = Expected(openedAt, "America/New_York");
        Assert.NotEqual(warsawText, newYorkText); // Six hours apart whatever the season.
        await Expect(warsaw.Locator($"tr.alarm-{alarmId}").GetByTestId("alarm-opened")).ToHaveTextAsync(warsawText);
        await Expect(newYork.Locator($"tr.alarm-{alarmId}").GetByTestId("alarm-opened")).ToHaveTextAsync(newYorkText);

        // A zone picked in the app bar wins over the browser's, and stays after a reload.
        await newYork.GetByTestId("zone-switch").ClickAsync();
        await newYork.GetByTestId("zone-Asia/Tokyo").ClickAsync();
        var tokyoCell = newYork.Locator($"tr.alarm-{alarmId}").GetByTestId("alarm-opened");
        await Expect(tokyoCell).ToHaveTextAsync(Expected(openedAt, "Asia/Tokyo"));
        await newYork.ReloadAsync();
        await Expect(tokyoCell).ToHaveTextAsync(Expected(openedAt, "Asia/Tokyo"));
        await newYork.GetByTestId("zone-switch").ClickAsync();
        await newYork.GetByTestId("zone-browser").ClickAsync();
        await Expect(tokyoCell).ToHaveTextAsync(newYorkText);
    }

    private static string Expected(DateTimeOffset utc, string zone) =>
        TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime.ToString("g", CultureInfo.GetCultureInfo("en"));

    private async Task<IPage> OpenAlarmsAsync(string username, string zone)
    {
        var page = await console.NewPageAsync(locale: "en-US", timeZoneId: zone);
        await ConsoleServer.SignInAsync(page, username, ConsoleServer.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await page.GotoAsync("/alarms");
        await Expect(page.GetByTestId("alarm-queue")).ToBeVisibleAsync();
        return page;
    }

    private static async Task<long> PostEventAsync(HttpClient api, string code, string message)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/events", new { siteId = 1, deviceId = 1, category = "intrusion", code, priority = "HIGH", message });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alarmId").GetInt64();
    }
}
