using System.Globalization;

namespace Sotp.Server.Components.Shared;

/// <summary>Bits per second as people read them: 950 bit/s, 12.4 Mbit/s, 1 Gbit/s.</summary>
public static class BitRate
{
    private static readonly string[] Units = ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"];

    public static string Format(double? bitsPerSecond)
    {
        if (bitsPerSecond is not { } value)
        {
            return "–";
        }

        var unit = 0;
        while (value >= 1000 && unit < Units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        return value.ToString(value < 10 && unit > 0 ? "0.#" : "0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    public static string Format(ulong? bitsPerSecond) => Format((double?)bitsPerSecond);
}
