namespace Sotp.Storage.Migrations;

public sealed record AppliedMigration(int Version, string Name, string Checksum, DateTimeOffset AppliedAt);
