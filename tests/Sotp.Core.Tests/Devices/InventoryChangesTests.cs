using Sotp.Core.Devices;

namespace Sotp.Core.Tests.Devices;

public class InventoryChangesTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task AChangeWhileTheInventoryWasBeingRead_WakesTheWaiterAtOnce()
    {
        var changes = new InventoryChanges();
        var seen = changes.Version;

        changes.Signal();
        var wait = changes.WaitAsync(seen, Hour, TimeProvider.System, CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
        await wait;
    }

    [Fact]
    public async Task WithoutAChange_TheWaiterWaits_UntilTheNextSignal()
    {
        var changes = new InventoryChanges();

        var wait = changes.WaitAsync(changes.Version, Hour, TimeProvider.System, CancellationToken.None);
        var waitedBeforeSignal = !wait.IsCompleted;
        changes.Signal();
        await wait.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(waitedBeforeSignal);
    }
}
