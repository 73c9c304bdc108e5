using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Sotp.Storage.Secrets;
using Sotp.Testing;

namespace Sotp.Storage.Tests;

public class MasterKeyLoaderTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void FirstLoad_CreatesAKeyFileOnlyTheOwnerCanRead_AndLaterLoadsReuseIt()
    {
        using var directory = new TempDirectory();
        var loader = Loader(new SecretsOptions(), directory.Path);

        var first = loader.Load();
        var second = loader.Load();

        var file = Path.Combine(directory.Path, "master.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal("x", second.UnprotectString(first.Protect("x", "p"), "p"));
    }

    [Fact]
    public void AConfiguredKey_WinsOverTheFile()
    {
        using var directory = new TempDirectory();
        var key = RandomNumberGenerator.GetBytes(32);

        var cipher = Loader(new SecretsOptions { MasterKey = Convert.ToBase64String(key) }, directory.Path).Load();

        Assert.Equal(new Sotp.Core.Secrets.SecretCipher(key).KeyId, cipher.KeyId);
        Assert.False(File.Exists(Path.Combine(directory.Path, "master.key")));
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("c2hvcnQ=")]
    public void AMalformedKey_IsRefusedNamingTheSetting(string key)
    {
        using var directory = new TempDirectory();

        var error = Assert.Throws<StoreUnavailableException>(() => Loader(new SecretsOptions { MasterKey = key }, directory.Path).Load());

        Assert.Contains("Secrets:MasterKey", error.Message);
        Assert.DoesNotContain(key, error.Message);
    }

    [Fact]
    public void AMissingKeyFile_IsRefusedNamingIt()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "absent.key");

        var error = Assert.Throws<StoreUnavailableException>(() => Loader(new SecretsOptions { MasterKeyFile = path }, directory.Path).Load());

        Assert.Contains(path, error.Message);
    }

    private static MasterKeyLoader Loader(SecretsOptions secrets, string dataDirectory) =>
        new(Options.Create(secrets), Options.Create(new StoreOptions { DataDirectory = dataDirectory }));
}
