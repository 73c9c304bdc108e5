using System.Security.Cryptography;
using System.Text;

namespace Sotp.Testing.Satel;

/// <summary>
/// The module's side of ETHM-1 Plus encryption, written from the protocol description apart from the client's
/// <c>SatelCipher</c> so the two check each other: the chained full blocks are exactly AES-CBC with E(0) as the
/// IV, done here with .NET's CBC; the partial tail is XORed with E(last ciphertext block, or the IV).
/// </summary>
public sealed class Ethm1Encryption : IDisposable
{
    private readonly Aes _aes = Aes.Create();
    private readonly byte[] _iv;
    private readonly List<byte> _pending = [];
    private ushort _counter;
    private byte _ownId;
    private int _clientId = -1;

    public Ethm1Encryption(string integrationKey)
    {
        var half = Encoding.ASCII.GetBytes(integrationKey.PadRight(12)[..12]);
        _aes.Key = [.. half, .. half];
        _iv = _aes.EncryptEcb(new byte[16], PaddingMode.None);
    }

    /// <summary>Messages refused: too short, or not carrying back the id the module sent last.</summary>
    public int Refused { get; private set; }

    public byte[] Encrypt(byte[] plain)
    {
        var full = plain.Length / 16 * 16;
        var head = _aes.EncryptCbc(plain.AsSpan(0, full), _iv, PaddingMode.None);
        var last = full == 0 ? _iv : head[^16..];
        var stream = _aes.EncryptEcb(last, PaddingMode.None);
        return [.. head, .. plain.Skip(full).Select((b, i) => (byte)(b ^ stream[i]))];
    }

    public byte[] Decrypt(byte[] cipher)
    {
        var full = cipher.Length / 16 * 16;
        var head = _aes.DecryptCbc(cipher.AsSpan(0, full), _iv, PaddingMode.None);
        var last = full == 0 ? _iv : cipher[(full - 16)..full];
        var stream = _aes.EncryptEcb(last, PaddingMode.None);
        return [.. head, .. cipher.Skip(full).Select((b, i) => (byte)(b ^ stream[i]))];
    }

    /// <summary>The plain bytes (the frame and any padding after it) of every whole message received.</summary>
    public IReadOnlyList<byte[]> Receive(ReadOnlySpan<byte> bytes)
    {
        _pending.AddRange(bytes);
        var plains = new List<byte[]>();
        while (_pending.Count > 0 && _pending.Count >= 1 + _pending[0])
        {
            var length = _pending[0];
            var message = _pending.GetRange(1, length).ToArray();
            _pending.RemoveRange(0, 1 + length);
            var plain = Decrypt(message);
            if (length < 16 || (_clientId >= 0 && plain[5] != _ownId))
            {
                Refused++;
                continue;
            }

            _clientId = plain[4];
            plains.Add(plain[6..]);
        }

        return plains;
    }

    public byte[] Send(byte[] frame)
    {
        _ownId = (byte)Random.Shared.Next(256);
        var plain = new byte[Math.Max(16, 6 + frame.Length)];
        Random.Shared.NextBytes(plain.AsSpan(0, 2));
        plain[2] = (byte)(_counter >> 8);
        plain[3] = (byte)_counter++;
        plain[4] = _ownId;
        plain[5] = (byte)_clientId;
        frame.CopyTo(plain, 6);
        var cipher = Encrypt(plain);
        return [(byte)cipher.Length, .. cipher];
    }

    public void Dispose() => _aes.Dispose();
}
