namespace Sotp.Storage.Backup;

/// <summary>Consistent online snapshots of the whole store, and putting one back.</summary>
public interface IStoreBackup
{
    /// <summary>Writes a snapshot to <paramref name="path"/> (which must not exist) while the server may keep running.</summary>
    /// <param name="progress">Fraction done, 0..1.</param>
    Task BackupAsync(string path, IProgress<double>? progress, CancellationToken cancellationToken);

    /// <summary>Replaces the store's content with the snapshot. Stop the server first.</summary>
    Task RestoreAsync(string path, IProgress<double>? progress, CancellationToken cancellationToken);
}
