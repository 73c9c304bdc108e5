using Sotp.Collectors.Satel;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>The test vectors of Satel's protocol description and of a frame captured from a real panel.</summary>
public class SatelCodecTests
{
    [Theory]
    [InlineData("E0 12 34 FF FF", 0x8A9B)]
    [InlineData("09 00 00 00 00", 0x7DB4)]
    public void Crc_MatchesTheVectors(string bytes, int expected)
    {
        var all = Hex(bytes);

        Assert.Equal(expected, SatelCrc.Compute(all[0], all.AsSpan(1)));
    }

    [Theory]
    [InlineData("E0 12 34 FF FF", "FE FE E0 12 34 FF FF 8A 9B FE 0D")]
    [InlineData("09 00 00 00 00", "FE FE 09 00 00 00 00 7D B4 FE 0D")]
    public void Encode_GivesTheDocumentedFrame(string payload, string wire)
    {
        var all = Hex(payload);

        Assert.Equal(Hex(wire), new SatelFrame(all[0], all[1..]).Encode());
    }

    [Fact]
    public void Encode_StuffsEveryFeAfterTheHeader_IncludingInTheChecksum()
    {
        var frame = new SatelFrame(0x17, [0xFE, 0x01, 0xFE]);

        var wire = frame.Encode();

        Assert.Equal(Hex("FE FE 17 FE F0 01 FE F0"), wire[..8]);
        Assert.Equal(frame, Assert.IsType<SatelDecoded.Frame>(Assert.Single(new SatelFrameDecoder().Feed(wire))).Value);
    }

    [Fact]
    public void TheCommandByte_CannotBeFe() =>
        Assert.Throws<ArgumentException>(() => new SatelFrame(0xFE, []).Encode());

    [Fact]
    public void Decode_ReadsAFrameSplitAcrossManyReads()
    {
        var decoder = new SatelFrameDecoder();
        var wire = Hex("FE FE 09 00 00 00 00 7D B4 FE 0D");

        var found = wire.SelectMany(b => decoder.Feed([b])).ToList();

        Assert.Equal(new SatelFrame(0x09, [0, 0, 0, 0]), Assert.IsType<SatelDecoded.Frame>(Assert.Single(found)).Value);
    }

    [Fact]
    public void Decode_ReportsABadChecksum_AndReadsTheNextFrame()
    {
        var decoder = new SatelFrameDecoder();

        var found = decoder.Feed([.. Hex("FE FE 09 00 00 00 00 7D B5 FE 0D"), .. Hex("FE FE E0 12 34 FF FF 8A 9B FE 0D")]);

        Assert.Contains("checksum", Assert.IsType<SatelDecoded.Corrupt>(found[0]).Reason);
        Assert.Equal(0xE0, Assert.IsType<SatelDecoded.Frame>(found[1]).Value.Command);
    }

    [Fact]
    public void Decode_ResynchronisesWhenANewSyncCutsAFrameShort()
    {
        var decoder = new SatelFrameDecoder();

        var found = decoder.Feed([.. Hex("FE FE 09 00 00"), .. Hex("FE FE 09 00 00 00 00 7D B4 FE 0D")]);

        Assert.IsType<SatelDecoded.Corrupt>(found[0]);
        Assert.IsType<SatelDecoded.Frame>(found[1]);
    }

    [Fact]
    public void Decode_RecognisesTheBusyLine()
    {
        var found = new SatelFrameDecoder().Feed(Hex("10 42 75 73 79 21 0D 0A"));

        Assert.IsType<SatelDecoded.Busy>(Assert.Single(found));
    }

    [Theory]
    [InlineData("1234", null, "12 34 FF FF FF FF FF FF")]
    [InlineData("1234", "97", "97 12 34 FF FF FF FF FF")]
    [InlineData("1234567890123456", null, "12 34 56 78 90 12 34 56")]
    public void UserCodes_AreBcdPaddedWithF(string code, string? prefix, string expected) =>
        Assert.Equal(Hex(expected), SatelEncoding.UserCode(code, prefix));

    [Theory]
    [InlineData("")]
    [InlineData("12a4")]
    [InlineData("12345678901234567")]
    public void BadUserCodes_AreRefused(string code) =>
        Assert.Throws<ArgumentException>(() => SatelEncoding.UserCode(code));

    [Fact]
    public void Sets_AreLeastSignificantBitFirst()
    {
        Assert.Equal(Hex("03 00 00 10"), SatelEncoding.Set([1, 2, 29], 4));
        Assert.Equal(Hex("05 00 00 00 00 00 00 20 00 00 00 00 00 00 80 00"), SatelEncoding.Set([1, 3, 62, 120], 16));
        Assert.Equal([1, 3, 62, 120], SatelEncoding.Numbers(Hex("05 00 00 00 00 00 00 20 00 00 00 00 00 00 80 00")));
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(33, 4)]
    public void ANumberOutsideTheSet_IsRefused(int number, int bytes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SatelEncoding.Set([number], bytes));

    [Theory]
    [InlineData(0xFFFF, null)]
    [InlineData(110, 0.0)]
    [InlineData(151, 20.5)]
    [InlineData(0, -55.0)]
    public void Temperatures_AreHalfDegreesFromMinus55(int raw, double? celsius) =>
        Assert.Equal(celsius, SatelEncoding.Temperature((ushort)raw));

    [Fact]
    public void ResultCodes_AreDescribed()
    {
        Assert.Equal("cannot arm, but force arm is possible", SatelResult.Describe(0x11));
        Assert.True(SatelResult.IsSuccess(0xFF));
        Assert.False(SatelResult.IsSuccess(0x01));
    }

    internal static byte[] Hex(string spaced) => Convert.FromHexString(spaced.Replace(" ", "", StringComparison.Ordinal));
}
