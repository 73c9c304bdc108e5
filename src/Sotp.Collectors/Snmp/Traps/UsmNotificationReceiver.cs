using System.Collections.Concurrent;
using System.Text;

namespace Sotp.Collectors.Snmp.Traps;

/// <summary>
/// USM for notifications we receive (RFC 3414 section 3.2). Traps: the sender is authoritative, its keys are
/// localised with its engine id and its clock is learnt per engine (a message older than the latest seen by more than
/// the window is a replay). Informs: we are authoritative, so a sender first discovers our engine (an empty request
/// answered with a usmStatsUnknownEngineIDs report carrying our id, boots and time), and messages outside our time
/// window get an authenticated notInTimeWindow report. Every refusal is a <see cref="UsmFailure"/>, never a trap.
/// Thread-safe; anyone can send us a datagram, so nothing here throws on input.
/// </summary>
public sealed class UsmNotificationReceiver(LocalEngine local)
{
    /// <summary>RFC 3414 section 3.2 step 7: 150 seconds either way.</summary>
    public const int TimeWindowSeconds = 150;

    private const int MaxMessageBytes = 65_507;
    private const int MaxSenderClocks = 10_000;
    private static readonly Oid UsmStats = Oid.Parse("1.3.6.1.6.3.15.1.1");

    private readonly ConcurrentDictionary<(SnmpAuthProtocol, SnmpPrivProtocol, string?, string?, string), (byte[]? Auth, byte[]? Priv)> _keys = new();
    private readonly ConcurrentDictionary<string, (int Boots, int Time, long At)> _senderClocks = new();
    private readonly long[] _stats = new long[7];
    private long _salt = Random.Shared.NextInt64();

    public LocalEngine Local => local;

    /// <param name="users">The users this sender may use (several may share a name, pinned to different engines).</param>
    public V3Notification Receive(ReadOnlySpan<byte> datagram, IReadOnlyList<TrapUser> users)
    {
        V3Message message;
        int macOffset;
        try
        {
            message = V3Message.Decode(datagram, out macOffset);
        }
        catch (SnmpDecodeException ex)
        {
            return V3Notification.Malformed(ex.Message);
        }

        var security = message.Security;
        if (security.EngineId.Length == 0)
        {
            // Discovery of our engine before an inform: answered without authentication, as RFC 3414 section 4 says.
            return Refuse(UsmFailure.UnknownEngineId, message, null, default, discovery: true);
        }

        var authoritative = security.EngineId.AsSpan().SequenceEqual(local.EngineId);
        var name = Encoding.UTF8.GetString(security.UserName);
        var user = users.FirstOrDefault(u => u.UserName == name && u.EngineId is not null && u.EngineId.AsSpan().SequenceEqual(security.EngineId))
            ?? users.FirstOrDefault(u => u.UserName == name && (u.EngineId is null || authoritative));
        if (user is null)
        {
            return Refuse(UsmFailure.UnknownUserName, message, null, default);
        }

        var credentials = user.Credentials;
        if ((message.Flags & (V3Flags.Auth | V3Flags.Priv)) != credentials.SecurityFlags)
        {
            return Refuse(UsmFailure.UnsupportedSecurityLevel, message, null, default);
        }

        var keys = KeysFor(credentials, security.EngineId);
        if (keys.Auth is { } authKey &&
            !UsmAuthentication.Verify(credentials.Auth, authKey, datagram, macOffset, security.AuthenticationParameters.Length))
        {
            return Refuse(UsmFailure.WrongDigest, message, null, default);
        }

        if (keys.Auth is not null && !InTimeWindow(security, authoritative))
        {
            return Refuse(UsmFailure.NotInTimeWindow, message, user, keys);
        }

        if (!TryOpen(message, credentials, keys, out var scoped))
        {
            return Refuse(UsmFailure.DecryptionError, message, null, default);
        }

        SnmpTrap trap;
        try
        {
            trap = TrapDecoder.FromPdu(SnmpVersion.V3, security.UserName, scoped.Pdu, 0);
        }
        catch (SnmpDecodeException ex)
        {
            return V3Notification.Malformed(ex.Message);
        }

        if (trap.IsInform && !authoritative)
        {
            // An inform localised for another engine cannot be answered in a way its sender would accept.
            return Refuse(UsmFailure.UnknownEngineId, message, null, default);
        }

        return new V3Notification(trap, name, null, null, trap.IsInform ? Response(message, scoped, credentials, keys) : null);
    }

    /// <summary>How often each check failed, as the usmStats counters in our reports say.</summary>
    public long Count(UsmFailure failure) => Interlocked.Read(ref _stats[(int)failure]);

    private bool InTimeWindow(UsmSecurityParameters security, bool authoritative)
    {
        if (security.EngineBoots == int.MaxValue)
        {
            return false;
        }

        if (authoritative)
        {
            return security.EngineBoots == local.Boots && Math.Abs((long)security.EngineTime - local.Time) <= TimeWindowSeconds;
        }

        // Non-authoritative (RFC 3414 3.2 step 7b): refuse only what is older than the latest time the sender told us.
        var engine = Convert.ToHexString(security.EngineId);
        var now = TimeProvider.System.GetTimestamp();
        if (_senderClocks.TryGetValue(engine, out var known))
        {
            var expected = known.Time + (long)TimeProvider.System.GetElapsedTime(known.At).TotalSeconds;
            if (security.EngineBoots < known.Boots || (security.EngineBoots == known.Boots && security.EngineTime < expected - TimeWindowSeconds))
            {
                return false;
            }

            if (security.EngineBoots == known.Boots && security.EngineTime <= expected)
            {
                return true;
            }
        }
        else if (_senderClocks.Count >= MaxSenderClocks)
        {
            _senderClocks.Clear(); // Forged engine ids by the thousand: forget them rather than grow without bound.
        }

        _senderClocks[engine] = (security.EngineBoots, security.EngineTime, now);
        return true;
    }

    private static bool TryOpen(V3Message message, UsmCredentials credentials, (byte[]? Auth, byte[]? Priv) keys, out ScopedPdu scoped)
    {
        scoped = message.Plaintext!;
        if (message.Encrypted is null)
        {
            return message.Plaintext is not null && keys.Priv is null;
        }

        var security = message.Security;
        if (keys.Priv is null || !UsmPrivacy.TryDecrypt(credentials.Privacy, keys.Priv, security.EngineBoots, security.EngineTime,
            security.PrivacyParameters, message.Encrypted, out var plain))
        {
            return false;
        }

        try
        {
            // A wrong privacy key decrypts to noise, which is not a scoped PDU.
            scoped = ScopedPdu.Decode(plain);
            return true;
        }
        catch (SnmpDecodeException)
        {
            return false;
        }
    }

    /// <summary>Counts the failure and, when the sender asked for reports, builds the one RFC 3414 section 3.2 names.</summary>
    private V3Notification Refuse(UsmFailure failure, V3Message message, TrapUser? user, (byte[]? Auth, byte[]? Priv) keys, bool discovery = false)
    {
        var count = Interlocked.Increment(ref _stats[(int)failure]);
        byte[]? report = null;
        if (message.Flags.HasFlag(V3Flags.Reportable))
        {
            var requestId = message.Plaintext?.Pdu.RequestId ?? 0;
            var pdu = new Pdu(PduType.Report, requestId, 0, 0, [new VarBind(UsmStats.Append((uint)failure, 0), SnmpValue.Counter32((uint)count))]);
            // Only notInTimeWindow is reported authenticated: the sender must trust the clock it learns from it.
            report = Encode(message.MessageId, new ScopedPdu(local.EngineId, [], pdu), user?.Credentials, keys,
                user is null ? V3Flags.None : V3Flags.Auth, discovery ? [] : message.Security.UserName);
        }

        return new V3Notification(null, Encoding.UTF8.GetString(message.Security.UserName), failure, discovery ? "engine discovery" : null, report);
    }

    private byte[] Response(V3Message request, ScopedPdu scoped, UsmCredentials credentials, (byte[]? Auth, byte[]? Priv) keys) =>
        Encode(request.MessageId, scoped with { Pdu = new Pdu(PduType.Response, scoped.Pdu.RequestId, 0, 0, scoped.Pdu.VarBinds) },
            credentials, keys, credentials.SecurityFlags, request.Security.UserName);

    private byte[] Encode(int messageId, ScopedPdu scoped, UsmCredentials? credentials, (byte[]? Auth, byte[]? Priv) keys, V3Flags level, byte[] userName)
    {
        var (boots, time) = (local.Boots, local.Time);
        byte[] privacyParameters = [];
        byte[]? encrypted = null;
        if (level.HasFlag(V3Flags.Priv))
        {
            var salt = (ulong)Interlocked.Increment(ref _salt);
            (encrypted, privacyParameters) = UsmPrivacy.Encrypt(credentials!.Privacy, keys.Priv!, boots, time, salt, scoped.Encode());
        }

        var security = new UsmSecurityParameters(local.EngineId, boots, time, userName,
            new byte[level.HasFlag(V3Flags.Auth) ? UsmAuthentication.MacBytes(credentials!.Auth) : 0], privacyParameters);
        var bytes = new V3Message(messageId, MaxMessageBytes, level, security, encrypted is null ? scoped : null, encrypted).Encode(out var macOffset);
        if (level.HasFlag(V3Flags.Auth))
        {
            UsmAuthentication.Sign(credentials!.Auth, keys.Auth!, bytes, macOffset);
        }

        return bytes;
    }

    /// <summary>Localised keys cost a megabyte of hashing each: made once per user and engine.</summary>
    private (byte[]? Auth, byte[]? Priv) KeysFor(UsmCredentials user, byte[] engineId) =>
        _keys.GetOrAdd((user.Auth, user.Privacy, user.AuthPassword, user.PrivPassword, Convert.ToHexString(engineId)), _ => (
            user.Auth == SnmpAuthProtocol.None ? null : UsmKeys.LocalizedAuthKey(user.Auth, user.AuthPassword!, engineId),
            user.Privacy == SnmpPrivProtocol.None ? null : UsmKeys.LocalizedPrivKey(user.Auth, user.Privacy, user.PrivPassword!, engineId)));
}

/// <summary>
/// What became of a v3 notification: a <see cref="Trap"/> (for an inform with the <see cref="Reply"/> to send once
/// it is stored), or a <see cref="Failure"/> (with a report to send when the sender asked for one), or malformed.
/// </summary>
/// <param name="Error">Why it is malformed; "engine discovery" for the discovery step of an inform, which is no fault.</param>
public sealed record V3Notification(SnmpTrap? Trap, string? UserName, UsmFailure? Failure, string? Error, byte[]? Reply)
{
    public bool IsDiscovery => Failure == UsmFailure.UnknownEngineId && Error == "engine discovery";

    public static V3Notification Malformed(string error) => new(null, null, null, error, null);
}
