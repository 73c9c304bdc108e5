namespace Sotp.Storage.Migrations;

/// <param name="Applied">Migrations recorded in the store.</param>
/// <param name="Pending">Migrations this build knows and the store has not applied yet.</param>
public sealed record MigrationStatus(IReadOnlyList<AppliedMigration> Applied, IReadOnlyList<MigrationScript> Pending)
{
    public int CurrentVersion => Applied.Count == 0 ? 0 : Applied.Max(m => m.Version);

    public bool IsUpToDate => Pending.Count == 0;
}
