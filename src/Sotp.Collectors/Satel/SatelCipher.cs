using System.Security.Cryptography;
using System.Text;

namespace Sotp.Collectors.Satel;

/// <summary>
/// The ETHM-1 Plus "integration key" cipher: AES-192 under the key written twice (12 ASCII characters,
/// space-padded), restarted for every message. Full 16-byte blocks are chained (<c>C = E(P xor cv); cv = C</c>, cv
/// starting as E(0)); a final partial block is XORed with <c>E(cv)</c>, so a message keeps its length.
/// </summary>
public sealed class SatelCipher : IDisposable
{
    public const int MaxKeyLength = 12;
    private const int Block = 16;

    private readonly Aes _aes;

    /// <exception cref="ArgumentException">The key is empty, longer than 12 characters, or not printable ASCII.</exception>
    public SatelCipher(string integrationKey)
    {
        if (!IsValidKey(integrationKey))
        {
            throw new ArgumentException($"An integration key is 1..{MaxKeyLength} printable ASCII characters.", nameof(integrationKey));
        }

        var half = Encoding.ASCII.GetBytes(integrationKey.PadRight(MaxKeyLength));
        _aes = Aes.Create();
        _aes.Key = [.. half, .. half];
    }

    public static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= MaxKeyLength && key.All(c => c is >= ' ' and <= '~');

    public byte[] Encrypt(ReadOnlySpan<byte> plain) => Transform(plain, encrypt: true);

    public byte[] Decrypt(ReadOnlySpan<byte> cipher) => Transform(cipher, encrypt: false);

    public void Dispose() => _aes.Dispose();

    private byte[] Transform(ReadOnlySpan<byte> input, bool encrypt)
    {
        var output = new byte[input.Length];
        Span<byte> cv = stackalloc byte[Block];
        Span<byte> work = stackalloc byte[Block];
        _aes.EncryptEcb(new byte[Block], cv, PaddingMode.None);
        var full = input.Length / Block * Block;
        for (var offset = 0; offset < full; offset += Block)
        {
            var block = input.Slice(offset, Block);
            var result = output.AsSpan(offset, Block);
            if (encrypt)
            {
                Xor(block, cv, work);
                _aes.EncryptEcb(work, result, PaddingMode.None);
                result.CopyTo(cv);
            }
            else
            {
                _aes.DecryptEcb(block, work, PaddingMode.None);
                Xor(work, cv, result);
                block.CopyTo(cv);
            }
        }

        if (full < input.Length)
        {
            _aes.EncryptEcb(cv, work, PaddingMode.None);
            Xor(input[full..], work, output.AsSpan(full));
        }

        return output;
    }

    private static void Xor(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = (byte)(a[i] ^ b[i]);
        }
    }
}
