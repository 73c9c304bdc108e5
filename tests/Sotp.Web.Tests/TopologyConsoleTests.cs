using System.Net.Http.Json;
using Microsoft.Playwright;
using Sotp.Core.Users;
using static Microsoft.Playwright.Assertions;

namespace Sotp.Web.Tests;

/// <summary>The topology page: devices and their declared links drawn as a graph, coloured by live status, filtered by site.</summary>
public sealed class TopologyConsoleTests(TopologyConsoleTests.IcmpConsoleServer console) : IClassFixture<TopologyConsoleTests.IcmpConsoleServer>
{
    [ChromiumFact]
    public async Task Topology_DrawsDevicesAndParentLinks_ColouredLive_AndFiltersBySite()
    {
        await console.CreateUserAsync("nina", Role.Admin);
        using var api = await console.ApiClientAsync("nina");
        var warehouse = await PostAsync(api, "/api/v1/sites", new { name = "Warehouse" });
        // Loopback answers ICMP: the router goes UP at its first probes (every 5 s), and the page follows without a reload.
        var router = await PostAsync(api, "/api/v1/devices", new { siteId = warehouse, name = "edge-router", kind = "ROUTER", address = "127.0.0.1", icmpIntervalSeconds = 5 });
        var core = await PostAsync(api, "/api/v1/devices", new { siteId = warehouse, name = "core-switch", kind = "SWITCH", address = "127.0.0.2", parentId = router, enabled = false });
        await PostAsync(api, "/api/v1/devices", new { siteId = warehouse, name = "dock-camera", kind = "SENSOR", address = "127.0.0.3", parentId = core, enabled = false });
        await PostAsync(api, "/api/v1/devices", new { siteId = warehouse, name = "label-printer", kind = "OTHER", address = "127.0.0.4", enabled = false });

        var page = await console.NewPageAsync();
        await ConsoleServer.SignInAsync(page, "nina", ConsoleServer.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Topology" }).ClickAsync();
        await Expect(page.GetByTestId("topology-node")).ToHaveCountAsync(5); // With the demo site's device.

        await page.GetByTestId("topology-site").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Warehouse").ClickAsync();
        await Expect(page.GetByTestId("topology-node")).ToHaveCountAsync(4);
        await Expect(page.Locator("[data-testid=topology-link][data-kind=PARENT]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=topology-node][data-name=core-switch]")).ToHaveAttributeAsync("data-status", "UNKNOWN");
        await Expect(page.Locator("[data-testid=topology-node][data-name=edge-router]")).ToHaveAttributeAsync("data-status", "UP");
        await ConsoleServer.ScreenshotAsync(page, "topology.png");

        await page.Locator("[data-testid=topology-node][data-name=dock-camera]").ClickAsync();
        await Expect(page.GetByTestId("device-title")).ToHaveTextAsync("dock-camera");
    }

    private static async Task<long> PostAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Identified>())!.Id;
    }

    private sealed record Identified(long Id);

    /// <summary>A console server that pings its devices (the others do not): every device here has a loopback address.</summary>
    public sealed class IcmpConsoleServer : ConsoleServer
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Icmp:Enabled"] = "true" };
    }
}
