using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class SecretsApiTests
{
    private const string Community = "s3cr3t-community-7731";

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AValue_IsStoredEncrypted_NeverListed_AndRevealedWithAReasonAndExpiry(StoreProvider provider)
    {
        await using var server = await InMemoryServer.StartAsync(provider);
        var admin = await server.SignedInAsync("adm", Role.Admin);

        using var created = await admin.PostAsJsonAsync("/api/v1/secrets", new { name = "core-sw1 community", kind = "SNMP_COMMUNITY", siteId = 1, value = Community });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var createdText = await created.Content.ReadAsStringAsync();
        var listText = await admin.GetStringAsync("/api/v1/secrets");
        using var reveal = await admin.PostAsJsonAsync($"/api/v1/secrets/{id}/reveal", new { reason = "checking SNMP on core-sw1" });
        var revealed = await reveal.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(Community, createdText);
        Assert.Contains("core-sw1 community", listText);
        Assert.DoesNotContain(Community, listText);
        Assert.Equal(Community, revealed.GetProperty("value").GetString());
        var expiresIn = revealed.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(expiresIn.TotalSeconds, 50, 61);
        Assert.DoesNotContain(Community, await StoreSnapshot.TakeAsync(server.Store.Get<Store>()));
        var audit = await server.Store.Get<Sotp.Core.Audit.IAuditLog>().ListAsync(new(Action: "secret.revealed"), CancellationToken.None);
        Assert.Equal("checking SNMP on core-sw1", Assert.Single(audit.Items).Detail);
    }

    [Fact]
    public async Task Reveal_WithoutAGoodReason_IsRefused()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("adm", Role.Admin);
        var id = await CreateSecretAsync(admin, siteId: null);

        using var none = await admin.PostAsJsonAsync($"/api/v1/secrets/{id}/reveal", new { });
        using var tooShort = await admin.PostAsJsonAsync($"/api/v1/secrets/{id}/reveal", new { reason = "why" });

        await ProblemAssert.IsProblemAsync(none, HttpStatusCode.BadRequest, "validation_failed");
        var problem = await ProblemAssert.IsProblemAsync(tooShort, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task AnOperator_MayRevealTenAnHour_ThenGets429_UntilTheHourPasses()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await InMemoryServer.StartAsync(StoreProvider.Sqlite, time);
        var admin = await server.SignedInAsync("adm", Role.Admin);
        var id = await CreateSecretAsync(admin, siteId: null);
        var operatorClient = await server.SignedInAsync("op", Role.Operator);

        for (var i = 0; i < 10; i++)
        {
            using var ok = await operatorClient.PostAsJsonAsync($"/api/v1/secrets/{id}/reveal", new { reason = $"alarm call {i}" });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await operatorClient.PostAsJsonAsync($"/api/v1/secrets/{id}/reveal", new { reason = "alarm call 11" });
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests, "reveal_limit_reached");

        time.Advance(TimeSpan.FromMinutes(61));
        using var again = await operatorClient.PostAsJsonAsync($"/api/v1/secrets/{id}/reveal", new { reason = "next hour" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task AFieldWorker_CannotSeeOrRevealSecretsOfOtherSites()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("adm", Role.Admin);
        var id = await CreateSecretAsync(admin, siteId: 1);
        var field = await server.SignedInAsync("field", Role.FieldWorker);

        var list = await field.GetFromJsonAsync<JsonElement>("/api/v1/secrets");
        using var reveal = await field.PostAsJsonAsync($"/api/v1/secrets/{id}/reveal", new { reason = "on site now" });

        Assert.Equal(0, list.GetArrayLength());
        await ProblemAssert.IsProblemAsync(reveal, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ReplacingAValue_IsVersioned_AndHistoryNeverHoldsValues()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("adm", Role.Admin);
        var id = await CreateSecretAsync(admin, siteId: null);

        using var replaced = await admin.PutAsJsonAsync($"/api/v1/secrets/{id}/value", new { value = "new-value-9911", version = 1 });
        using var stale = await admin.PutAsJsonAsync($"/api/v1/secrets/{id}/value", new { value = "other", version = 1 });
        using var reveal = await admin.PostAsJsonAsync($"/api/v1/secrets/{id}/reveal", new { reason = "verify rotation" });

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.Conflict, "version_conflict");
        Assert.Equal("new-value-9911", (await reveal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetString());
        await using var connection = await server.Store.Get<Store>().OpenAsync(CancellationToken.None);
        var history = string.Join('\n', await connection.QueryAsync<string>("SELECT coalesce(before_json, '') || coalesce(after_json, '') FROM entity_history"));
        Assert.DoesNotContain(Community, history);
        Assert.DoesNotContain("new-value-9911", history);
    }

    [Fact]
    public async Task ASiteWithSecrets_CannotBeDeleted()
    {
        await using var server = await InMemoryServer.StartAsync();
        var admin = await server.SignedInAsync("adm", Role.Admin);
        using var site = await admin.PostAsJsonAsync("/api/v1/sites", new { name = "Z hasłem" });
        var siteId = (await site.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await CreateSecretAsync(admin, siteId);

        using var delete = await admin.DeleteAsync($"/api/v1/sites/{siteId}?version=1");

        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.Conflict, "site_has_secrets");
    }

    private static async Task<long> CreateSecretAsync(HttpClient admin, long? siteId)
    {
        using var created = await admin.PostAsJsonAsync("/api/v1/secrets", new { name = "community", kind = "SNMP_COMMUNITY", siteId, value = Community });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}
