using System.Net.Http.Json;
using Microsoft.Playwright;
using Sotp.Core.Users;
using static Microsoft.Playwright.Assertions;

namespace Sotp.Web.Tests;

/// <summary>The overview's problem devices and its site map, in a real browser.</summary>
public sealed class OverviewConsoleTests(ConsoleServer console) : IClassFixture<ConsoleServer>
{
    [ChromiumFact]
    public async Task Overview_ListsTheDeviceWithAnOpenAlarm_AndColoursItsSiteOnTheMap()
    {
        await console.CreateUserAsync("mira", Role.Admin);
        using var api = await console.ApiClientAsync("mira");
        var demo = await api.GetFromJsonAsync<SiteView>("/api/v1/sites/1");
        (await api.PutAsJsonAsync("/api/v1/sites/1", new { name = demo!.Name, version = demo.Version, latitude = 52.23, longitude = 21.01 })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/v1/sites", new { name = "Gdańsk branch", latitude = 54.35, longitude = 18.65 })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/v1/sites", new { name = "Nowhere yet" })).EnsureSuccessStatusCode();
        using var response = await api.PostAsJsonAsync("/api/v1/events",
            new { siteId = 1, deviceId = 1, category = "intrusion", code = "map_test", priority = "HIGH", message = "Window broken" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var page = await console.NewPageAsync();
        await ConsoleServer.SignInAsync(page, "mira", ConsoleServer.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();

        var problem = page.GetByTestId("problem-devices").GetByTestId("problem-device");
        await Expect(problem).ToHaveCountAsync(1);
        await Expect(problem.GetByTestId("problem-device-alarms")).ToHaveTextAsync("1 open alarms");
        var map = page.GetByTestId("site-map");
        await Expect(map.Locator("[data-testid=map-site][data-alarmed=true]")).ToContainTextAsync(demo.Name);
        await Expect(map.Locator("[data-testid=map-site][data-alarmed=false]")).ToContainTextAsync("Gdańsk branch");
        await Expect(page.GetByText("1 sites have no coordinates.")).ToBeVisibleAsync();
        await ConsoleServer.ScreenshotAsync(page, "overview-map.png");
    }

    private sealed record SiteView(string Name, long Version);
}
