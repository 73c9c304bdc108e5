using System.Collections.Concurrent;
using System.Text;

namespace Sotp.Core;

/// <summary>
/// Enums travel as UPPER_SNAKE words (<c>FieldWorker</c> ⇄ <c>FIELD_WORKER</c>) in the API, the CLI and the
/// store, as the seeds write them; one conversion for all enums so they never disagree.
/// </summary>
public static class EnumText
{
    private static readonly ConcurrentDictionary<Type, (Dictionary<Enum, string> Names, Dictionary<string, Enum> Values)> Cache = new();

    public static string ToText<T>(this T value) where T : struct, Enum => Maps(typeof(T)).Names[value];

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        if (text is not null && Maps(typeof(T)).Values.TryGetValue(text.Trim(), out var found))
        {
            value = (T)found;
            return true;
        }

        value = default;
        return false;
    }

    /// <exception cref="FormatException">The text names no member; the message lists the members.</exception>
    public static T Parse<T>(string text) where T : struct, Enum =>
        TryParse<T>(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not one of {string.Join(", ", Names<T>())}.");

    public static IReadOnlyCollection<string> Names<T>() where T : struct, Enum => Maps(typeof(T)).Names.Values;

    private static (Dictionary<Enum, string> Names, Dictionary<string, Enum> Values) Maps(Type type) =>
        Cache.GetOrAdd(type, static t =>
        {
            var names = Enum.GetValues(t).Cast<Enum>().ToDictionary(v => v, v => ToUpperSnake(v.ToString()));
            var values = names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);
            return (names, values);
        });

    private static string ToUpperSnake(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
