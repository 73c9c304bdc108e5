using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sotp.Collectors.Snmp.Traps;

/// <summary>
/// Our own SNMP engine, authoritative for the informs sent to us (RFC 3414 section 2.2): its id, and boots and time
/// for the time window. Boots must grow with every restart and we keep no state, so they are the seconds from
/// 2020-01-01 to the start (they fit the 31 bits until 2088, and two starts are never in the same second); time is
/// measured on the real clock, since senders compare it with theirs.
/// </summary>
public sealed class LocalEngine
{
    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly long _startedAt = TimeProvider.System.GetTimestamp();

    public LocalEngine(byte[] engineId)
    {
        if (engineId.Length is < 5 or > 32)
        {
            throw new ArgumentException("An SNMP engine id has 5 to 32 bytes (RFC 3411).", nameof(engineId));
        }

        EngineId = engineId;
        Boots = (int)Math.Clamp((TimeProvider.System.GetUtcNow() - Epoch).TotalSeconds, 1, int.MaxValue - 1);
    }

    public byte[] EngineId { get; }

    public int Boots { get; }

    public int Time => (int)Math.Min(int.MaxValue, TimeProvider.System.GetElapsedTime(_startedAt).TotalSeconds);

    /// <summary>
    /// A stable id for this host when none is configured: RFC 3411's format with the high bit set, enterprise 0 and
    /// format 5 (octets): the first 8 bytes of a hash of the host name.
    /// </summary>
    public static byte[] DefaultEngineId(string hostName)
    {
        var id = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(id, 0x8000_0000);
        id[4] = 5;
        SHA256.HashData(Encoding.UTF8.GetBytes(hostName)).AsSpan(0, 8).CopyTo(id.AsSpan(5));
        return id;
    }
}
