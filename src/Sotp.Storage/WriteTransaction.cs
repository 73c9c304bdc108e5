using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Sotp.Storage;

/// <summary>
/// A connection with a write transaction open. On SQLite it is BEGIN IMMEDIATE, which takes the write lock
/// at once: a transaction that reads and then writes cannot fail half-way with SQLITE_BUSY on the upgrade.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private WriteTransaction(DbConnection connection, DbTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public static async Task<WriteTransaction> BeginAsync(Store store, CancellationToken cancellationToken)
    {
        var connection = await store.OpenAsync(cancellationToken);
        try
        {
            var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: false)
                : await connection.BeginTransactionAsync(cancellationToken);
            return new WriteTransaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
