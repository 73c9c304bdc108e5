using System.Text.Json;

namespace Sotp.Core.History;

/// <summary>One change of an entity: who, when, what it was before and after (JSON, secrets redacted).</summary>
public sealed record HistoryEntry(long Version, DateTimeOffset ChangedAt, long? ActorId, string ActorName, string Change, JsonElement? Before, JsonElement? After);
