using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sotp.Core.Users;
using Sotp.Storage;
using Sotp.Testing;

namespace Sotp.Server.Tests;

public class BruteForceTests
{
    private const string Password = "night shift on duty";

    [Fact]
    public async Task FiveFailuresFromOneAddress_BlockItForAMinute_EvenForTheRightPassword()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await InMemoryServer.StartAsync(StoreProvider.Sqlite, time);
        await server.CreateUserAsync("anna", Role.Operator, Password);
        for (var i = 0; i < 5; i++)
        {
            using var failure = await server.LoginAsync("anna", "guess " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
        }

        using var blocked = await server.LoginAsync("anna", Password);
        await ProblemAssert.IsProblemAsync(blocked, HttpStatusCode.TooManyRequests, "too_many_attempts");
        Assert.Equal(TimeSpan.FromSeconds(60), blocked.Headers.RetryAfter?.Delta);

        time.Advance(TimeSpan.FromSeconds(61));
        using var allowed = await server.LoginAsync("anna", Password);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task TenFailuresForOneAccount_LockItFor30Minutes_WithoutSayingSo(StoreProvider provider)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await InMemoryServer.StartAsync(provider, time);
        await server.CreateUserAsync("anna", Role.Operator, Password);
        for (var i = 0; i < 10; i++)
        {
            using var failure = await server.LoginAsync("anna", "guess " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
            // Stay under the per-address limit: this test is about the account.
            time.Advance(TimeSpan.FromSeconds(16));
        }

        using var locked = await server.LoginAsync("anna", Password);
        await ProblemAssert.IsProblemAsync(locked, HttpStatusCode.Unauthorized, "invalid_credentials");

        time.Advance(TimeSpan.FromMinutes(31));
        using var unlocked = await server.LoginAsync("anna", Password);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
    }
}
