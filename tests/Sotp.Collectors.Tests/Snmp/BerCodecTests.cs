using Sotp.Collectors.Snmp;

namespace Sotp.Collectors.Tests.Snmp;

public class BerCodecTests
{
    /// <summary>The discovery report net-snmp 5.9.3 sent to snmpget (captured with snmpget -d).</summary>
    private const string NetSnmpDiscoveryReport =
        "3071020103301102043 7A76AD4020300FFE304010002010304213 01F0411800 01F8880C52F03651FAD0E6B00000000" +
        "020101020112040004000400303604118000 1F8880C52F03651FAD0E6B000000000400A81F02041C82809E020100020100" +
        "3011300F060A2B060106030F0101040041010D";

    [Theory]
    [InlineData(0L, "020100")]
    [InlineData(127L, "02017F")]
    [InlineData(128L, "02020080")]
    [InlineData(-1L, "0201FF")]
    [InlineData(-128L, "020180")]
    [InlineData(-129L, "0202FF7F")]
    [InlineData(int.MaxValue, "02047FFFFFFF")]
    [InlineData(int.MinValue, "020480000000")]
    public void Integers_AreMinimalTwosComplement(long value, string hex)
    {
        var writer = new BerWriter();
        writer.WriteInteger(value);
        Assert.Equal(hex, Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void UnsignedValues_GetALeadingZeroWhenTheTopBitIsSet()
    {
        Assert.Equal("4105 00FFFFFFFF".Replace(" ", ""), Encode(SnmpValue.Counter32(uint.MaxValue)));
        Assert.Equal("430100", Encode(SnmpValue.TimeTicks(0)));
        Assert.Equal("46090080000000000000 00".Replace(" ", ""), Encode(SnmpValue.Counter64(0x8000_0000_0000_0000)));
    }

    [Theory]
    [InlineData("1.3.6.1.2.1.1.5.0", "06082B06010201010500")]
    [InlineData("2.999.3", "0603883703")]
    [InlineData("1.3.6.1.4.1.4294967295", "060A2B060104018FFFFFFF7F")]
    public void Oids_PackTheFirstTwoArcsAndUseBase128(string oid, string hex)
    {
        Assert.Equal(hex, Encode(SnmpValue.ObjectIdentifier(Oid.Parse(oid))));
        Assert.Equal(oid, Decode(hex).AsOid().ToString());
    }

    [Fact]
    public void LongValues_UseTheLongLengthForm()
    {
        var encoded = Encode(SnmpValue.OctetString(new byte[200]));
        Assert.StartsWith("0481C8", encoded);
        Assert.Equal(200, Decode(encoded).AsBytes().Length);
    }

    [Fact]
    public void TheExceptionValues_AreEmptyContextTags()
    {
        Assert.Equal("8000", Encode(SnmpValue.NoSuchObject));
        Assert.Equal("8100", Encode(SnmpValue.NoSuchInstance));
        Assert.Equal("8200", Encode(SnmpValue.EndOfMibView));
        Assert.True(Decode("8200").IsException);
    }

    [Theory]
    [InlineData("0280", "indefinite")]
    [InlineData("02050102", "runs past the end")]
    [InlineData("1F0100", "multi-byte tag")]
    [InlineData("0600", "empty OID")]
    [InlineData("06022B86", "cut off")]
    [InlineData("4106010000000000", "unsigned 32-bit")]
    [InlineData("40030A0000", "IpAddress of 3 bytes")]
    [InlineData("050101", "content")]
    [InlineData("9900", "unknown value type")]
    public void BadValues_ThrowTheDecodeException_WithAReason(string hex, string reason)
    {
        var error = Assert.Throws<SnmpDecodeException>(() => Decode(hex));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASingleArcOid_IsRefused()
    {
        // "06 01 00" decodes to 0.0; a bare "0" cannot be written, so the API refuses it instead.
        Assert.Equal("0.0", Decode("060100").AsOid().ToString());
        Assert.Throws<ArgumentException>(() => new Oid(1));
    }

    [Fact]
    public void NetSnmpsDiscoveryReport_Decodes()
    {
        var bytes = Convert.FromHexString(NetSnmpDiscoveryReport.Replace(" ", ""));
        Assert.Equal(SnmpVersion.V3, SnmpMessage.ReadVersion(bytes));
        var message = V3Message.Decode(bytes, out _);
        Assert.Equal(0x37A76AD4, message.MessageId);
        Assert.Equal(V3Flags.None, message.Flags);
        Assert.Equal("80001F8880C52F03651FAD0E6B00000000", Convert.ToHexString(message.Security.EngineId));
        Assert.Equal(1, message.Security.EngineBoots);
        Assert.Equal(18, message.Security.EngineTime);
        var report = message.Plaintext!.Pdu;
        Assert.Equal(PduType.Report, report.Type);
        Assert.Equal(Oid.Parse("1.3.6.1.6.3.15.1.1.4.0"), report.VarBinds[0].Oid);
        Assert.Equal(SnmpValue.Counter32(13), report.VarBinds[0].Value);
    }

    [Fact]
    public void GetBulk_KeepsNonRepeatersAndMaxRepetitionsInTheErrorFields()
    {
        var pdu = Pdu.GetBulk(7, 1, 25, [Oid.Parse("1.3.6.1.2.1.2.2")]);
        var hex = Convert.ToHexString(PduCodec.EncodePdu(pdu));
        Assert.Equal("A51802010702010102011930 0D300B06072B0601020102020500".Replace(" ", ""), hex);
        var decoded = PduCodec.DecodePdu(Convert.FromHexString(hex));
        Assert.Equal((1, 25), (decoded.NonRepeaters, decoded.MaxRepetitions));
    }

    private static string Encode(SnmpValue value)
    {
        var writer = new BerWriter();
        PduCodec.WriteValue(writer, value);
        return Convert.ToHexString(writer.Written);
    }

    private static SnmpValue Decode(string hex)
    {
        var reader = new BerReader(Convert.FromHexString(hex));
        var value = PduCodec.ReadValue(ref reader);
        reader.ExpectEnd();
        return value;
    }
}
