using System.Net.Http.Json;
using Microsoft.Playwright;
using Sotp.Collectors.Satel;
using Sotp.Core.Users;
using Sotp.Testing.Satel;
using static Microsoft.Playwright.Assertions;

namespace Sotp.Web.Tests;

/// <summary>The alarm panel section of a device page, against the simulated ETHM-1 the server connects to over loopback.</summary>
public sealed class PanelConsoleTests(ConsoleServer console) : IClassFixture<ConsoleServer>
{
    [ChromiumFact]
    public async Task PanelDevicePage_ShowsVersionsNamesAndLiveState_AndAnAdminOverridesAZonePriority()
    {
        await using var simulator = new Ethm1Simulator();
        simulator.Panel.Name(SatelNameKind.Partition, 1, "Banking hall");
        simulator.Panel.Name(SatelNameKind.Zone, 3, "Front door");
        simulator.Panel.AssignZone(3, 1);
        simulator.Panel.Name(SatelNameKind.Output, 2, "Siren");
        await console.CreateUserAsync("pam", Role.Admin);
        await console.CreateUserAsync("otto", Role.Operator);
        using var api = await console.ApiClientAsync("pam");
        using var created = await api.PostAsJsonAsync("/api/v1/devices", new { siteId = 1, name = "bank panel", kind = "ALARM_PANEL", address = $"127.0.0.1:{simulator.Port}" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<Identified>())!.Id;

        var page = await SignedInAsync("pam");
        await page.GotoAsync($"/devices/{id}");
        var card = page.GetByTestId("panel-card");
        await Expect(card.GetByTestId("panel-connection")).ToHaveTextAsync("CONNECTED");
        await Expect(card.GetByTestId("panel-model")).ToContainTextAsync("firmware");
        await Expect(card.GetByTestId("panel-module")).Not.ToHaveTextAsync("–");
        await Expect(card.GetByTestId("panel-partitions")).ToContainTextAsync("Banking hall");
        var zone = card.Locator("tr", new() { Has = page.GetByTestId("zone-name").GetByText("Front door") });
        await Expect(zone.GetByTestId("zone-state")).ToHaveTextAsync("NORMAL");

        // The panel changes; the page follows without a reload.
        simulator.Panel.ViolateZone(3);
        simulator.Panel.SetOutput(2, on: true);
        await Expect(zone.GetByTestId("zone-state")).ToHaveTextAsync("VIOLATED");
        await Expect(card.GetByTestId("panel-output").Filter(new() { HasText = "Siren" })).ToContainTextAsync("on");

        await zone.GetByTestId("zone-override").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("LOW", new() { Exact = true }).ClickAsync();
        await Expect(zone.GetByTestId("zone-priority")).ToHaveTextAsync("LOW");
        var zones = await api.GetFromJsonAsync<List<Zone>>($"/api/v1/panels/{id}/zones");
        Assert.Equal("LOW", zones!.Single(z => z.Number == 3).PriorityOverride);
        await ConsoleServer.ScreenshotAsync(page, "device-panel.png");

        // An operator sees the same panel but may not change priorities (ControlPanels is MASTER and ADMIN).
        var operatorPage = await SignedInAsync("otto");
        await operatorPage.GotoAsync($"/devices/{id}");
        var operatorZone = operatorPage.GetByTestId("panel-card").Locator("tr", new() { Has = operatorPage.GetByTestId("zone-name").GetByText("Front door") });
        await Expect(operatorZone.GetByTestId("zone-priority")).ToHaveTextAsync("LOW");
        await Expect(operatorPage.GetByTestId("zone-override")).ToHaveCountAsync(0);
    }

    [ChromiumFact]
    public async Task APanelNeverConnected_ShowsUnknown_AndItsStoredZoneOverrides()
    {
        await console.CreateUserAsync("paula", Role.Admin);
        using var api = await console.ApiClientAsync("paula");
        // Nothing listens on the discard port: the worker never gets an answer.
        using var created = await api.PostAsJsonAsync("/api/v1/devices", new { siteId = 1, name = "dead panel", kind = "ALARM_PANEL", address = "127.0.0.1:9", enabled = false });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<Identified>())!.Id;
        using (var set = await api.PutAsJsonAsync($"/api/v1/panels/{id}/zones/7/priority", new { priorityOverride = "MEDIUM" }))
        {
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        }

        var page = await SignedInAsync("paula");
        await page.GotoAsync($"/devices/{id}");
        var card = page.GetByTestId("panel-card");
        await Expect(card.GetByTestId("panel-connection")).ToHaveTextAsync("UNKNOWN");
        await Expect(card.GetByTestId("panel-model")).ToContainTextAsync("not read yet");
        var zone = card.Locator("tr", new() { Has = page.GetByTestId("zone-number").GetByText("7", new() { Exact = true }) });
        await Expect(zone.GetByTestId("zone-state")).ToHaveTextAsync("UNKNOWN");
        await Expect(zone.GetByTestId("zone-priority")).ToHaveTextAsync("MEDIUM");
        await ConsoleServer.ScreenshotAsync(page, "device-panel-unknown.png");
    }

    private async Task<IPage> SignedInAsync(string username)
    {
        var page = await console.NewPageAsync();
        await ConsoleServer.SignInAsync(page, username, ConsoleServer.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        return page;
    }

    private sealed record Identified(long Id);

    private sealed record Zone(int Number, string? PriorityOverride);
}
