namespace Sotp.Core.Sites;

/// <summary>A place we protect or run (the STAM seed's "object"). Contacts, procedures and service mode come with the inventory.</summary>
public sealed record Site(
    long Id,
    string Name,
    string? Address,
    SiteStatus Status,
    DateTimeOffset CreatedAt,
    long Version);
