using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Sotp.Core.Secrets;

namespace Sotp.Storage.Secrets;

/// <summary>
/// Replaces the master key: every protected value (secrets, token signing keys) is decrypted with the current
/// key and encrypted with a new one in ONE transaction, so the store never holds a mix. The new key is written
/// beside the key file first and renamed over it only after the commit. Stop the servers first: a running
/// server keeps the old key in memory.
/// </summary>
public sealed class MasterKeyRotation(Store store, SecretCipher current, MasterKeyLoader loader)
{
    /// <param name="NewKey">Base64 of the new key when it must be handed to the operator (it came from Secrets:MasterKey); otherwise null.</param>
    public sealed record Result(int ValuesReencrypted, string? KeyFile, string? NewKey);

    public async Task<Result> RotateAsync(CancellationToken cancellationToken)
    {
        var newKey = RandomNumberGenerator.GetBytes(MasterKeyLoader.KeyBytes);
        var next = new SecretCipher(newKey);
        var keyFile = loader.KeyFile;
        var staged = keyFile is null ? null : keyFile + ".new";
        if (staged is not null)
        {
            File.Delete(staged);
            MasterKeyLoader.WriteOwnerOnly(staged, newKey);
        }

        int count;
        try
        {
            count = await ReencryptAsync(next, cancellationToken);
        }
        catch
        {
            if (staged is not null)
            {
                File.Delete(staged);
            }

            throw;
        }

        if (staged is not null)
        {
            File.Move(staged, keyFile!, overwrite: true);
        }

        return new Result(count, keyFile, keyFile is null ? Convert.ToBase64String(newKey) : null);
    }

    private async Task<int> ReencryptAsync(SecretCipher next, CancellationToken cancellationToken)
    {
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        var count = 0;
        var secrets = await write.Connection.QueryAsync<(long Id, string Value)>(new CommandDefinition(
            "SELECT id, protected_value FROM secrets", transaction: write.Transaction, cancellationToken: cancellationToken));
        foreach (var (id, value) in secrets)
        {
            var purpose = $"secret:{id.ToString(CultureInfo.InvariantCulture)}";
            await write.Connection.ExecuteAsync(new CommandDefinition("UPDATE secrets SET protected_value = @value WHERE id = @id",
                new { id, value = Reencrypt(value, purpose, next) }, write.Transaction, cancellationToken: cancellationToken));
            count++;
        }

        var signingKeys = await write.Connection.QueryAsync<(string Kid, string Value)>(new CommandDefinition(
            "SELECT kid, private_key FROM signing_keys", transaction: write.Transaction, cancellationToken: cancellationToken));
        foreach (var (kid, value) in signingKeys)
        {
            await write.Connection.ExecuteAsync(new CommandDefinition("UPDATE signing_keys SET private_key = @value WHERE kid = @kid",
                new { kid, value = Reencrypt(value, $"signing_key:{kid}", next) }, write.Transaction, cancellationToken: cancellationToken));
            count++;
        }

        await write.CommitAsync(cancellationToken);
        return count;
    }

    private byte[] DecryptOrExplain(string value, string purpose)
    {
        try
        {
            return current.Unprotect(value, purpose);
        }
        catch (SecretUnreadableException ex)
        {
            // Rotating around an unreadable value would lose it for good; stop and say which one.
            throw new StoreUnavailableException($"Rotation stopped, nothing changed: {purpose} cannot be decrypted with the current key ({ex.Message})");
        }
    }

    private string Reencrypt(string value, string purpose, SecretCipher next) => next.Protect(DecryptOrExplain(value, purpose), purpose);
}
