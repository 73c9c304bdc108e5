using System.Text.Json;
using Sotp.Core.History;

namespace Sotp.Server.Components.Shared;

/// <summary>A history entry as lines of "field: before → after", only the fields that changed.</summary>
public static class HistoryChanges
{
    private const int MaxValueLength = 80;

    public static IReadOnlyList<string> Describe(HistoryEntry entry)
    {
        if (entry.After is { ValueKind: JsonValueKind.Array } list)
        {
            // A replaced list (a call list, procedures): its entries in their new order, by name.
            return [$"now: {string.Join(", ", list.EnumerateArray().Select(Label))}"];
        }

        var before = Fields(entry.Before);
        var after = Fields(entry.After);
        return before.Keys.Union(after.Keys)
            .Where(field => field is not ("version" or "updatedAt" or "createdAt" or "id"))
            .Select(field => (field, from: before.GetValueOrDefault(field), to: after.GetValueOrDefault(field)))
            .Where(change => change.from != change.to)
            .Select(change => $"{change.field}: {change.from ?? "–"} → {change.to ?? "–"}")
            .ToList();
    }

    private static Dictionary<string, string?> Fields(JsonElement? json) =>
        json is { ValueKind: JsonValueKind.Object } element
            ? element.EnumerateObject().ToDictionary(property => property.Name, property => Text(property.Value))
            : [];

    private static string Label(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && (item.TryGetProperty("name", out var label) || item.TryGetProperty("category", out label))
            ? label.ToString()
            : Text(item) ?? "–";

    private static string? Text(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };
        return text?.Length > MaxValueLength ? text[..MaxValueLength] + "…" : text;
    }
}
