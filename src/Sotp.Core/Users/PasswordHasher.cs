using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Sotp.Core.Users;

/// <summary>
/// Argon2id password hashes in the PHC string format
/// (<c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>), so the cost can be raised later and old hashes still verify.
/// The defaults are OWASP's minimum for Argon2id (19 MiB, 2 iterations, 1 lane).
/// </summary>
public static class PasswordHasher
{
    private const int DefaultMemoryKiB = 19_456;
    private const int DefaultIterations = 2;
    private const int DefaultParallelism = 1;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(password, salt, DefaultMemoryKiB, DefaultIterations, DefaultParallelism, HashBytes);
        return $"$argon2id$v=19$m={DefaultMemoryKiB},t={DefaultIterations},p={DefaultParallelism}" +
               $"${ToBase64(salt)}${ToBase64(hash)}";
    }

    /// <summary>False for a wrong password and for any malformed stored hash; never throws on bad input.</summary>
    public static bool Verify(string password, string phcHash)
    {
        var parts = phcHash.Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }

        if (!TryParseCost(parts[3], out var memory, out var iterations, out var parallelism) ||
            !TryFromBase64(parts[4], out var salt) || !TryFromBase64(parts[5], out var expected) ||
            salt.Length is < 8 or > 64 || expected.Length is < 16 or > 64)
        {
            return false;
        }

        var actual = Compute(password, salt, memory, iterations, parallelism, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Compute(string password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memoryKiB,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon.GetBytes(length);
    }

    private static bool TryParseCost(string text, out int memory, out int iterations, out int parallelism)
    {
        memory = iterations = parallelism = 0;
        foreach (var pair in text.Split(','))
        {
            var kv = pair.Split('=');
            if (kv.Length != 2 || !int.TryParse(kv[1], out var value) || value <= 0)
            {
                return false;
            }

            switch (kv[0])
            {
                case "m": memory = value; break;
                case "t": iterations = value; break;
                case "p": parallelism = value; break;
                default: return false;
            }
        }

        // Bounds keep a forged hash from making a login cost gigabytes or minutes.
        // Argon2 itself needs at least 8 KiB of memory per lane.
        return memory is >= 8 and <= 1_048_576 && iterations is >= 1 and <= 16 && parallelism is >= 1 and <= 16 &&
               memory >= 8 * parallelism;
    }

    // PHC strings use unpadded standard base64.
    private static string ToBase64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryFromBase64(string text, out byte[] bytes)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        bytes = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, bytes, out var written))
        {
            return false;
        }

        bytes = bytes[..written];
        return written > 0;
    }
}
