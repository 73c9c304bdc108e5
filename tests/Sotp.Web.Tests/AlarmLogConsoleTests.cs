using System.Net.Http.Json;
using Sotp.Core.Users;
using static Microsoft.Playwright.Assertions;

namespace Sotp.Web.Tests;

/// <summary>The dispatch log of the selected alarm in the queue: read, written, and kept live across consoles.</summary>
public sealed class AlarmLogConsoleTests(ConsoleServer console) : IClassFixture<ConsoleServer>
{
    [ChromiumFact]
    public async Task SelectedAlarm_ShowsItsLog_AnOperatorAddsAnEntry_AndAnotherConsoleSeesItLive()
    {
        await console.CreateUserAsync("lena", Role.Operator);
        await console.CreateUserAsync("lars", Role.Operator);
        await console.CreateUserAsync("eve", Role.Admin);
        using var api = await console.ApiClientAsync("eve");
        var lena = await console.OpenAlarmsAsync("lena");
        var lars = await console.OpenAlarmsAsync("lars");

        using var response = await api.PostAsJsonAsync("/api/v1/events",
            new { siteId = 1, deviceId = 1, category = "intrusion", code = "log_test", priority = "HIGH", message = "Back door forced" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var alarmId = (await response.Content.ReadFromJsonAsync<EventOutcome>())!.AlarmId!.Value;

        await lena.Locator($"tr.alarm-{alarmId} [data-testid=alarm-title]").ClickAsync();
        await lars.Locator($"tr.alarm-{alarmId} [data-testid=alarm-title]").ClickAsync();
        var lenaLog = lena.GetByTestId("alarm-log");
        await Expect(lenaLog).ToContainTextAsync("Back door forced");
        await Expect(lenaLog.GetByTestId("alarm-log-add")).ToBeDisabledAsync(); // Nothing typed yet.

        await lenaLog.GetByTestId("alarm-log-input").FillAsync("Called the site guard, no answer.");
        await lenaLog.GetByTestId("alarm-log-add").ClickAsync();
        var note = lenaLog.GetByTestId("alarm-log-entry").Filter(new() { HasText = "Called the site guard, no answer." });
        await Expect(note).ToContainTextAsync("lena");
        await Expect(note).ToHaveAttributeAsync("data-kind", "Note");
        await Expect(lenaLog.GetByTestId("alarm-log-input")).ToHaveValueAsync("");

        // Lars had the same alarm open: the note arrives with the alarm's new version on the live feed.
        await Expect(lars.GetByTestId("alarm-log").GetByTestId("alarm-log-text")).ToContainTextAsync(["Called the site guard, no answer."]);
        await ConsoleServer.ScreenshotAsync(lena, "alarm-log.png");

        var log = await api.GetFromJsonAsync<List<LogEntry>>($"/api/v1/alarms/{alarmId}/log");
        Assert.Contains(log!, entry => entry is { Kind: "NOTE", ActorName: "lena" } && entry.Text.EndsWith("Called the site guard, no answer.", StringComparison.Ordinal));
    }

    private sealed record EventOutcome(long? AlarmId);

    private sealed record LogEntry(string Kind, string ActorName, string Text);
}
