using Sotp.Core;
using Sotp.Core.Audit;
using Sotp.Core.Errors;
using Sotp.Core.Events;
using Sotp.Core.Rules;
using Sotp.Core.Users;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class AlertRuleStoreTests
{
    private static readonly Caller Admin = new(null, "test", Role.Master);

    private static readonly RuleData Rtt = new("High RTT", true, "icmp.rtt_ms", RuleScope.AllDevices, null, RuleCondition.Above, 80, 70, 60, null,
        "performance", "rtt_high", EventPriority.High, "{device}: {value} ms");

    private static readonly RuleData Silence = new("Silent", false, "icmp.rtt_ms", RuleScope.AllDevices, null, RuleCondition.Absent, null, null, 0, 300,
        "availability", "no_data", EventPriority.Low, "{device} sends nothing");

    private static async Task<TestStore> MigratedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        return store;
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Rules_RoundTrip_EveryField(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var rules = store.Get<IAlertRuleStore>();

        var rtt = await rules.CreateAsync(Rtt, Admin, CancellationToken.None);
        var silence = await rules.CreateAsync(Silence, Admin, CancellationToken.None);

        Assert.Equal([rtt, silence], await rules.ListAsync(CancellationToken.None));
        Assert.Equal(silence, await rules.GetAsync(silence.Id, CancellationToken.None));
        Assert.Equal((Rtt.Name, Rtt.Threshold, Rtt.ClearThreshold, Rtt.ForSeconds, Rtt.Priority, 1L), (rtt.Name, rtt.Threshold, rtt.ClearThreshold, rtt.ForSeconds, rtt.Priority, rtt.Version));
        Assert.Equal((false, RuleCondition.Absent, (int?)300, (double?)null), (silence.Enabled, silence.Condition, silence.AbsenceSeconds, silence.Threshold));
        Assert.Null(await rules.GetAsync(999, CancellationToken.None));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Changes_GoUnderTheVersion_AndAreKeptInHistoryAndAudit(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var rules = store.Get<IAlertRuleStore>();
        var rule = await rules.CreateAsync(Rtt, Admin, CancellationToken.None);

        var updated = await rules.UpdateAsync(rule.Id, 1, Rtt with { Threshold = 150, ClearThreshold = null }, Admin, CancellationToken.None);
        var stale = await Assert.ThrowsAsync<DomainException>(() => rules.UpdateAsync(rule.Id, 1, Rtt, Admin, CancellationToken.None));
        var staleDelete = await Assert.ThrowsAsync<DomainException>(() => rules.DeleteAsync(rule.Id, 1, Admin, CancellationToken.None));
        await rules.DeleteAsync(rule.Id, 2, Admin, CancellationToken.None);
        var history = await rules.HistoryAsync(rule.Id, CancellationToken.None);
        var audit = await store.Get<IAuditLog>().ListAsync(new AuditQuery(Action: "alert_rule.updated"), CancellationToken.None);

        Assert.Equal((150.0, (double?)null, 2L), (updated.Threshold!.Value, updated.ClearThreshold, updated.Version));
        Assert.NotNull(updated.UpdatedAt);
        Assert.Equal(ErrorCodes.VersionConflict, stale.Code);
        Assert.Equal(ErrorCodes.VersionConflict, staleDelete.Code);
        Assert.Null(await rules.GetAsync(rule.Id, CancellationToken.None));
        Assert.Equal(["created", "updated", "deleted"], history.Select(h => h.Change));
        Assert.Single(audit.Items);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Names_AreUniqueIgnoringCase_AndScopesMustNameSomething(StoreProvider provider)
    {
        await using var store = await MigratedAsync(provider);
        var rules = store.Get<IAlertRuleStore>();
        await rules.CreateAsync(Rtt, Admin, CancellationToken.None);

        var taken = await Assert.ThrowsAsync<DomainException>(() => rules.CreateAsync(Rtt with { Name = "HIGH rtt" }, Admin, CancellationToken.None));
        var noSite = await Assert.ThrowsAsync<DomainException>(() =>
            rules.CreateAsync(Rtt with { Name = "site", Scope = RuleScope.Site, ScopeId = 999 }, Admin, CancellationToken.None));
        var noGroup = await Assert.ThrowsAsync<DomainException>(() =>
            rules.CreateAsync(Rtt with { Name = "group", Scope = RuleScope.Group, ScopeId = 999 }, Admin, CancellationToken.None));

        Assert.Equal((ErrorCodes.Conflict, "name"), (taken.Code, taken.Field));
        Assert.Equal((ErrorCodes.UnknownReference, "scopeId"), (noSite.Code, noSite.Field));
        Assert.Equal(ErrorCodes.UnknownReference, noGroup.Code);
        Assert.Single(await rules.ListAsync(CancellationToken.None));
    }
}
