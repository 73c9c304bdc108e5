using Microsoft.Extensions.Options;
using Sotp.Core.Secrets;

namespace Sotp.Storage.Secrets;

/// <summary>Finds (or on first start creates) the master key and builds the <see cref="SecretCipher"/> from it.</summary>
public sealed class MasterKeyLoader(IOptions<SecretsOptions> secrets, IOptions<StoreOptions> store)
{
    internal const int KeyBytes = 32;

    /// <summary>The file the key is read from (and a rotation writes), or null when it comes from Secrets:MasterKey.</summary>
    public string? KeyFile =>
        !string.IsNullOrWhiteSpace(secrets.Value.MasterKey) ? null
        : Path.GetFullPath(!string.IsNullOrWhiteSpace(secrets.Value.MasterKeyFile)
            ? secrets.Value.MasterKeyFile
            : Path.Combine(store.Value.DataDirectory, SecretsOptions.DefaultKeyFileName));

    public SecretCipher Load()
    {
        var options = secrets.Value;
        if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            return new SecretCipher(Decode(options.MasterKey, "Secrets:MasterKey"));
        }

        if (!string.IsNullOrWhiteSpace(options.MasterKeyFile))
        {
            var path = Path.GetFullPath(options.MasterKeyFile);
            if (!File.Exists(path))
            {
                throw new StoreUnavailableException($"The master key file {path} (Secrets:MasterKeyFile) does not exist.");
            }

            return new SecretCipher(Decode(File.ReadAllText(path), $"the master key file {path}"));
        }

        var defaultPath = Path.GetFullPath(Path.Combine(store.Value.DataDirectory, SecretsOptions.DefaultKeyFileName));
        return new SecretCipher(File.Exists(defaultPath) ? Decode(File.ReadAllText(defaultPath), $"the master key file {defaultPath}") : Create(defaultPath));
    }

    private static byte[] Create(string path)
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(KeyBytes);
        try
        {
            WriteOwnerOnly(path, key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it a moment ago: use theirs.
            return Decode(File.ReadAllText(path), $"the master key file {path}");
        }
    }

    /// <summary>Writes a key to a new file readable by its owner only, from the moment it exists.</summary>
    internal static void WriteOwnerOnly(string path, byte[] key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(Convert.ToBase64String(key));
    }

    private static byte[] Decode(string text, string source)
    {
        var bytes = new byte[KeyBytes + 3];
        if (!Convert.TryFromBase64String(text.Trim(), bytes, out var written) || written != KeyBytes)
        {
            throw new StoreUnavailableException($"The master key from {source} is not 32 bytes of base64 (make one with: openssl rand -base64 32).");
        }

        return bytes[..KeyBytes];
    }
}
