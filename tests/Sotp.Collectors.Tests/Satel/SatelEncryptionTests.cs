using CsCheck;
using Sotp.Collectors.Satel;
using Sotp.Testing.Satel;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>
/// ETHM-1 Plus encryption: the client's cipher against the simulator's separately written one (CBC from .NET), the
/// session's framing against any bytes, and a whole encrypted conversation over loopback TCP.
/// </summary>
public sealed class SatelEncryptionTests
{
    private static readonly Gen<string> Keys = Gen.Char['!', '~'].Array[1, SatelCipher.MaxKeyLength].Select(chars => new string(chars));

    [Fact]
    public void TheCipher_AgreesWithTheModulesCbcCipher_BothWays_AndKeepsTheLength() =>
        Gen.Select(Keys, Gen.Byte.Array[16, 120]).Sample((key, plain) =>
        {
            using var ours = new SatelCipher(key);
            using var module = new Ethm1Encryption(key);
            var sealedBytes = ours.Encrypt(plain);
            return sealedBytes.Length == plain.Length
                && sealedBytes.SequenceEqual(module.Encrypt(plain))
                && ours.Decrypt(module.Encrypt(plain)).SequenceEqual(plain)
                && module.Decrypt(sealedBytes).SequenceEqual(plain);
        });

    [Fact]
    public void EachMessage_RestartsTheChain_SoTheSamePlainTextEncryptsTheSame()
    {
        using var cipher = new SatelCipher("abc");
        var plain = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();

        Assert.Equal(cipher.Encrypt(plain), cipher.Encrypt(plain));
        Assert.NotEqual(plain[..16], cipher.Encrypt(plain)[..16]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("thirteen-char")]
    [InlineData("zażółć")]
    public void KeysThatAreNotOneToTwelveAsciiCharacters_AreRefused(string key) =>
        Assert.Throws<ArgumentException>(() => new SatelCipher(key));

    [Fact]
    public void AnyBytes_NeverThrow_AndOpenNothingWithoutTheKey() =>
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            using var session = new SatelEncryptedSession(new SatelCipher("key"));
            session.Seal(new SatelFrame(0x7F, []).Encode());
            return session.Open(bytes).All(opened => opened.Length > 0);
        });

    [Fact]
    public void AnAnswer_CutAnywhere_OpensToExactlyTheFrame() =>
        Gen.Select(Gen.Byte.Array[0, 40], Gen.Int[1, 9]).Sample((data, chunk) =>
        {
            using var client = new SatelEncryptedSession(new SatelCipher("secret"));
            using var module = new Ethm1Encryption("secret");
            var frame = new SatelFrame(0x7E, data).Encode();
            _ = module.Receive(client.Seal(new SatelFrame(0x7E, []).Encode()));
            var answer = module.Send(frame);

            var opened = answer.Chunk(chunk).SelectMany(piece => client.Open(piece)).ToList();

            return opened.Count == 1 && opened[0].SequenceEqual(frame) && client.Refused == 0;
        });

    [Fact]
    public void AnAnswerToAnEarlierMessage_IsRefused()
    {
        using var client = new SatelEncryptedSession(new SatelCipher("secret"));
        using var module = new Ethm1Encryption("secret");
        _ = module.Receive(client.Seal(new SatelFrame(0x7F, []).Encode()));
        var late = module.Send(new SatelFrame(0x7F, [1, 2, 3]).Encode());
        client.Seal(new SatelFrame(0x7F, []).Encode());

        var opened = client.Open(late);

        Assert.True(opened.Count == 0 || client.Refused == 0, "ids are one byte: a 1 in 256 chance to match again");
        Assert.Equal(opened.Count == 0 ? 1 : 0, client.Refused);
    }

    [Fact]
    public async Task WithTheRightKey_TheEncryptedModuleAnswers()
    {
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions { IntegrationKey = "Sotp-key-01" });
        await using var client = await SatelClient.ConnectAsync("127.0.0.1", simulator.Port, new SatelClientOptions { IntegrationKey = "Sotp-key-01" });

        var panel = await client.ReadPanelAsync();
        simulator.Panel.ViolateZone(3);
        var zones = await client.ReadZonesAsync(SatelZoneQuery.Violation);

        Assert.Equal("INTEGRA 128 PLUS", panel.Model);
        Assert.Contains(3, zones);
        Assert.Equal(0, client.CorruptFrames);
    }

    [Fact]
    public async Task WithAWrongKey_NothingIsUnderstood_AndTheRefusalsAreCounted()
    {
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions { IntegrationKey = "right" });
        await using var client = await SatelClient.ConnectAsync("127.0.0.1", simulator.Port,
            new SatelClientOptions { IntegrationKey = "wrong", RequestTimeout = TimeSpan.FromMilliseconds(500) });

        await Assert.ThrowsAsync<TimeoutException>(() => client.ReadPanelAsync());
    }

    [Fact]
    public async Task WithoutAKey_AnEncryptedModuleAnswersNothing()
    {
        await using var simulator = new Ethm1Simulator(new Ethm1SimulatorOptions { IntegrationKey = "right" });
        await using var client = await SatelClient.ConnectAsync("127.0.0.1", simulator.Port, new SatelClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(500) });

        await Assert.ThrowsAsync<TimeoutException>(() => client.ReadPanelAsync());
    }
}
