using Microsoft.Playwright;
using Sotp.Core.Series;
using Sotp.Core.Users;
using static Microsoft.Playwright.Assertions;

namespace Sotp.Web.Tests;

/// <summary>The inventory pages in a real browser against the real server: device and site CRUD, contacts, charts.</summary>
public sealed class InventoryPagesTests(ConsoleServer console) : IClassFixture<ConsoleServer>
{
    [ChromiumFact]
    public async Task Device_IsCreatedEditedAndDeleted_AndAStaleEditSaysDataChanged()
    {
        await console.CreateUserAsync("dana", Role.Admin);
        var page = await SignedInAsync("dana");

        await page.GotoAsync("/devices/new");
        await page.GetByTestId("device-site").ClickAsync(); // Other tests of this class add sites: none is preselected then.
        await page.Locator(".mud-popover-open").GetByText("Demo site").ClickAsync();
        await page.GetByTestId("device-name-input").FillAsync("edge-rtr-07");
        await page.GetByTestId("device-address").FillAsync("10.7.0.1");
        await page.GetByTestId("device-create").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "edge-rtr-07" }).ClickAsync();
        await Expect(page.GetByTestId("device-title")).ToHaveTextAsync("edge-rtr-07");
        await Expect(page.GetByTestId("history-change")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("create", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        var deviceUrl = page.Url;

        // A second console opens the form at the same version; the first saves, so the second's save is stale.
        var other = await SignedInAsync("dana");
        await other.GotoAsync(deviceUrl + "/edit");
        await Expect(other.GetByTestId("device-name-input")).ToHaveValueAsync("edge-rtr-07");

        await page.GetByTestId("device-edit").ClickAsync();
        await page.GetByTestId("device-address").FillAsync("not an address!");
        await page.GetByTestId("device-save").ClickAsync();
        await Expect(page.GetByText("address is an IPv4 or IPv6 address or a host name.")).ToBeVisibleAsync();
        await page.GetByTestId("device-address").FillAsync("10.7.0.2");
        await page.GetByTestId("device-model").FillAsync("MX204");
        await page.GetByTestId("device-save").ClickAsync();
        await Expect(page.GetByTestId("device-address-text")).ToHaveTextAsync("10.7.0.2");
        await Expect(page.GetByTestId("history")).ToContainTextAsync("address: 10.7.0.1 → 10.7.0.2");

        await other.GetByTestId("device-model").FillAsync("stale edit");
        await other.GetByTestId("device-save").ClickAsync();
        await Expect(other.GetByTestId("conflict")).ToContainTextAsync("Data changed — refresh");
        await ConsoleServer.ScreenshotAsync(other, "device-conflict.png");
        await other.GetByTestId("refresh").ClickAsync();
        await Expect(other.GetByTestId("device-model")).ToHaveValueAsync("MX204");
        await Expect(other.GetByTestId("conflict")).ToHaveCountAsync(0);

        await ConsoleServer.ScreenshotAsync(page, "device-page.png");
        await DeleteAndSearchAsync(page, "device", "edge-rtr-07");
    }

    [ChromiumFact]
    public async Task Site_IsCreatedWithAnOrderedCallList_ThenEditedAndDeleted()
    {
        await console.CreateUserAsync("sam", Role.Admin);
        await console.CreateUserAsync("rita", Role.ReadOnly);
        var page = await SignedInAsync("sam");

        await page.GotoAsync("/sites");
        await page.GetByTestId("new-site").ClickAsync();
        await page.GetByTestId("site-save").ClickAsync();
        await Expect(page.GetByText("name is required, at most 200 characters.")).ToBeVisibleAsync();
        await page.GetByTestId("site-name-input").FillAsync("Warehouse Łódź");
        await page.GetByTestId("site-type").FillAsync("warehouse");
        await page.GetByTestId("site-address").FillAsync("ul. Piotrkowska 1, Łódź");
        await page.GetByTestId("site-latitude").FillAsync("51.77");
        await page.GetByTestId("site-save").ClickAsync();
        await Expect(page.GetByText("latitude and longitude come together.")).ToBeVisibleAsync();
        await page.GetByTestId("site-longitude").FillAsync("19.46");
        await page.GetByTestId("site-save").ClickAsync();
        await Expect(page.GetByTestId("site-title")).ToHaveTextAsync("Warehouse Łódź");

        await AddContactAsync(page, "Jan Kowalski", "+48 600 100 200");
        await AddContactAsync(page, "Anna Nowak", "+48 600 300 400");
        await page.GetByTestId("contact-name-input").FillAsync("No Phone");
        await page.GetByTestId("contact-phones-input").FillAsync("call me");
        await page.GetByTestId("contact-add").ClickAsync();
        await Expect(page.GetByText("phones: up to 5 numbers of digits, spaces, '+', '-', '(' and ')'.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("contact-name")).ToHaveTextAsync(["Jan Kowalski", "Anna Nowak"]);
        await page.GetByTestId("contact").Nth(1).GetByTestId("contact-up").ClickAsync();
        await Expect(page.GetByTestId("contact-name")).ToHaveTextAsync(["Anna Nowak", "Jan Kowalski"]);

        await page.GetByTestId("procedure-category-input").FillAsync("intrusion");
        await page.GetByTestId("procedure-steps-input").FillAsync("Call the first contact\nSend a guard");
        await page.GetByTestId("procedure-add").ClickAsync();
        await Expect(page.GetByTestId("procedure-category")).ToHaveTextAsync("intrusion");

        await page.GetByTestId("service-switch").CheckAsync();
        await page.GetByTestId("service-reason").FillAsync("Alarm system upgrade");
        await page.GetByTestId("service-start").ClickAsync();
        await Expect(page.GetByTestId("service-mode-on")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("history")).ToContainTextAsync("now: Anna Nowak, Jan Kowalski");
        await ConsoleServer.ScreenshotAsync(page, "site-page.png");
        await page.SetViewportSizeAsync(390, 844);
        await ConsoleServer.ScreenshotAsync(page, "site-page-phone.png");
        await page.SetViewportSizeAsync(1280, 800);
        var siteUrl = page.Url;

        // The stored call list is in the new order, and a read-only user sees it without any of the buttons.
        var reader = await SignedInAsync("rita");
        await reader.GotoAsync(siteUrl);
        await Expect(reader.GetByTestId("contact-name")).ToHaveTextAsync(["Anna Nowak", "Jan Kowalski"]);
        await Expect(reader.GetByTestId("site-edit")).ToHaveCountAsync(0);
        await Expect(reader.GetByTestId("contact-add")).ToHaveCountAsync(0);
        await Expect(reader.GetByTestId("contact-up")).ToHaveCountAsync(0);
        await Expect(reader.GetByTestId("service-switch")).ToHaveCountAsync(0);

        await page.GetByTestId("contact").First.GetByTestId("contact-remove").ClickAsync();
        await Expect(page.GetByTestId("contact-name")).ToHaveTextAsync(["Jan Kowalski"]);

        await page.GetByTestId("site-edit").ClickAsync();
        await page.GetByTestId("site-name-input").FillAsync("Warehouse Łódź North");
        await page.GetByTestId("site-save").ClickAsync();
        await Expect(page.GetByTestId("site-title")).ToHaveTextAsync("Warehouse Łódź North");
        await Expect(page.GetByTestId("service-mode-on")).ToBeVisibleAsync(); // The edit form kept the service mode.

        await page.GotoAsync("/sites");
        await page.GetByTestId("site-search").FillAsync("łódź");
        await Expect(page.GetByTestId("site-name")).ToHaveTextAsync(["Warehouse Łódź North"]);
        await ConsoleServer.ScreenshotAsync(page, "sites.png");
        await page.GetByTestId("site-name").ClickAsync();
        await DeleteAndSearchAsync(page, "site", "łódź");
    }

    [ChromiumFact]
    public async Task DevicePage_ChartsTheStoredSeries_RawForAnHour_RollUpsForAWeek()
    {
        await console.CreateUserAsync("nina", Role.Operator);
        var now = DateTimeOffset.UtcNow;
        var points = new List<SeriesPoint>();
        for (var minute = 1; minute <= 50; minute++)
        {
            var at = now.AddMinutes(-minute);
            points.Add(new SeriesPoint(new SeriesKey(1, "icmp.rtt_ms"), at, 2 + (minute % 7)));
            points.Add(new SeriesPoint(new SeriesKey(1, "icmp.loss_pct"), at, minute % 10 == 0 ? 33.3 : 0));
            points.Add(new SeriesPoint(new SeriesKey(1, "snmp.cpu_percent"), at, 20 + (minute % 5)));
        }

        await console.AppendSeriesAsync(points);
        var page = await SignedInAsync("nina");
        await page.GotoAsync("/devices/1");

        await Expect(page.GetByTestId("chart-rtt-points")).ToHaveTextAsync("50 points · raw");
        await Expect(page.GetByTestId("chart-rtt").Locator("path.mud-chart-serie, path.mud-chart-line").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart-host-points")).ToHaveTextAsync("50 points · raw");
        await Expect(page.GetByTestId("chart-traffic-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("device-edit")).ToHaveCountAsync(0); // An operator reads the inventory, does not change it.
        await ConsoleServer.ScreenshotAsync(page, "device-charts.png");

        await page.GetByTestId("range-7d").ClickAsync();
        await Expect(page.GetByTestId("chart-rtt-points")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ points · 5-minute averages$"));

        await page.SetViewportSizeAsync(390, 844);
        await page.GetByTestId("range-1h").ClickAsync();
        await Expect(page.GetByTestId("chart-rtt-points")).ToHaveTextAsync("50 points · raw");
        await ConsoleServer.ScreenshotAsync(page, "device-charts-phone.png");
    }

    private async Task<IPage> SignedInAsync(string username)
    {
        var page = await console.NewPageAsync();
        await ConsoleServer.SignInAsync(page, username, ConsoleServer.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Deletes the entity of the page open (confirming the dialog), and searches its list for it in vain.</summary>
    private static async Task DeleteAndSearchAsync(IPage page, string entity, string search)
    {
        await page.GetByTestId($"{entity}-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/{entity}s$"));
        await page.GetByTestId($"{entity}-search").FillAsync(search);
        await Expect(page.GetByText($"No {entity}s match.")).ToBeVisibleAsync();
    }

    private static async Task AddContactAsync(IPage page, string name, string phone)
    {
        var count = await page.GetByTestId("contact").CountAsync();
        await page.GetByTestId("contact-name-input").FillAsync(name);
        await page.GetByTestId("contact-phones-input").FillAsync(phone);
        await page.GetByTestId("contact-add").ClickAsync();
        await Expect(page.GetByTestId("contact")).ToHaveCountAsync(count + 1);
    }
}
