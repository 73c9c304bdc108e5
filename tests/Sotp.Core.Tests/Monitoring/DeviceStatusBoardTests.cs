using Sotp.Core.Monitoring;

namespace Sotp.Core.Tests.Monitoring;

public class DeviceStatusBoardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ADeviceNeverProbed_ReadsAsUnknown()
    {
        var board = new DeviceStatusBoard();

        Assert.Equal(DeviceStatus.Unknown, board.Get(42).Status);
    }

    [Fact]
    public void Since_MovesOnlyWhenTheStatusChanges()
    {
        var board = new DeviceStatusBoard();
        board.Report(new DeviceState(1, DeviceStatus.Up, null, T0, 1.5, 0, "ok"), new StatusChange(1, DeviceStatus.Unknown, DeviceStatus.Up, T0, "ok"));

        board.Report(new DeviceState(1, DeviceStatus.Up, null, T0.AddSeconds(30), 1.7, 0, "ok"), null);

        var state = board.Get(1);
        Assert.Equal(T0, state.Since);
        Assert.Equal(T0.AddSeconds(30), state.LastProbeAt);
        Assert.Equal(1.7, state.RttMs);
    }

    [Fact]
    public async Task EverySubscriber_GetsEveryChange_InOrder()
    {
        var board = new DeviceStatusBoard();
        using var stop = new CancellationTokenSource();
        var first = board.Subscribe(stop.Token);
        var second = board.Subscribe(stop.Token);
        var up = new StatusChange(1, DeviceStatus.Unknown, DeviceStatus.Up, T0, "ok");
        var down = new StatusChange(1, DeviceStatus.Up, DeviceStatus.Down, T0.AddSeconds(60), "lost");

        board.Report(new DeviceState(1, DeviceStatus.Up, null, T0, 1, 0, "ok"), up);
        board.Report(new DeviceState(1, DeviceStatus.Down, null, T0.AddSeconds(60), null, 100, "lost"), down);

        foreach (var reader in new[] { first, second })
        {
            Assert.Equal(up, await reader.ReadAsync());
            Assert.Equal(down, await reader.ReadAsync());
        }
    }

    [Fact]
    public async Task AnEndedSubscription_IsCompleted_AndNoLongerFed()
    {
        var board = new DeviceStatusBoard();
        using var stop = new CancellationTokenSource();
        var reader = board.Subscribe(stop.Token);

        await stop.CancelAsync();
        board.Report(new DeviceState(1, DeviceStatus.Up, null, T0, 1, 0, "ok"), new StatusChange(1, DeviceStatus.Unknown, DeviceStatus.Up, T0, "ok"));

        Assert.False(reader.TryRead(out _));
        Assert.True(reader.Completion.IsCompleted);
    }

    [Fact]
    public void Count_CountsDevicesNeverProbedAsUnknown()
    {
        var board = new DeviceStatusBoard();
        board.Report(new DeviceState(1, DeviceStatus.Up, null, T0, 1, 0, null), null);
        board.Report(new DeviceState(2, DeviceStatus.Down, null, T0, null, 100, null), null);

        var counts = board.Count([1, 2, 3]);

        Assert.Equal((1, 1, 1), (counts[DeviceStatus.Up], counts[DeviceStatus.Down], counts[DeviceStatus.Unknown]));
    }
}
