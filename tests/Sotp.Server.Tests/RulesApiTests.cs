using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class RulesApiTests
{
    private static object Rtt(string name = "High RTT", double threshold = 80, long? version = null) => new
    {
        name, metric = "icmp.rtt_ms", scope = "DEVICE", scopeId = 1, condition = "ABOVE", threshold, clearThreshold = 70, forSeconds = 60,
        code = "rtt_high", priority = "HIGH", messageTemplate = "{device}: {value} ms", version,
    };

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnAdmin_CreatesReadsUpdatesAndDeletesARule_WithHistory(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);

        using var created = await admin.PostAsJsonAsync("/api/v1/rules", Rtt());
        var rule = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = rule.GetProperty("id").GetInt64();
        using var updated = await admin.PutAsJsonAsync($"/api/v1/rules/{id}", Rtt(threshold: 120, version: 1));
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/rules");
        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/rules/{id}");
        using var deleted = await admin.DeleteAsync($"/api/v1/rules/{id}?version=2");
        using var gone = await admin.GetAsync($"/api/v1/rules/{id}");
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/rules/{id}/history");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(("DEVICE", "ABOVE", "HIGH", true), (rule.GetProperty("scope").GetString(), rule.GetProperty("condition").GetString(),
            rule.GetProperty("priority").GetString(), rule.GetProperty("enabled").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(1, list.GetArrayLength());
        Assert.Equal((120.0, 2L), (read.GetProperty("threshold").GetDouble(), read.GetProperty("version").GetInt64()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(["created", "updated", "deleted"], history.EnumerateArray().Select(h => h.GetProperty("change").GetString()));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task BadRules_StaleVersions_AndUnknownScopes_GetStableCodes(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("admin2", Role.Admin);
        using var created = await admin.PostAsJsonAsync("/api/v1/rules", Rtt());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        using var invalid = await admin.PostAsJsonAsync("/api/v1/rules", new { name = "x", metric = "icmp.rtt_ms", scope = "ALL_DEVICES", condition = "ABOVE", threshold = 80, clearThreshold = 90, code = "c" });
        using var duplicate = await admin.PostAsJsonAsync("/api/v1/rules", Rtt("HIGH rtt"));
        using var unknownDevice = await admin.PostAsJsonAsync("/api/v1/rules", new { name = "y", metric = "icmp.rtt_ms", scope = "DEVICE", scopeId = 999, condition = "ABOVE", threshold = 80, code = "c" });
        await admin.PutAsJsonAsync($"/api/v1/rules/{id}", Rtt(threshold: 90, version: 1));
        using var stale = await admin.PutAsJsonAsync($"/api/v1/rules/{id}", Rtt(threshold: 100, version: 1));
        using var staleDelete = await admin.DeleteAsync($"/api/v1/rules/{id}?version=1");
        using var noVersion = await admin.PutAsJsonAsync($"/api/v1/rules/{id}", Rtt());

        var problem = await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("clearThreshold", out _));
        await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict, "conflict");
        await ProblemAssert.IsProblemAsync(unknownDevice, HttpStatusCode.UnprocessableEntity, "unknown_reference");
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "version_conflict");
        await ProblemAssert.IsProblemAsync(staleDelete, HttpStatusCode.Conflict, "version_conflict");
        await ProblemAssert.IsProblemAsync(noVersion, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Operators_ReadRules_ButOnlyManagersChangeThem()
    {
        await using var server = await InMemoryServer.StartAsync();
        var operatorClient = await server.SignedInAsync("anna", Role.Operator);
        var fieldWorker = await server.SignedInAsync("fred", Role.FieldWorker);

        using var read = await operatorClient.GetAsync("/api/v1/rules");
        using var create = await operatorClient.PostAsJsonAsync("/api/v1/rules", Rtt());
        using var fieldRead = await fieldWorker.GetAsync("/api/v1/rules");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(fieldRead, HttpStatusCode.Forbidden, "forbidden");
    }
}
