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
/// Listens for SNMP v1/v2c/v3 traps and v2c/v3 informs on <see cref="SnmpOptions.TrapPort"/>, accepts them only from an
/// enabled device's address with that device's community (v1/v2c) or a USM user it may use (v3, see
/// <see cref="TrapSenders.UsersAsync"/>), and hands them to the alarm core. Everything else is
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
    private readonly ConcurrentDictionary<string, long> _results = new();
    private readonly Lazy<UsmNotificationReceiver> _usm = new(() => new UsmNotificationReceiver(new LocalEngine(
        SnmpTrapUserOptions.ParseEngineId(options.Value.EngineId) ?? LocalEngine.DefaultEngineId(Environment.MachineName))));

    /// <summary>Our SNMP engine, to which informs are sent (they discover it; tests may read it).</summary>
    public LocalEngine Engine => _usm.Value.Local;

    /// <summary>
    /// How many notifications this receiver counted with <paramref name="result"/>. /metrics holds the same counts, but
    /// summed over every server in the process (tests run several at once).
    /// </summary>
    public long Results(string result) => _results.GetValueOrDefault(result);

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
        if (IsV3(datagram))
        {
            await HandleV3Async(socket, datagram, remote, source, cancellationToken);
            return;
        }

        if (!TrapDecoder.TryDecode(datagram, out var trap, out var error))
        {
            Drop(source, "malformed", $"sent a datagram that is not a trap: {error}");
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

        await AcceptAsync(socket, trap, device, trap.IsInform ? trap.InformResponse() : null, remote, source, cancellationToken);
    }

    /// <summary>
    /// SNMPv3: only from an enabled device's address (an unknown sender gets not even a discovery answer, so we
    /// reflect nothing), as the device's own v3 user or a configured trap user, proven by USM.
    /// </summary>
    private async Task HandleV3Async(UdpClient socket, byte[] datagram, IPEndPoint remote, IPAddress source, CancellationToken cancellationToken)
    {
        var candidates = senders.At(source);
        if (candidates.Count == 0)
        {
            Drop(source, "unknown_sender", "is not the address of an enabled device");
            return;
        }

        var users = new List<(Device Device, TrapUser User)>();
        foreach (var candidate in candidates)
        {
            try
            {
                users.AddRange((await senders.UsersAsync(candidate, cancellationToken)).Select(user => (candidate, user)));
            }
            catch (SnmpCredentialsException ex)
            {
                metrics.Problem("credentials");
                LogCredentialsUnusable(logger, candidate.Id, ex.Message);
            }
        }

        var received = _usm.Value.Receive(datagram, [.. users.Select(pair => pair.User)]);
        if (received.Trap is not { } trap)
        {
            if (received.Reply is { } report)
            {
                await socket.SendAsync(report, remote, cancellationToken);
            }

            if (received.IsDiscovery)
            {
                Count("engine_discovery");
                return;
            }

            var (result, problem) = received.Failure is { } failure ? Refusal(failure, received.UserName) : ("malformed", $"sent a datagram that is not a trap: {received.Error}");
            Drop(source, result, problem);
            return;
        }

        var device = users.First(pair => pair.User.UserName == received.UserName).Device;
        await AcceptAsync(socket, trap, device, received.Reply, remote, source, cancellationToken);
    }

    private static (string Result, string Problem) Refusal(UsmFailure failure, string? user) => failure switch
    {
        UsmFailure.UnknownUserName => ("unknown_user", $"sent an SNMPv3 notification as user '{user}', who is neither its device's v3 user nor in Snmp:TrapUsers"),
        UsmFailure.WrongDigest => ("wrong_digest", $"sent an SNMPv3 notification as user '{user}' signed with another authentication key"),
        UsmFailure.DecryptionError => ("decryption_error", $"sent an SNMPv3 notification as user '{user}' that does not decrypt with its privacy key"),
        UsmFailure.NotInTimeWindow => ("not_in_time_window", $"sent an SNMPv3 notification as user '{user}' outside the time window (a replay, or a clock we must sync first)"),
        UsmFailure.UnsupportedSecurityLevel => ("unsupported_security_level", $"sent an SNMPv3 notification as user '{user}' at another security level than the user's"),
        _ => ("unknown_engine_id", $"sent an SNMPv3 inform as user '{user}' for another engine than ours"),
    };

    private async Task AcceptAsync(UdpClient socket, SnmpTrap trap, Device device, byte[]? reply, IPEndPoint remote, IPAddress source, CancellationToken cancellationToken)
    {
        if (!await PublishAsync(TrapEvents.ToEvent(trap, device.Id, time.GetUtcNow()), cancellationToken))
        {
            Count("event_lost");
            return;
        }

        if (reply is not null)
        {
            await socket.SendAsync(reply, remote, cancellationToken);
        }

        Count("accepted");
        _reported.TryRemove(source, out _);
    }

    private void Count(string result)
    {
        metrics.Trap(result);
        _results.AddOrUpdate(result, 1, (_, count) => count + 1);
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
        Count(result);
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
