using CsCheck;
using Sotp.Collectors.Snmp;

namespace Sotp.Collectors.Tests.Snmp;

public class BerCodecPropertyTests
{
    [Fact]
    public void EveryPdu_DecodesToItself() =>
        SnmpGen.Pdu.Sample(pdu => PduCodec.DecodePdu(PduCodec.EncodePdu(pdu)).Equals(pdu));

    [Fact]
    public void EveryCommunityMessage_DecodesToItself() =>
        SnmpGen.CommunityMessage.Sample(message => SnmpMessage.DecodeCommunity(message.Encode()).Equals(message));

    [Fact]
    public void EveryV3Message_DecodesToItself_AndTheMacOffsetPointsAtTheMac() =>
        SnmpGen.V3Message.Sample(message =>
        {
            var bytes = message.Encode(out var encodedAt);
            var decoded = V3Message.Decode(bytes, out var decodedAt);
            var mac = message.Security.AuthenticationParameters;
            return decoded.Equals(message) && encodedAt == decodedAt && bytes.AsSpan(encodedAt, mac.Length).SequenceEqual(mac);
        });

    [Fact]
    public void EveryOid_SurvivesTextAndBer() =>
        SnmpGen.Oid.Sample(oid =>
        {
            var writer = new BerWriter();
            writer.WriteOid(oid);
            var reader = new BerReader(writer.Written);
            var decoded = PduCodec.ReadValue(ref reader).AsOid();
            return decoded == oid && Oid.Parse(oid.ToString()) == oid;
        });

    [Fact]
    public void RandomBytes_ThrowOnlyTheDecodeException() =>
        Gen.Byte.Array[0, 400].Sample(bytes => DecodesOrThrowsDecodeException(bytes));

    [Fact]
    public void RandomBytesBehindAValidPrefix_ThrowOnlyTheDecodeException() =>
        // Pure noise rarely gets past the first tag; a real message head makes the decoder go deeper.
        Gen.Select(SnmpGen.V3Message, Gen.Int[0, 60], Gen.Byte.Array[0, 300]).Sample((message, keep, noise) =>
        {
            var bytes = message.Encode(out _);
            return DecodesOrThrowsDecodeException([.. bytes.AsSpan(0, Math.Min(keep, bytes.Length)), .. noise]);
        });

    [Fact]
    public void TruncatedMessages_ThrowOnlyTheDecodeException() =>
        Gen.Select(SnmpGen.V3Message, SnmpGen.CommunityMessage, Gen.Double[0, 1]).Sample((v3, community, cut) =>
        {
            var first = v3.Encode(out _);
            var second = community.Encode();
            return DecodesOrThrowsDecodeException(first.AsSpan(0, (int)(first.Length * cut)).ToArray()) &&
                   DecodesOrThrowsDecodeException(second.AsSpan(0, (int)(second.Length * cut)).ToArray());
        });

    [Fact]
    public void ValidMessages_WithOneByteChanged_ThrowOnlyTheDecodeException() =>
        Gen.Select(SnmpGen.CommunityMessage, Gen.Int[0, int.MaxValue], Gen.Byte).Sample((message, at, value) =>
        {
            var bytes = message.Encode();
            bytes[at % bytes.Length] = value;
            return DecodesOrThrowsDecodeException(bytes);
        });

    private static bool DecodesOrThrowsDecodeException(byte[] bytes)
    {
        foreach (var decode in Decoders)
        {
            try
            {
                decode(bytes);
            }
            catch (SnmpDecodeException)
            {
                // The one documented failure.
            }
        }

        return true;
    }

    private static readonly Action<byte[]>[] Decoders =
    [
        bytes => SnmpMessage.ReadVersion(bytes),
        bytes => SnmpMessage.DecodeCommunity(bytes),
        bytes => V3Message.Decode(bytes, out _),
        bytes => ScopedPdu.Decode(bytes),
        bytes => PduCodec.DecodePdu(bytes),
    ];
}
