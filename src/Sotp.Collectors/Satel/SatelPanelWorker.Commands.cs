using System.Threading.Channels;

namespace Sotp.Collectors.Satel;

/// <summary>
/// Control commands and the release for DLOAD. Commands wait in a queue the polling loop empties before its next
/// poll, so an operator's command never waits behind a second of polling, and the poll right after it reads the
/// new state back.
/// </summary>
public sealed partial class SatelPanelWorker
{
    private readonly Channel<QueuedCommand> _commands = Channel.CreateUnbounded<QueuedCommand>();
    private long _releasedUntilTicks;

    /// <summary>Until when the worker stays away from the module so an installer can connect; null when it is not released.</summary>
    public DateTimeOffset? ReleasedUntil
    {
        get
        {
            var ticks = Interlocked.Read(ref _releasedUntilTicks);
            return ticks > 0 && ticks > _time.GetUtcNow().UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    /// <summary>
    /// Sends a command ahead of the next poll and waits for the panel's answer. TIMEOUT when the panel is not
    /// connected within <paramref name="timeout"/>, or does not answer the command itself.
    /// </summary>
    public async Task<SatelCommandOutcome> SendAsync(SatelPanelCommand command, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (ReleasedUntil is { } until)
        {
            return SatelCommandOutcome.TimedOut($"the panel is released for DLOAD until {until:u}; the command was not sent");
        }

        var queued = new QueuedCommand(command);
        _commands.Writer.TryWrite(queued);
        Wake();
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await queued.Outcome.Task.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            if (queued.TryExpire())
            {
                return SatelCommandOutcome.TimedOut($"the panel was not connected within {timeout.TotalSeconds:0.#} s; the command was not sent");
            }

            // Already on the wire: its answer (or the request timeout) comes within seconds, and only it tells what happened.
            return await queued.Outcome.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Disconnects for <paramref name="duration"/> (from now) so DLOADX can have the module; reconnects by itself afterwards.</summary>
    public void Release(TimeSpan duration)
    {
        Interlocked.Exchange(ref _releasedUntilTicks, (_time.GetUtcNow() + duration).UtcTicks);
        Wake();
    }

    private bool MustPause => _commands.Reader.Count > 0 || ReleasedUntil is not null;

    /// <summary>Sends every waiting command in order. A command the module did not answer ends the connection, as a poll would.</summary>
    private async Task RunCommandsAsync(SatelClient client, CancellationToken cancellationToken)
    {
        while (ReleasedUntil is null && _commands.Reader.TryRead(out var queued))
        {
            if (!queued.TryStart())
            {
                continue;
            }

            try
            {
                queued.Outcome.TrySetResult(SatelCommandOutcome.From(await SendAsync(client, queued.Command, cancellationToken)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                queued.Outcome.TrySetResult(SatelCommandOutcome.TimedOut($"no answer from the panel ({ex.Message}); check its state"));
                throw;
            }
            catch (OperationCanceledException)
            {
                queued.Outcome.TrySetResult(SatelCommandOutcome.TimedOut("the worker stopped before the panel answered"));
                throw;
            }
        }
    }

    /// <summary>Commands that wait while the worker keeps away from the module (released, stopping) end as TIMEOUT at once.</summary>
    private void ExpireWaitingCommands(string why)
    {
        while (_commands.Reader.TryRead(out var queued))
        {
            if (queued.TryExpire())
            {
                queued.Outcome.TrySetResult(SatelCommandOutcome.TimedOut(why));
            }
        }
    }

    private static Task<SatelCommandResult> SendAsync(SatelClient client, SatelPanelCommand command, CancellationToken cancellationToken) =>
        command.Kind switch
        {
            SatelCommandKind.Arm => client.ArmAsync(command.Code, command.Numbers, command.Mode, command.Force, cancellationToken),
            SatelCommandKind.Disarm => client.DisarmAsync(command.Code, command.Numbers, cancellationToken),
            SatelCommandKind.ClearAlarm => client.ClearAlarmAsync(command.Code, command.Numbers, cancellationToken),
            SatelCommandKind.OutputsOn => client.SwitchOutputsAsync(command.Code, command.Numbers, on: true, cancellationToken),
            _ => client.SwitchOutputsAsync(command.Code, command.Numbers, on: false, cancellationToken),
        };

    /// <summary>A command in the queue: started by the worker or expired by its caller, never both.</summary>
    private sealed class QueuedCommand(SatelPanelCommand command)
    {
        private const int Waiting = 0;
        private const int Started = 1;
        private const int Expired = 2;
        private int _state;

        public SatelPanelCommand Command { get; } = command;

        public TaskCompletionSource<SatelCommandOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Waiting) == Waiting;

        public bool TryExpire() => Interlocked.CompareExchange(ref _state, Expired, Waiting) == Waiting;
    }
}
