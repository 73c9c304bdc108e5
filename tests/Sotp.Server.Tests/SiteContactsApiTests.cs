using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class SiteContactsApiTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task TheCallList_KeepsItsOrder_BumpsTheSiteVersion_AndLinksAVerificationSecret(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        using var secret = await admin.PostAsJsonAsync("/api/v1/secrets", new { name = "hasło kierownika", kind = "CONTACT_PASSWORD", siteId = 1, value = "Tulipan" });
        var secretId = (await secret.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var contacts = new object[]
        {
            new { name = "Jan Kowalski", role = "kierownik", phones = new[] { "+48 600 100 200" }, email = "jan@example.pl", verificationSecretId = secretId },
            new { name = "Ochrona", phones = new[] { "58 123 45 67", "+48 601 000 000" } },
        };

        using var replaced = await admin.PutAsJsonAsync("/api/v1/sites/1/contacts", new { contacts, version = 1 });
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/sites/1/contacts");
        using var stale = await admin.PutAsJsonAsync("/api/v1/sites/1/contacts", new { contacts, version = 1 });

        Assert.Equal(2, (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());
        Assert.Equal(["Jan Kowalski", "Ochrona"], list.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(secretId, list[0].GetProperty("verificationSecretId").GetInt64());
        Assert.DoesNotContain("Tulipan", list.ToString());
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "version_conflict");
    }

    [Fact]
    public async Task BadContacts_AreReportedPerEntryAndField()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);

        using var response = await admin.PutAsJsonAsync("/api/v1/sites/1/contacts", new
        {
            contacts = new object[] { new { name = "OK", phones = new[] { "112" } }, new { name = "", phones = new[] { "call me" } }, new { name = "X", phones = new[] { "abc" }, verificationSecretId = 999 } },
            version = 1,
        });
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal(["contacts[1].name", "contacts[2].phones"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Procedures_AreOrderedStepsPerCategory()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        var procedures = new[]
        {
            new { category = "BURGLARY", steps = new[] { "Sprawdź kamery", "Zadzwoń do kontaktu 1", "Wezwij patrol" } },
            new { category = "FIRE", steps = new[] { "Zadzwoń 112" } },
        };

        using var replaced = await admin.PutAsJsonAsync("/api/v1/sites/1/procedures", new { procedures, version = 1 });
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/sites/1/procedures");
        var history = await admin.GetFromJsonAsync<JsonElement>("/api/v1/sites/1/history");

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(["Sprawdź kamery", "Zadzwoń do kontaktu 1", "Wezwij patrol"], list[0].GetProperty("steps").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("procedures_replaced", history.EnumerateArray().Last().GetProperty("change").GetString());
    }
}
