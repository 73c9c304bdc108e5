using Microsoft.Extensions.Time.Testing;
using Sotp.Core.Audit;
using Sotp.Core.Auth;
using Sotp.Core.Users;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class WsTicketTests
{
    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task ATicket_WorksOnceWithinThirtySeconds(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var (user, _) = await store.Get<UserAccounts>().CreateAsync("viewer", Role.Operator, AuditActor.Cli, CancellationToken.None);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tickets = new WsTickets(store.Get<IWsTicketStore>(), time);

        var fresh = await tickets.IssueAsync(user.Id, CancellationToken.None);
        var late = await tickets.IssueAsync(user.Id, CancellationToken.None);

        Assert.Equal(user.Id, await tickets.RedeemAsync(fresh, CancellationToken.None));
        Assert.Null(await tickets.RedeemAsync(fresh, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(await tickets.RedeemAsync(late, CancellationToken.None));
        Assert.Null(await tickets.RedeemAsync("never-issued", CancellationToken.None));
    }
}
