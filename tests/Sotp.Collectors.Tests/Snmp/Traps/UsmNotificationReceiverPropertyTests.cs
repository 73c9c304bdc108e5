using CsCheck;
using Sotp.Collectors.Snmp;
using Sotp.Collectors.Snmp.Traps;

namespace Sotp.Collectors.Tests.Snmp.Traps;

/// <summary>Anyone can send the trap port a v3 datagram: USM refuses garbage with a reason and never throws.</summary>
public sealed class UsmNotificationReceiverPropertyTests
{
    private static readonly UsmNotificationReceiver Receiver = new(new LocalEngine(LocalEngine.DefaultEngineId("property-tests")));

    // Users of every level, so messages claiming auth or priv reach the MAC, the clock and the decryption.
    private static readonly TrapUser[] Users =
    [
        new(new UsmCredentials("plain")),
        new(new UsmCredentials("signed", SnmpAuthProtocol.Sha1, "auth-pass-1")),
        new(new UsmCredentials("secret", SnmpAuthProtocol.Sha256, "auth-pass-1", SnmpPrivProtocol.Aes256, "priv-pass-1")),
    ];

    [Fact]
    public void RandomV3Messages_WithOneByteChangedOrCut_AreNeverTraps_AndNeverThrow() =>
        Gen.Select(SnmpGen.V3Message, Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Double[0, 1]).Sample((message, at, value, cut) =>
        {
            var bytes = message.Encode(out _);
            var changed = bytes.ToArray();
            changed[at % changed.Length] = value;
            return Refused(bytes) && Refused(changed) && Refused(bytes[..(int)(bytes.Length * cut)]);
        });

    [Fact]
    public void RandomBytes_AreMalformed() =>
        Gen.Byte.Array[0, 400].Sample(bytes => Receiver.Receive(bytes, Users) is { Trap: null, Failure: null, Error: not null });

    /// <summary>A random message is refused (unless it happens to be an unauthenticated trap of the user "plain").</summary>
    private static bool Refused(byte[] bytes)
    {
        var received = Receiver.Receive(bytes, Users);
        return received.Trap is null ? received.Failure is not null || received.Error is not null : received.UserName == "plain";
    }
}
