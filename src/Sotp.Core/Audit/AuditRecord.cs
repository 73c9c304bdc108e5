using System.Security.Cryptography;
using System.Text;

namespace Sotp.Core.Audit;

/// <summary>A stored audit row. <see cref="Hash"/> covers every field and the previous row's hash.</summary>
public sealed record AuditRecord(
    long Id,
    string At,
    long? ActorId,
    string ActorName,
    string? ActorRole,
    string Action,
    string? EntityType,
    string? EntityId,
    string? BeforeJson,
    string? AfterJson,
    string? Detail,
    string? RequestId,
    string? ClientIp,
    string PrevHash,
    string Hash)
{
    /// <summary>The hash of the (virtual) row before the first one.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// SHA-256 over the previous hash and every field, each length-prefixed so that no two different rows
    /// can produce the same byte string (moving a character from one field to the next changes the hash).
    /// </summary>
    public static string ComputeHash(string prevHash, string at, long? actorId, string actorName, string? actorRole, string action,
        string? entityType, string? entityId, string? beforeJson, string? afterJson, string? detail, string? requestId, string? clientIp)
    {
        var builder = new StringBuilder();
        foreach (var field in new[] { prevHash, at, actorId?.ToString(System.Globalization.CultureInfo.InvariantCulture), actorName, actorRole, action,
                     entityType, entityId, beforeJson, afterJson, detail, requestId, clientIp })
        {
            builder.Append(field is null ? "-1" : field.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    public bool HashMatches() =>
        Hash == ComputeHash(PrevHash, At, ActorId, ActorName, ActorRole, Action, EntityType, EntityId, BeforeJson, AfterJson, Detail, RequestId, ClientIp);
}
