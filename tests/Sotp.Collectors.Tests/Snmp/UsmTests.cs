using System.Text;
using CsCheck;
using Sotp.Collectors.Snmp;

namespace Sotp.Collectors.Tests.Snmp;

public class UsmTests
{
    private static readonly byte[] Rfc3414EngineId = Convert.FromHexString("000000000000000000000002");

    [Theory]
    [InlineData(SnmpAuthProtocol.Md5, "9FAF3283884E92834EBC9847D8EDD963", "526F5EED9FCCE26F8964C2930787D82B")]
    [InlineData(SnmpAuthProtocol.Sha1, "9FB5CC0381497B3793528939FF788D5D79145211", "6695FEBC9288E36282235FC7151F128497B38F3F")]
    public void PasswordToKey_AndLocalisation_MatchRfc3414AppendixA3(SnmpAuthProtocol protocol, string ku, string kul)
    {
        var key = UsmKeys.PasswordToKey(protocol, "maplesyrup");
        Assert.Equal(ku, Convert.ToHexString(key));
        Assert.Equal(kul, Convert.ToHexString(UsmKeys.Localize(protocol, key, Rfc3414EngineId)));
    }

    [Theory]
    [InlineData("abc", "23097D223405D8228642A477BDA255B32AADBCE4BDA0B3F7E36C9DA7")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "75388B16512776CC5DBA5DA1FD890150B0C6455CB4F58B1952522525")]
    [InlineData("", "D14A028C2A3A2BC9476102BB288234C415A2B01F828EA62AC5B3E42F")]
    public void Sha224_MatchesTheFipsExamples(string text, string hash) =>
        Assert.Equal(hash, Convert.ToHexString(Sha224.Hash(Encoding.ASCII.GetBytes(text))));

    [Fact]
    public void HmacSha224_MatchesRfc4231TestCase2() =>
        Assert.Equal("A30E01098BC6DBBF45690F3A7E9E6D0F8BBEA2A39E6148008FD05E44",
            Convert.ToHexString(Sha224.Hmac("Jefe"u8, "what do ya want for nothing?"u8)));

    [Fact]
    public void Sha224_MatchesTheFipsMillionAs() =>
        Assert.Equal("20794655980C91D8BBB4C1EA97618A4BF03F42581948B2EE4EE7AD67", Convert.ToHexString(Sha224.Hash(Enumerable.Repeat((byte)'a', 1_000_000).ToArray())));

    [Theory]
    [InlineData(SnmpAuthProtocol.Md5, 16)]
    [InlineData(SnmpAuthProtocol.Sha1, 20)]
    public void PrivKeyForAes256_IsExtendedByHashingTheKeySoFar(SnmpAuthProtocol auth, int hashBytes)
    {
        var localized = UsmKeys.LocalizedAuthKey(auth, "privpass123", Rfc3414EngineId);
        var extended = UsmKeys.LocalizedPrivKey(auth, SnmpPrivProtocol.Aes256, "privpass123", Rfc3414EngineId);
        Assert.True(extended.Length >= 32);
        Assert.Equal(localized, extended[..hashBytes]);
        Assert.Equal(UsmKeys.Hash(auth, localized)[..(32 - hashBytes)], extended[hashBytes..32]);
    }

    [Theory]
    [InlineData(SnmpAuthProtocol.Md5, 12)]
    [InlineData(SnmpAuthProtocol.Sha1, 12)]
    [InlineData(SnmpAuthProtocol.Sha224, 16)]
    [InlineData(SnmpAuthProtocol.Sha256, 24)]
    [InlineData(SnmpAuthProtocol.Sha384, 32)]
    [InlineData(SnmpAuthProtocol.Sha512, 48)]
    public void SignedMessages_Verify_AndAnyChangedByteBreaksTheMac(SnmpAuthProtocol protocol, int macBytes)
    {
        Assert.Equal(macBytes, UsmAuthentication.MacBytes(protocol));
        var key = UsmKeys.LocalizedAuthKey(protocol, "authpass123", Rfc3414EngineId);
        var message = new V3Message(1, 65507, V3Flags.Auth | V3Flags.Reportable,
            new UsmSecurityParameters(Rfc3414EngineId, 1, 2, "user"u8.ToArray(), new byte[macBytes], []),
            new ScopedPdu(Rfc3414EngineId, [], Pdu.Request(PduType.GetRequest, 9, [Oid.Parse("1.3.6.1.2.1.1.5.0")])), null);
        var bytes = message.Encode(out var macAt);
        UsmAuthentication.Sign(protocol, key, bytes, macAt);
        Assert.True(UsmAuthentication.Verify(protocol, key, bytes, macAt, macBytes));
        Gen.Int[0, bytes.Length - 1].Sample(at =>
        {
            var changed = bytes.ToArray();
            changed[at] ^= 0x01;
            return !UsmAuthentication.Verify(protocol, key, changed, macAt, macBytes);
        });
    }

    [Theory]
    [InlineData(SnmpPrivProtocol.Des)]
    [InlineData(SnmpPrivProtocol.Aes128)]
    [InlineData(SnmpPrivProtocol.Aes192)]
    [InlineData(SnmpPrivProtocol.Aes256)]
    public void Privacy_RoundTrips_AnyLength(SnmpPrivProtocol protocol)
    {
        var key = UsmKeys.LocalizedPrivKey(SnmpAuthProtocol.Sha1, protocol, "privpass123", Rfc3414EngineId);
        Gen.Select(Gen.Byte.Array[0, 300], Gen.ULong, Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue]).Sample((plain, salt, boots, time) =>
        {
            var (cipher, parameters) = UsmPrivacy.Encrypt(protocol, key, boots, time, salt, plain);
            var ok = UsmPrivacy.TryDecrypt(protocol, key, boots, time, parameters, cipher, out var back);
            // DES pads to whole blocks; AES-CFB keeps the length.
            return ok && back.AsSpan(0, plain.Length).SequenceEqual(plain) && !cipher.AsSpan().SequenceEqual(plain.AsSpan(0, Math.Min(plain.Length, cipher.Length))) == (plain.Length > 0);
        });
    }

    [Fact]
    public void Aes128_MatchesTheNistCfbExample()
    {
        // NIST SP 800-38A F.3.13 CFB128-AES128.Encrypt, first block; the IV is boots, time and salt laid end to end.
        var key = Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C");
        var iv = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
        var boots = 0x00010203;
        var time = 0x04050607;
        var salt = 0x08090A0B0C0D0E0FUL;
        var (cipher, parameters) = UsmPrivacy.Encrypt(SnmpPrivProtocol.Aes128, key, boots, time, salt, Convert.FromHexString("6BC1BEE22E409F96E93D7E117393172AAE2D"));
        Assert.Equal(iv[8..], parameters);
        Assert.Equal("3B3FD92EB72DAD20333449F8E83CFB4AC8A6", Convert.ToHexString(cipher));
    }
}
