using CsCheck;
using Sotp.Collectors.Satel;

namespace Sotp.Collectors.Tests.Satel;

public class SatelCodecPropertyTests
{
    private static readonly Gen<SatelFrame> Frames =
        Gen.Select(Gen.Byte.Where(b => b != SatelFrame.Sync), Gen.Byte.Array[0, 64], (command, data) => new SatelFrame(command, data));

    [Fact]
    public void EveryFrame_DecodesToItself() =>
        Frames.Sample(frame =>
        {
            var found = new SatelFrameDecoder().Feed(frame.Encode());
            return found.Count == 1 && found[0] is SatelDecoded.Frame decoded && decoded.Value == frame;
        });

    [Fact]
    public void AnyFrameSequence_CutAnywhere_DecodesToTheSameFrames() =>
        Gen.Select(Frames.Array[1, 5], Gen.Int[1, 7]).Sample((frames, chunk) =>
        {
            var decoder = new SatelFrameDecoder();
            var wire = frames.SelectMany(f => f.Encode()).ToArray();
            var found = wire.Chunk(chunk).SelectMany(piece => decoder.Feed(piece)).ToList();
            return found.OfType<SatelDecoded.Frame>().Select(f => f.Value).SequenceEqual(frames) && found.Count == frames.Length;
        });

    [Fact]
    public void AnyBytes_NeverThrow() =>
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            var decoder = new SatelFrameDecoder();
            decoder.Feed(bytes);
        });

    [Fact]
    public void AfterAnyGarbage_TheNextFrameStillArrives() =>
        Gen.Select(Gen.Byte.Array[0, 200], Frames).Sample((garbage, frame) =>
        {
            var decoder = new SatelFrameDecoder();
            decoder.Feed(garbage);
            // Whatever state the garbage left, a frame after it is found (possibly after a Corrupt for the garbage).
            var found = decoder.Feed(frame.Encode());
            return found.OfType<SatelDecoded.Frame>().LastOrDefault()?.Value == frame;
        });

    [Fact]
    public void Sets_RoundTrip() =>
        Gen.Int[1, 256].HashSet[0, 40].Sample(numbers =>
            SatelEncoding.Numbers(SatelEncoding.Set(numbers, 32)).SequenceEqual(numbers.Order()));
}
