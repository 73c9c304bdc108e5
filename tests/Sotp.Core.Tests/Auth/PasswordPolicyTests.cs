using Sotp.Core.Users;

namespace Sotp.Core.Tests.Auth;

public class PasswordPolicyTests
{
    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("Zmiana-Dyżuru-2026")]
    public void AGoodPassphrase_Passes(string password)
    {
        Assert.Empty(PasswordPolicy.Check("anna", password));
    }

    [Theory]
    [InlineData("short1!", "at least 12")]
    [InlineData("anna-anna-anna-2026", "username")]
    [InlineData("aaaaaaaaaaaaaaaa", "4 different")]
    [InlineData("password1234", "too common")]
    public void AWeakPassword_IsRefusedWithTheReason(string password, string reason)
    {
        Assert.Contains(PasswordPolicy.Check("anna", password), problem => problem.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void AnOverlongPassword_IsRefused()
    {
        Assert.Contains(PasswordPolicy.Check("anna", new string('x', 64) + new string('y', 65)), p => p.Contains("at most 128", StringComparison.Ordinal));
    }
}
