using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Sotp.Collectors.Snmp;
using Sotp.Collectors.Snmp.Traps;
using Sotp.Core.Devices;
using Sotp.Core.Events;

namespace Sotp.Server.Snmp.Traps;

/// <summary>
/// Listens for SNMP v1/v2c traps and v2c informs on <see cref="SnmpOptions.TrapPort"/>, accepts them only from an
/// enabled device's address with that device's community, and hands them to the alarm core. Everything else is
/// counted by result and dropped, logged once per sender and problem (a flood must not flood the log). An inform is
/// answered only once its event is stored, so a sender whose event was lost sends it again.
/// </summary>
public sealed partial class SnmpTrapReceiver(
    IDeviceStore devices,
    InventoryChanges changes,
    TrapSenders senders,
    IOptions<SnmpOptions> options,
    SnmpMetrics metrics,
    TimeProvider time,
    ILogger<SnmpTrapReceiver> logger,
    IEventSink? events = null,
    LinkAlarms? links = null) : BackgroundService
{
    private const int MaxRememberedSenders = 10_000;
    private readonly ConcurrentDictionary<IPAddress, string> _reported = new();

    /// <summary>Where the receiver listens once bound; null before, when off, or when the port could not be bound.</summary>
    public IPEndPoint? LocalEndpoint { get; private set; }

    /// <summary>Why the port could not be bound, when it could not; the server runs on without traps.</summary>
    public SocketError? BindError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.TrapsEnabled)
        {
            LogDisabled(logger);
            return;
        }

        UdpClient socket;
        try
        {
            socket = new UdpClient(new IPEndPoint(IPAddress.Any, settings.TrapPort));
        }
        catch (SocketException ex)
        {
            BindError = ex.SocketErrorCode;
            LogCannotBind(logger, settings.TrapPort, ex.SocketErrorCode);
            return;
        }

        using (socket)
        {
            LocalEndpoint = (IPEndPoint)socket.Client.LocalEndPoint!;
            LogListening(logger, LocalEndpoint);
            var following = changes.FollowAsync(RebuildAsync, TimeSpan.FromSeconds(settings.InventoryRefreshSeconds), time, ex =>
            {
                metrics.Problem("store");
                LogInventoryUnreadable(logger, ex);
            }, stoppingToken);
            await ReceiveAsync(socket, stoppingToken);
            await following;
        }
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var version = changes.Version;
        senders.Rebuild(await devices.ListAllAsync(new DeviceFilter(Enabled: true), cancellationToken), version);
    }

    private async Task ReceiveAsync(UdpClient socket, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var received = await socket.ReceiveAsync(stoppingToken);
                await HandleAsync(socket, received.Buffer, received.RemoteEndPoint, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // One bad datagram (or an ICMP error surfacing on the socket) must not stop the receiver.
                metrics.Problem("trap_failed");
                LogTrapFailed(logger, ex);
            }
        }
    }

    private async Task HandleAsync(UdpClient socket, byte[] datagram, IPEndPoint remote, CancellationToken cancellationToken)
    {
        var source = TrapSenders.Normalize(remote.Address);
        if (!TrapDecoder.TryDecode(datagram, out var trap, out var error))
        {
            var v3 = IsV3(datagram);
            Drop(source, v3 ? "unsupported_v3" : "malformed", v3 ? "sent an SNMPv3 notification; only v1/v2c traps are accepted" : $"sent a datagram that is not a trap: {error}");
            return;
        }

        var candidates = senders.At(source);
        if (candidates.Count == 0 && trap.AgentAddress is { } agent && !agent.Equals(IPAddress.Any))
        {
            candidates = senders.At(agent); // A v1 trap relayed or NATed: its agent-addr names the device.
        }

        if (candidates.Count == 0)
        {
            Drop(source, "unknown_sender", "is not the address of an enabled device");
            return;
        }

        var device = await MatchAsync(candidates, trap.Community, cancellationToken);
        if (device is null)
        {
            Drop(source, "bad_community", $"sent a trap with a community that is not device {candidates[0].Id}'s (or the device has no v1/v2c credentials)");
            return;
        }

        if (!await PublishAsync(TrapEvents.ToEvent(trap, device.Id, time.GetUtcNow()), cancellationToken))
        {
            metrics.Trap("event_lost");
            return;
        }

        if (trap.IsInform)
        {
            await socket.SendAsync(trap.InformResponse(), remote, cancellationToken);
        }

        metrics.Trap("accepted");
        _reported.TryRemove(source, out _);
    }

    private async Task<Device?> MatchAsync(IReadOnlyList<Device> candidates, byte[] community, CancellationToken cancellationToken)
    {
        foreach (var candidate in candidates)
        {
            try
            {
                if (await senders.AcceptsAsync(candidate, community, cancellationToken))
                {
                    return candidate;
                }
            }
            catch (SnmpCredentialsException ex)
            {
                metrics.Problem("credentials");
                LogCredentialsUnusable(logger, candidate.Id, ex.Message);
            }
        }

        return null;
    }

    private async Task<bool> PublishAsync(EventInput input, CancellationToken cancellationToken)
    {
        if (events is null)
        {
            return true;
        }

        try
        {
            await events.PublishAsync(input, cancellationToken);
            if (links is not null)
            {
                await links.FiledAsync(input, cancellationToken);
            }

            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Problem("event_sink");
            LogEventLost(logger, ex, input.DeviceId ?? 0, input.Code);
            return false;
        }
    }

    private void Drop(IPAddress source, string result, string problem)
    {
        metrics.Trap(result);
        if (_reported.TryGetValue(source, out var previous) && previous == problem)
        {
            return;
        }

        if (_reported.Count >= MaxRememberedSenders)
        {
            _reported.Clear(); // Spoofed sources by the thousand: forget them rather than grow without bound.
        }

        _reported[source] = problem;
        LogDropped(logger, source, result, problem);
    }

    private static bool IsV3(byte[] datagram)
    {
        try
        {
            return SnmpMessage.ReadVersion(datagram) == Collectors.Snmp.SnmpVersion.V3;
        }
        catch (SnmpDecodeException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SNMP trap receiver is off (Snmp:TrapsEnabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "SNMP trap receiver listening on UDP {Endpoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "SNMP traps are NOT received: UDP port {Port} cannot be bound ({Error}). Ports below 1024 need root or " +
        "CAP_NET_BIND_SERVICE (setcap 'cap_net_bind_service=+ep' on the dotnet binary), or set Snmp:TrapPort to a free port above 1024 " +
        "and forward 162 to it; Snmp:TrapsEnabled=false silences this. The server runs on without traps.")]
    private static partial void LogCannotBind(ILogger logger, int port, SocketError error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SNMP trap from {Source} dropped ({Result}): the sender {Problem}")]
    private static partial void LogDropped(ILogger logger, IPAddress source, string result, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} cannot be matched to traps: {Problem}")]
    private static partial void LogCredentialsUnusable(ILogger logger, long deviceId, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Trap event {Code} of device {DeviceId} could not be handed to the alarm core")]
    private static partial void LogEventLost(ILogger logger, Exception exception, long deviceId, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "An SNMP trap could not be handled")]
    private static partial void LogTrapFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The device list cannot be read; the trap receiver goes on with the last one known")]
    private static partial void LogInventoryUnreadable(ILogger logger, Exception exception);
}
