using System.Net.Http.Json;
using Microsoft.Playwright;
using Sotp.Core.Users;
using static Microsoft.Playwright.Assertions;

namespace Sotp.Web.Tests;

/// <summary>Escalation policies and escalation-only channels in the administration pages, in a real browser.</summary>
public sealed class EscalationConsoleTests(ConsoleServer console) : IClassFixture<ConsoleServer>
{
    [ChromiumFact]
    public async Task Admin_CreatesEditsAndDeletesAnEscalationPolicy_AndAStaleSaveIsRefused()
    {
        await console.CreateUserAsync("eve", Role.Admin);
        using var api = await console.ApiClientAsync("eve");
        var secret = await PostAsync(api, "/api/v1/secrets", new { name = "hook key", kind = "OTHER", value = "a signing key of some length" });
        await PostAsync(api, "/api/v1/notification-channels",
            new { name = "Shift lead", kind = "WEBHOOK", url = "http://127.0.0.1:9/lead", secretId = secret.Id, escalationOnly = true });
        await PostAsync(api, "/api/v1/notification-channels", new { name = "Supervisor", kind = "WEBHOOK", url = "http://127.0.0.1:9/sup", secretId = secret.Id });
        var page = await console.NewPageAsync();
        await ConsoleServer.SignInAsync(page, "eve", ConsoleServer.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();

        // The channel made escalation-only through the API says so in its row and its form.
        await page.GetByRole(AriaRole.Link, new() { Name = "Notification channels" }).ClickAsync();
        var lead = page.Locator("tr", new() { Has = page.GetByTestId("channel-row-name").GetByText("Shift lead") });
        await Expect(lead.GetByTestId("channel-row-escalation-only")).ToBeVisibleAsync();
        await lead.GetByTestId("channel-edit").ClickAsync();
        await Expect(page.GetByLabel("Escalations only")).ToBeCheckedAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Escalation policies" }).ClickAsync();
        await Expect(page.GetByText("No escalation policies")).ToBeVisibleAsync();
        await page.GetByTestId("new-policy").ClickAsync();
        await page.GetByTestId("policy-name").FillAsync("Night escalation");
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(page.GetByText("channelId is a notification channel id")).ToBeVisibleAsync();
        await PickAsync(page, page.GetByTestId("step-channel").First, "Shift lead");
        await page.GetByTestId("step-add").ClickAsync();
        await page.GetByTestId("step-after").Nth(1).FillAsync("3");
        await PickAsync(page, page.GetByTestId("step-channel").Nth(1), "Supervisor");
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(page.GetByText("later than the step before (5)")).ToBeVisibleAsync();
        await page.GetByTestId("step-after").Nth(1).FillAsync("15");
        await page.GetByTestId("policy-repeat-every").FillAsync("10");
        await page.GetByTestId("policy-repeat-count").FillAsync("3");
        await Expect(page.GetByText("later than the step before (5)")).Not.ToBeVisibleAsync(); // Gone once the field was changed.
        await ConsoleServer.ScreenshotAsync(page, "escalation-form.png");
        await page.GetByTestId("policy-save").ClickAsync();

        var row = page.Locator("tr", new() { Has = page.GetByTestId("policy-row-name").GetByText("Night escalation") });
        await Expect(row.GetByTestId("policy-row-step")).ToHaveTextAsync(["after 5 min → Shift lead", "after 15 min → Supervisor"]);
        await Expect(row).ToContainTextAsync("every 10 min × 3");
        await Expect(row).ToContainTextAsync("All sites");

        // Someone else changes it while the form is open: the save is refused, nothing is overwritten.
        await row.GetByTestId("policy-edit").ClickAsync();
        var policies = await api.GetFromJsonAsync<List<Policy>>("/api/v1/escalation-policies");
        var stored = Assert.Single(policies!);
        using (var update = await api.PutAsJsonAsync($"/api/v1/escalation-policies/{stored.Id}", new
               {
                   name = "Night escalation", version = stored.Version, minPriority = "CRITICAL",
                   steps = new[] { new { afterMinutes = 7, channelId = stored.Steps[0].ChannelId } },
               }))
        {
            update.EnsureSuccessStatusCode();
        }

        await PickAsync(page, page.GetByTestId("policy-site"), "Demo");
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(page.GetByTestId("policy-error")).ToContainTextAsync("Data changed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await page.ReloadAsync();
        await Expect(row.GetByTestId("policy-row-step")).ToHaveTextAsync(["after 7 min → Shift lead"]);
        await row.GetByTestId("policy-edit").ClickAsync();
        await PickAsync(page, page.GetByTestId("policy-site"), "Demo");
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(row).ToContainTextAsync("Demo");
        await ConsoleServer.ScreenshotAsync(page, "escalations.png");

        await row.GetByTestId("policy-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        Assert.Empty((await api.GetFromJsonAsync<List<Policy>>("/api/v1/escalation-policies"))!);
    }

    private static async Task PickAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option).First.ClickAsync();
    }

    private static async Task<Policy> PostAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Policy>())!;
    }

    /// <summary>What the test reads of a policy (also of a secret or channel: their id).</summary>
    private sealed record Policy(long Id, long Version, IReadOnlyList<Step> Steps);

    private sealed record Step(long ChannelId);
}
