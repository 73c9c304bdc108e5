namespace Sotp.Storage.Backup;

/// <summary>A backup or restore could not be done; the message is one line for the operator.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);
