using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Sotp.Collectors.Snmp;

/// <summary>
/// SNMPv3 with USM: engine discovery (an empty unauthenticated request, answered by a usmStatsUnknownEngineIDs report
/// carrying the engine id, boots and time), keys localized per engine and cached, and the reports an agent sends when
/// a request fails its checks, turned into <see cref="SnmpUsmException"/>s that say what is wrong.
/// </summary>
public sealed partial class SnmpClient
{
    /// <summary>usmStats counters (RFC 3414 section 5): 1.3.6.1.6.3.15.1.1.N.0, N = the <see cref="UsmFailure"/> value.</summary>
    private static readonly Oid UsmStats = Oid.Parse("1.3.6.1.6.3.15.1.1");

    private readonly ConcurrentDictionary<IPEndPoint, Task<UsmEngine>> _engines = new();
    private readonly ConcurrentDictionary<string, IPEndPoint> _engineOwners = new();
    private readonly ConcurrentQueue<SnmpEngineConflict> _engineConflicts = new();
    private readonly ConcurrentDictionary<(SnmpAuthProtocol, SnmpPrivProtocol, string?, string?, string), UsmKeySet> _keys = new();
    private long _salt = Random.Shared.NextInt64();

    /// <summary>Agents seen answering with another agent's engine id.</summary>
    public IReadOnlyCollection<SnmpEngineConflict> EngineConflicts => _engineConflicts;

    private async Task<Pdu> UsmRequestAsync(SnmpTarget target, UsmCredentials user, Func<int, Pdu> makePdu, CancellationToken cancellationToken)
    {
        var engine = await EngineAsync(target, null, cancellationToken).ConfigureAwait(false);
        for (var round = 0; ; round++)
        {
            var keys = KeysFor(user, engine);
            var id = NextId();
            var pdu = makePdu(id);
            var current = engine;
            SnmpIncoming reply;
            try
            {
                reply = await ExchangeAsync(target, id, () => EncodeV3(id, pdu, user, user.SecurityFlags, current, keys),
                    datagram => AcceptV3(datagram, user, keys), target.Retries, cancellationToken).ConfigureAwait(false);
            }
            catch (SnmpTimeoutException) when (user.Privacy != SnmpPrivProtocol.None && !engine.PrivacyWorks(user.UserName))
            {
                // net-snmp drops a request it cannot decrypt without a report ("error parsing ScopedPDU" in its log).
                // If the same user is answered without encryption, the agent and the auth key are fine: the privacy key is not.
                if (await AnswersWithoutPrivacyAsync(target, user, engine, keys, cancellationToken).ConfigureAwait(false))
                {
                    throw new SnmpUsmException(UsmFailure.DecryptionError, target.Endpoint, user.UserName);
                }

                throw;
            }

            if (reply.Pdu.Type != PduType.Report)
            {
                if (reply.Flags.HasFlag(V3Flags.Auth))
                {
                    engine.Update(reply.Security!.EngineBoots, reply.Security.EngineTime);
                }

                if (user.Privacy != SnmpPrivProtocol.None)
                {
                    engine.ConfirmPrivacy(user.UserName);
                }

                return reply.Pdu;
            }

            var failure = Classify(reply.Pdu) ??
                throw new SnmpException($"{target.Endpoint} sent a report we do not know: {string.Join(", ", reply.Pdu.VarBinds)}");
            if (failure == UsmFailure.NotInTimeWindow && round < 2)
            {
                engine.Resynchronise(reply.Security!.EngineBoots, reply.Security.EngineTime);
                continue;
            }

            if (failure == UsmFailure.UnknownEngineId && round < 2)
            {
                // The agent was replaced or re-keyed since we discovered it: learn its engine again.
                engine = await EngineAsync(target, engine, cancellationToken).ConfigureAwait(false);
                continue;
            }

            throw new SnmpUsmException(failure, target.Endpoint, user.UserName);
        }
    }

    private static UsmFailure? Classify(Pdu report)
    {
        foreach (var bind in report.VarBinds)
        {
            if (bind.Oid.Length == UsmStats.Length + 2 && bind.Oid.StartsWith(UsmStats) && bind.Oid[^1] == 0 &&
                bind.Oid[UsmStats.Length] is >= 1 and <= 6)
            {
                return (UsmFailure)bind.Oid[UsmStats.Length];
            }
        }

        return null;
    }

    /// <summary>The engine for the target, discovered once and shared by concurrent requests; <paramref name="stale"/> forces a new discovery.</summary>
    private async Task<UsmEngine> EngineAsync(SnmpTarget target, UsmEngine? stale, CancellationToken cancellationToken)
    {
        var endpoint = Normalise(target.Endpoint);
        Task<UsmEngine> discovery;
        if (stale is null)
        {
            discovery = _engines.GetOrAdd(endpoint, _ => DiscoverAsync(target));
        }
        else
        {
            discovery = DiscoverAsync(target);
            _engines[endpoint] = discovery;
        }

        try
        {
            return await discovery.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SnmpException)
        {
            // A failed discovery is not remembered: the next request tries again.
            _engines.TryRemove(new KeyValuePair<IPEndPoint, Task<UsmEngine>>(endpoint, discovery));
            throw;
        }
    }

    private async Task<UsmEngine> DiscoverAsync(SnmpTarget target)
    {
        var id = NextId();
        var request = new V3Message(id, MaxMessageBytes, V3Flags.Reportable, UsmSecurityParameters.Empty,
            new ScopedPdu([], [], new Pdu(PduType.GetRequest, id, 0, 0, [])), null);
        var bytes = request.Encode(out _);
        // Shared by every request waiting for it, so no single caller's cancellation may end it; its own timeouts do.
        var reply = await ExchangeAsync(target, id, () => bytes, AcceptDiscovery, target.Retries, CancellationToken.None).ConfigureAwait(false);
        var security = reply.Security!;
        if (security.EngineId.Length == 0)
        {
            throw new SnmpException($"{target.Endpoint} answered engine discovery without an engine id.");
        }

        var engine = new UsmEngine(security.EngineId, security.EngineBoots, security.EngineTime, _time);
        var endpoint = Normalise(target.Endpoint);
        var owner = _engineOwners.GetOrAdd(engine.EngineIdHex, endpoint);
        if (!owner.Equals(endpoint) && !_engineConflicts.Any(c => c.EngineIdHex == engine.EngineIdHex && c.Second.Equals(endpoint)))
        {
            _engineConflicts.Enqueue(new SnmpEngineConflict(engine.EngineIdHex, owner, endpoint));
        }

        return engine;
    }

    private static SnmpIncoming? AcceptDiscovery(Datagram datagram) =>
        datagram.V3 is { Plaintext.Pdu.Type: PduType.Report } message ? new SnmpIncoming(message.Plaintext.Pdu, message.Security, message.Flags) : null;

    /// <summary>Checks an answer: MAC when it claims authentication, decryption when encrypted; null drops it.</summary>
    private static SnmpIncoming? AcceptV3(Datagram datagram, UsmCredentials user, UsmKeySet keys)
    {
        if (datagram.V3 is not { } message)
        {
            return null;
        }

        var security = message.Security;
        if (message.Flags.HasFlag(V3Flags.Auth) &&
            (keys.Auth is null || !UsmAuthentication.Verify(user.Auth, keys.Auth, datagram.Bytes, datagram.MacOffset, security.AuthenticationParameters.Length)))
        {
            return null;
        }

        ScopedPdu scoped;
        if (message.Encrypted is not null)
        {
            if (!message.Flags.HasFlag(V3Flags.Priv) || keys.Priv is null ||
                !UsmPrivacy.TryDecrypt(user.Privacy, keys.Priv, security.EngineBoots, security.EngineTime, security.PrivacyParameters, message.Encrypted, out var plain))
            {
                return null;
            }

            scoped = ScopedPdu.Decode(plain);
        }
        else
        {
            scoped = message.Plaintext!;
        }

        // A response must come at our security level (RFC 3412 7.2 step 11); reports may come lower, since they
        // say why our request failed the checks.
        var level = message.Flags & (V3Flags.Auth | V3Flags.Priv);
        return scoped.Pdu.Type switch
        {
            PduType.Response when level == user.SecurityFlags => new SnmpIncoming(scoped.Pdu, security, message.Flags),
            PduType.Report => new SnmpIncoming(scoped.Pdu, security, message.Flags),
            _ => null,
        };
    }

    /// <summary>Sends an empty authenticated but unencrypted request once; true when the agent answers at all.</summary>
    private async Task<bool> AnswersWithoutPrivacyAsync(SnmpTarget target, UsmCredentials user, UsmEngine engine, UsmKeySet keys, CancellationToken cancellationToken)
    {
        var id = NextId();
        var probe = new Pdu(PduType.GetRequest, id, 0, 0, []);
        try
        {
            await ExchangeAsync(target, id, () => EncodeV3(id, probe, user, V3Flags.Auth, engine, keys),
                datagram => datagram.V3 is not null ? new SnmpIncoming(probe, null, datagram.V3.Flags) : null, 0, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SnmpTimeoutException)
        {
            return false;
        }
    }

    private byte[] EncodeV3(int id, Pdu pdu, UsmCredentials user, V3Flags level, UsmEngine engine, UsmKeySet keys)
    {
        var (boots, time) = engine.Now();
        var scoped = new ScopedPdu(engine.EngineId, Encoding.UTF8.GetBytes(user.ContextName), pdu);
        byte[] privacyParameters = [];
        byte[]? encrypted = null;
        if (level.HasFlag(V3Flags.Priv))
        {
            var salt = (ulong)Interlocked.Increment(ref _salt);
            (encrypted, privacyParameters) = UsmPrivacy.Encrypt(user.Privacy, keys.Priv!, boots, time, salt, scoped.Encode());
        }

        var security = new UsmSecurityParameters(engine.EngineId, boots, time, Encoding.UTF8.GetBytes(user.UserName),
            new byte[level.HasFlag(V3Flags.Auth) ? UsmAuthentication.MacBytes(user.Auth) : 0], privacyParameters);
        var message = new V3Message(id, MaxMessageBytes, level | V3Flags.Reportable, security, encrypted is null ? scoped : null, encrypted);
        var bytes = message.Encode(out var macOffset);
        if (level.HasFlag(V3Flags.Auth))
        {
            UsmAuthentication.Sign(user.Auth, keys.Auth!, bytes, macOffset);
        }

        return bytes;
    }

    /// <summary>Localized keys cost a megabyte of hashing each, so they are made once per user and engine.</summary>
    private UsmKeySet KeysFor(UsmCredentials user, UsmEngine engine) =>
        _keys.GetOrAdd((user.Auth, user.Privacy, user.AuthPassword, user.PrivPassword, engine.EngineIdHex), _ => new UsmKeySet(
            user.Auth == SnmpAuthProtocol.None ? null : UsmKeys.LocalizedAuthKey(user.Auth, user.AuthPassword!, engine.EngineId),
            user.Privacy == SnmpPrivProtocol.None ? null : UsmKeys.LocalizedPrivKey(user.Auth, user.Privacy, user.PrivPassword!, engine.EngineId)));

    private sealed record UsmKeySet(byte[]? Auth, byte[]? Priv);
}
