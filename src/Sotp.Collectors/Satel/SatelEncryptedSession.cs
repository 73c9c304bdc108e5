using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sotp.Collectors.Satel;

/// <summary>
/// One side of an ETHM-1 Plus encrypted connection. Every message is one length byte and the ciphertext of a
/// 6-byte header (2 random bytes, a big-endian counter, the sender's fresh id, the id the peer sent last) and the
/// normal frame, padded to at least 16 bytes. An answer must carry back the id we sent; anything else is refused.
/// <see cref="Open"/> hands back plain frame bytes for <see cref="SatelFrameDecoder"/>, however TCP cut them.
/// Sealing and opening may run on different threads (the writer and the read loop), one of each at a time.
/// </summary>
public sealed class SatelEncryptedSession(SatelCipher cipher) : IDisposable
{
    public const int HeaderBytes = 6;
    private const int MinPlainBytes = 16;

    private static readonly byte[] BusyText = "\u0010Busy!"u8.ToArray();

    private readonly List<byte> _pending = [];
    private ushort _counter;
    private int _sentId = -1;
    private int _peerId;
    private int _refused;

    /// <summary>Messages that did not decrypt to a header carrying our id and a whole frame: a wrong key shows here.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public byte[] Seal(ReadOnlySpan<byte> frame)
    {
        var plain = new byte[Math.Max(MinPlainBytes, HeaderBytes + frame.Length)];
        RandomNumberGenerator.Fill(plain.AsSpan(0, 2));
        BinaryPrimitives.WriteUInt16BigEndian(plain.AsSpan(2), _counter++);
        var id = RandomNumberGenerator.GetInt32(256);
        plain[4] = (byte)id;
        plain[5] = (byte)Volatile.Read(ref _peerId);
        frame.CopyTo(plain.AsSpan(HeaderBytes));
        Volatile.Write(ref _sentId, id);
        var sealedMessage = cipher.Encrypt(plain);
        return [(byte)sealedMessage.Length, .. sealedMessage];
    }

    /// <summary>Feeds received bytes; returns the plain bytes of every message they completed.</summary>
    public IReadOnlyList<byte[]> Open(ReadOnlySpan<byte> received)
    {
        _pending.AddRange(received);
        var opened = new List<byte[]>();
        while (_pending.Count > 0)
        {
            if (StartsWithBusy())
            {
                // The module refuses a second client in plain text, key or no key.
                opened.Add([.. _pending]);
                _pending.Clear();
                break;
            }

            var length = _pending[0];
            if (_pending.Count < 1 + length)
            {
                break;
            }

            var message = _pending.GetRange(1, length).ToArray();
            _pending.RemoveRange(0, 1 + length);
            if (Unseal(message) is { } frame)
            {
                opened.Add(frame);
            }
            else
            {
                Interlocked.Increment(ref _refused);
            }
        }

        return opened;
    }

    public void Dispose() => cipher.Dispose();

    private byte[]? Unseal(byte[] message)
    {
        if (message.Length < MinPlainBytes)
        {
            return null;
        }

        var plain = cipher.Decrypt(message);
        if (plain[5] != Volatile.Read(ref _sentId))
        {
            return null;
        }

        // The frame ends at the first FE 0D after its opening FE FE (stuffing keeps FE out of the rest); what
        // follows is padding.
        var body = HeaderBytes + 2;
        var end = plain.AsSpan(body).IndexOf([SatelFrame.Sync, SatelFrame.End]);
        if (end < 0)
        {
            return null;
        }

        Volatile.Write(ref _peerId, plain[4]);
        return plain[HeaderBytes..(body + end + 2)];
    }

    private bool StartsWithBusy()
    {
        var compared = Math.Min(_pending.Count, BusyText.Length);
        for (var i = 0; i < compared; i++)
        {
            if (_pending[i] != BusyText[i])
            {
                return false;
            }
        }

        return compared == BusyText.Length;
    }
}
