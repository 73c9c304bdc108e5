using CsCheck;
using Sotp.Core.Users;

namespace Sotp.Core.Tests.Users;

public class PasswordHasherTests
{
    [Fact]
    public void Verify_WithTheHashedPassword_ReturnsTrue()
    {
        var hash = PasswordHasher.Hash("correct horse battery staple");

        Assert.True(PasswordHasher.Verify("correct horse battery staple", hash));
    }

    [Fact]
    public void Verify_WithAnotherPassword_ReturnsFalse()
    {
        var hash = PasswordHasher.Hash("correct horse battery staple");

        Assert.False(PasswordHasher.Verify("correct horse battery stapler", hash));
    }

    [Fact]
    public void Hash_OfTheSamePasswordTwice_DiffersBySalt()
    {
        Assert.NotEqual(PasswordHasher.Hash("same"), PasswordHasher.Hash("same"));
    }

    [Fact]
    public void Hash_IsPhcArgon2id()
    {
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", PasswordHasher.Hash("x"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=4000000000,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$not base64!$aGFzaA")]
    [InlineData("$argon2id$v=19$m=19456,t=99,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=8,t=1,p=1$AAAA$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=8,t=1,p=4$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA")]
    public void Verify_WithMalformedStoredHash_ReturnsFalse(string stored)
    {
        Assert.False(PasswordHasher.Verify("anything", stored));
    }

    [Fact]
    public void Verify_WithAnyStoredText_NeverThrows()
    {
        // Stored hashes come from the database or an import; a damaged one must fail the login, not the server.
        var pieces = Gen.OneOf(Gen.String, Gen.Const("$argon2id"), Gen.Const("$v=19"), Gen.Const("$m=8,t=1,p=1"), Gen.Const("$AAAA"), Gen.Const("$"));
        pieces.Array[0, 8].Select(parts => string.Concat(parts))
            .Sample(stored =>
            {
                try
                {
                    _ = PasswordHasher.Verify("password", stored);
                }
                catch (Exception ex)
                {
                    throw new InvalidOperationException($"Verify threw {ex.GetType().Name} for stored hash \"{stored}\"", ex);
                }
            }, iter: 5_000);
    }
}
