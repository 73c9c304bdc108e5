namespace Sotp.Collectors.Satel;

/// <summary>
/// Turns the bytes of a TCP stream into frames, however the stream is cut into reads. Never throws on any input:
/// anything that is not a valid frame is reported as <see cref="SatelDecoded.Corrupt"/> and the decoder waits for
/// the next <c>FE FE</c>. Two 0xFE in a row always mean sync, even inside a frame, which is how the protocol lets
/// a receiver recover from a lost byte.
/// </summary>
public sealed class SatelFrameDecoder
{
    /// <summary>The longest frame of the protocol is well under this (a 32-byte set or a 60-byte trouble list).</summary>
    public const int MaxFrameBytes = 512;

    private static readonly byte[] BusyText = "\u0010Busy!"u8.ToArray();

    private readonly List<byte> _frame = new(64);
    private State _state = State.Hunting;
    private int _busyMatched;

    private enum State
    {
        Hunting,
        SawOneFe,
        AfterSync,
        InFrame,
        InFrameAfterFe,
    }

    /// <summary>Feeds the next bytes; returns what they completed (often nothing).</summary>
    public IReadOnlyList<SatelDecoded> Feed(ReadOnlySpan<byte> bytes)
    {
        List<SatelDecoded>? found = null;
        foreach (var b in bytes)
        {
            if (Next(b) is { } decoded)
            {
                (found ??= []).Add(decoded);
            }
        }

        return found ?? (IReadOnlyList<SatelDecoded>)[];
    }

    private SatelDecoded? Next(byte b)
    {
        switch (_state)
        {
            case State.Hunting:
                if (b == SatelFrame.Sync)
                {
                    _busyMatched = 0;
                    _state = State.SawOneFe;
                    return null;
                }

                return MatchBusy(b);
            case State.SawOneFe:
                _state = b == SatelFrame.Sync ? State.AfterSync : State.Hunting;
                return null;
            case State.AfterSync:
                if (b != SatelFrame.Sync)
                {
                    _frame.Clear();
                    _frame.Add(b);
                    _state = State.InFrame;
                }

                return null;
            case State.InFrame:
                if (b == SatelFrame.Sync)
                {
                    _state = State.InFrameAfterFe;
                    return null;
                }

                return Append(b);
            default:
                return AfterFeInFrame(b);
        }
    }

    private SatelDecoded? AfterFeInFrame(byte b)
    {
        switch (b)
        {
            case SatelFrame.StuffedFe:
                _state = State.InFrame;
                return Append(SatelFrame.Sync);
            case SatelFrame.End:
                _state = State.Hunting;
                return Complete();
            case SatelFrame.Sync:
                // FE FE inside a frame: the sender started over; what we had is lost.
                _state = State.AfterSync;
                return new SatelDecoded.Corrupt($"frame cut off by a new sync after {_frame.Count} bytes");
            default:
                _state = State.Hunting;
                return new SatelDecoded.Corrupt($"0xFE followed by 0x{b:X2} inside a frame (expected F0 or 0D)");
        }
    }

    private SatelDecoded? Append(byte b)
    {
        if (_frame.Count >= MaxFrameBytes)
        {
            _state = State.Hunting;
            return new SatelDecoded.Corrupt($"frame longer than {MaxFrameBytes} bytes");
        }

        _frame.Add(b);
        return null;
    }

    private SatelDecoded Complete()
    {
        if (_frame.Count < 3)
        {
            return new SatelDecoded.Corrupt($"frame of {_frame.Count} bytes has no room for a command and a checksum");
        }

        var command = _frame[0];
        var data = _frame.GetRange(1, _frame.Count - 3).ToArray();
        var sent = (ushort)((_frame[^2] << 8) | _frame[^1]);
        var computed = SatelCrc.Compute(command, data);
        return sent == computed
            ? new SatelDecoded.Frame(new SatelFrame(command, data))
            : new SatelDecoded.Corrupt($"checksum 0x{sent:X4} does not match 0x{computed:X4} (command 0x{command:X2})");
    }

    private SatelDecoded? MatchBusy(byte b)
    {
        _busyMatched = b == BusyText[_busyMatched] ? _busyMatched + 1 : b == BusyText[0] ? 1 : 0;
        if (_busyMatched < BusyText.Length)
        {
            return null;
        }

        _busyMatched = 0;
        return new SatelDecoded.Busy();
    }
}
