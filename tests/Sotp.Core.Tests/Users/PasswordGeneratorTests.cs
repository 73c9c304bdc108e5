using Sotp.Core.Users;

namespace Sotp.Core.Tests.Users;

public class PasswordGeneratorTests
{
    [Fact]
    public void Generate_GivesFourGroupsOfFiveUnambiguousCharacters()
    {
        var password = PasswordGenerator.Generate();

        Assert.Matches("^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$", password);
    }

    [Fact]
    public void Generate_NeverRepeatsInPractice()
    {
        var passwords = Enumerable.Range(0, 1000).Select(_ => PasswordGenerator.Generate()).ToHashSet();

        Assert.Equal(1000, passwords.Count);
    }
}
