using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Sotp.Core.Secrets;

namespace Sotp.Core.Tests.Secrets;

public class SecretCipherTests
{
    private readonly SecretCipher _cipher = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Unprotect_OfAProtectedValue_GivesItBack()
    {
        var value = _cipher.Protect("Hasło-do-weryfikacji 123", "contact:7");

        Assert.Equal("Hasło-do-weryfikacji 123", _cipher.UnprotectString(value, "contact:7"));
    }

    [Fact]
    public void Protect_TheSameValueTwice_GivesDifferentCiphertexts()
    {
        Assert.NotEqual(_cipher.Protect("same", "p"), _cipher.Protect("same", "p"));
    }

    [Fact]
    public void ProtectedValue_DoesNotContainThePlaintext()
    {
        var value = _cipher.Protect("visible-secret", "p");

        Assert.DoesNotContain("visible-secret", value);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("visible-secret")), value);
    }

    [Fact]
    public void Unprotect_ForAnotherPurpose_Fails()
    {
        var value = _cipher.Protect("x", "signing_key:a");

        Assert.Throws<SecretUnreadableException>(() => _cipher.Unprotect(value, "signing_key:b"));
    }

    [Fact]
    public void Unprotect_WithAnotherKey_SaysWhichKeyItNeeds()
    {
        var value = _cipher.Protect("x", "p");
        var other = new SecretCipher(RandomNumberGenerator.GetBytes(32));

        var error = Assert.Throws<SecretUnreadableException>(() => other.Unprotect(value, "p"));

        Assert.Contains(_cipher.KeyId, error.Message);
    }

    [Fact]
    public void Unprotect_OfATamperedValue_Fails()
    {
        var value = _cipher.Protect("amount=100", "p");
        var tampered = value[..^3] + (value[^3] == 'A' ? 'B' : 'A') + value[^2..];

        Assert.Throws<SecretUnreadableException>(() => _cipher.Unprotect(tampered, "p"));
    }

    [Fact]
    public void Unprotect_OfAnyText_FailsOnlyWithSecretUnreadable()
    {
        var prefix = Gen.OneOf(Gen.Const(""), Gen.Const("sv1."), Gen.Const($"sv1.{_cipher.KeyId}."));
        Gen.Select(prefix, Gen.String).Sample((p, rest) =>
        {
            try
            {
                _cipher.Unprotect(p + rest, "p");
                throw new InvalidOperationException($"'{p + rest}' decrypted");
            }
            catch (SecretUnreadableException)
            {
                // The only acceptable failure.
            }
        }, iter: 3_000);
    }

    [Fact]
    public void Constructor_RefusesAKeyThatIsNot256Bits()
    {
        Assert.Throws<ArgumentException>(() => new SecretCipher(new byte[16]));
    }
}
