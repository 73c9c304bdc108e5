using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Sotp.Core.Users;
using Sotp.Testing.Snmp;
using static Microsoft.Playwright.Assertions;

namespace Sotp.Web.Tests;

/// <summary>
/// The discovery page against real peers on loopback: 127.0.0.0/30 holds 127.0.0.1 (the demo device's address) and
/// 127.0.0.2, each with a net-snmp agent on one port; the server sweeps them with its ICMP engine and asks them over SNMP.
/// </summary>
public sealed class DiscoveryConsoleTests(DiscoveryConsoleTests.SnmpConsoleServer console) : IClassFixture<DiscoveryConsoleTests.SnmpConsoleServer>
{
    [ChromiumFact]
    public async Task Admin_StartsADiscovery_SeesItsProgressAndResults_AddsTheNewDevice_AndGoesOnToTheTopology()
    {
        await console.CreateUserAsync("dora", Role.Admin);
        using var api = await console.ApiClientAsync("dora");
        using var secret = await api.PostAsJsonAsync("/api/v1/secrets", new { name = "lab community", kind = "SNMP_COMMUNITY", siteId = 1, value = SnmpdServer.Community });
        Assert.True(secret.IsSuccessStatusCode, await secret.Content.ReadAsStringAsync());

        var page = await console.NewPageAsync();
        await ConsoleServer.SignInAsync(page, "dora", ConsoleServer.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Discovery" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Discovery", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("discovery-no-jobs")).ToBeVisibleAsync();

        // A second credential set, as SNMPv3, shows the v3 fields; removed again, the form is back to one set.
        await page.GetByTestId("discovery-add-credentials").ClickAsync();
        var second = page.GetByTestId("discovery-credentials").Nth(1);
        await second.GetByTestId("discovery-snmp-version").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("V3", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Expect(second.GetByTestId("discovery-v3-user")).ToBeVisibleAsync();
        await ConsoleServer.ScreenshotAsync(page, "discovery-v3.png");
        await second.GetByRole(AriaRole.Button, new() { Name = "Remove this credential set" }).ClickAsync();
        await Expect(page.GetByTestId("discovery-credentials")).ToHaveCountAsync(1);

        // A block that is not one is refused under its field, and nothing starts.
        await page.GetByTestId("discovery-cidr").FillAsync("127.0.0/30");
        await page.GetByTestId("discovery-start").ClickAsync();
        await Expect(page.GetByText("cidr is an IPv4 block")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("discovery-job")).ToHaveCountAsync(0);

        await page.GetByTestId("discovery-cidr").FillAsync(SnmpConsoleServer.Block);
        await page.GetByTestId("discovery-community").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("lab community").ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0); // The list closed: the choice is in the form.
        await page.GetByTestId("discovery-start").ClickAsync();

        var job = page.GetByTestId("discovery-job");
        await Expect(job.GetByTestId("discovery-job-title")).ToHaveTextAsync($"Discovery of {SnmpConsoleServer.Block}");
        await Expect(job.GetByTestId("discovery-status")).ToHaveAttributeAsync("data-status", "DONE");
        await Expect(job.GetByTestId("discovery-counts")).ToHaveTextAsync("2 of 2 addresses swept, 2 answered, 2 asked over SNMP.");
        var known = job.Locator("[data-testid=discovery-proposal][data-address='127.0.0.1']");
        var found = job.Locator("[data-testid=discovery-proposal][data-address='127.0.0.2']");
        await Expect(known.GetByTestId("discovery-sysname")).ToHaveTextAsync(SnmpConsoleServer.KnownName);
        await Expect(known.GetByTestId("discovery-device")).ToHaveTextAsync("in the inventory");
        await Expect(found.GetByTestId("discovery-sysname")).ToHaveTextAsync(SnmpConsoleServer.NewName);
        await Expect(found).ToContainTextAsync("Net-SNMP");
        await Expect(found).ToContainTextAsync("set 1");
        await Expect(job.GetByTestId("discovery-no-links")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("discovery-job-row")).ToHaveCountAsync(1);
        await ConsoleServer.ScreenshotAsync(page, "discovery.png");

        await Expect(job.GetByTestId("discovery-accept")).ToBeDisabledAsync();
        await found.GetByTestId("discovery-choose").ClickAsync();
        await job.GetByTestId("discovery-accept").ClickAsync();
        await Expect(found.GetByTestId("discovery-created")).ToBeVisibleAsync();
        await Expect(job.GetByTestId("discovery-accept")).ToHaveCountAsync(0); // Nothing new is left to add.
        await ConsoleServer.ScreenshotAsync(page, "discovery-accepted.png");

        await job.GetByTestId("discovery-to-topology").ClickAsync();
        await Expect(page.Locator($"[data-testid=topology-node][data-name={SnmpConsoleServer.NewName}]")).ToBeVisibleAsync();

        // The same job in Polish, from the list of recent discoveries.
        var polish = await console.NewPageAsync(locale: "pl-PL");
        await ConsoleServer.SignInAsync(polish, "dora", ConsoleServer.Password);
        await Expect(polish.GetByRole(AriaRole.Heading, new() { Name = "Przegląd" })).ToBeVisibleAsync();
        await polish.GetByRole(AriaRole.Link, new() { Name = "Wykrywanie", Exact = true }).ClickAsync();
        await Expect(polish.GetByRole(AriaRole.Heading, new() { Name = "Wykrywanie", Exact = true })).ToBeVisibleAsync();
        await Expect(polish.GetByTestId("discovery-job").GetByTestId("discovery-status")).ToHaveTextAsync("Zakończone");
        await Expect(polish.GetByTestId("discovery-job")).ToContainTextAsync("Znalezione urządzenia");
        await ConsoleServer.ScreenshotAsync(polish, "discovery-pl.png");
    }

    [ChromiumFact]
    public async Task AnOperator_HasNoDiscoveryEntry_AndTheAddressSendsThemBack()
    {
        await console.CreateUserAsync("otto", Role.Operator);
        var page = await console.NewPageAsync();
        await ConsoleServer.SignInAsync(page, "otto", ConsoleServer.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Discovery" })).ToHaveCountAsync(0);
        await page.GotoAsync("/admin/discovery");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
    }

    /// <summary>A console server whose SNMP port is that of two agents started first, on 127.0.0.1 and 127.0.0.2.</summary>
    public sealed class SnmpConsoleServer : ConsoleServer, IAsyncLifetime
    {
        public const string Block = "127.0.0.0/30";
        public const string KnownName = "disc-console-known";
        public const string NewName = "disc-console-new";

        private static readonly IPAddress NewAddress = IPAddress.Parse("127.0.0.2");

        private readonly int _port = SnmpdServer.FreeUdpPort(IPAddress.Loopback);
        private SnmpdServer? _known;
        private SnmpdServer? _new;

        protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Snmp:Port"] = _port.ToString(CultureInfo.InvariantCulture),
            // The sweep ends within a second or so: agents on loopback answer at once or not at all.
            ["Snmp:TimeoutMilliseconds"] = "500",
            ["Snmp:Retries"] = "0",
        };

        async Task IAsyncLifetime.InitializeAsync()
        {
            _known = SnmpdServer.On(IPAddress.Loopback, _port, KnownName);
            _new = SnmpdServer.On(NewAddress, _port, NewName);
            await _known.InitializeAsync();
            await _new.InitializeAsync();
            await InitializeAsync();
        }

        async Task IAsyncLifetime.DisposeAsync()
        {
            await DisposeAsync();
            foreach (var agent in new[] { _known, _new })
            {
                if (agent is not null)
                {
                    await agent.DisposeAsync();
                }
            }
        }
    }
}
