using Sotp.Core.Audit;
using Sotp.Core.Auth;
using Sotp.Core.Users;
using Sotp.Storage.Migrations;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class RefreshTokenStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Rotate_SpendsTheTokenAndIssuesItsSuccessor(StoreProvider provider)
    {
        var (store, tokens, userId) = await ArrangeAsync(provider);
        await using var _ = store;
        await tokens.IssueAsync("h1", "family-a", userId, Now, Now.AddDays(7), CancellationToken.None);

        var first = await tokens.RotateAsync("h1", "h2", Now.AddMinutes(15), Now.AddDays(8), CancellationToken.None);
        var second = await tokens.RotateAsync("h2", "h3", Now.AddMinutes(30), Now.AddDays(8), CancellationToken.None);

        Assert.Equal(new RefreshTokenRotation(RefreshTokenStatus.Rotated, userId, "family-a"), first);
        Assert.Equal(RefreshTokenStatus.Rotated, second.Status);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Rotate_OfASpentToken_IsReuseAndRevokesTheWholeFamily(StoreProvider provider)
    {
        var (store, tokens, userId) = await ArrangeAsync(provider);
        await using var _ = store;
        await tokens.IssueAsync("h1", "family-a", userId, Now, Now.AddDays(7), CancellationToken.None);
        await tokens.RotateAsync("h1", "h2", Now, Now.AddDays(7), CancellationToken.None);

        var replay = await tokens.RotateAsync("h1", "h3", Now, Now.AddDays(7), CancellationToken.None);
        var successor = await tokens.RotateAsync("h2", "h4", Now, Now.AddDays(7), CancellationToken.None);

        Assert.Equal(RefreshTokenStatus.Reused, replay.Status);
        Assert.Equal(RefreshTokenStatus.Revoked, successor.Status);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Rotate_SameTokenTwiceAtOnce_LetsExactlyOneWin(StoreProvider provider)
    {
        var (store, tokens, userId) = await ArrangeAsync(provider);
        await using var _ = store;
        await tokens.IssueAsync("h1", "family-a", userId, Now, Now.AddDays(7), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => tokens.RotateAsync("h1", $"next-{i}", Now, Now.AddDays(7), CancellationToken.None))));

        Assert.Single(results, r => r.Status == RefreshTokenStatus.Rotated);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Rotate_OfAnExpiredToken_IsExpired(StoreProvider provider)
    {
        var (store, tokens, userId) = await ArrangeAsync(provider);
        await using var _ = store;
        await tokens.IssueAsync("h1", "family-a", userId, Now, Now.AddDays(7), CancellationToken.None);

        var result = await tokens.RotateAsync("h1", "h2", Now.AddDays(7).AddSeconds(1), Now.AddDays(14), CancellationToken.None);

        Assert.Equal(RefreshTokenStatus.Expired, result.Status);
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task RevokeFamily_EndsTheLoginAndNothingElse(StoreProvider provider)
    {
        var (store, tokens, userId) = await ArrangeAsync(provider);
        await using var _ = store;
        await tokens.IssueAsync("phone", "family-phone", userId, Now, Now.AddDays(7), CancellationToken.None);
        await tokens.IssueAsync("desk", "family-desk", userId, Now, Now.AddDays(7), CancellationToken.None);

        Assert.Equal(userId, await tokens.RevokeFamilyAsync("phone", Now, CancellationToken.None));

        Assert.Equal(RefreshTokenStatus.Revoked, (await tokens.RotateAsync("phone", "x", Now, Now.AddDays(7), CancellationToken.None)).Status);
        Assert.Equal(RefreshTokenStatus.Rotated, (await tokens.RotateAsync("desk", "y", Now, Now.AddDays(7), CancellationToken.None)).Status);
        Assert.Null(await tokens.RevokeFamilyAsync("never-issued", Now, CancellationToken.None));
    }

    [Theory, MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Rotate_OfAnUnknownToken_IsUnknown(StoreProvider provider)
    {
        var (store, tokens, _) = await ArrangeAsync(provider);
        await using var __ = store;

        Assert.Equal(RefreshTokenStatus.Unknown, (await tokens.RotateAsync("nope", "x", Now, Now.AddDays(7), CancellationToken.None)).Status);
    }

    private static async Task<(TestStore Store, IRefreshTokenStore Tokens, long UserId)> ArrangeAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await store.Get<Migrator>().MigrateAsync(null, CancellationToken.None);
        var (user, _) = await store.Get<UserAccounts>().CreateAsync("token-owner", Role.Operator, AuditActor.Cli, CancellationToken.None);
        return (store, store.Get<IRefreshTokenStore>(), user.Id);
    }
}
