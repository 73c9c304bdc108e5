using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Sotp.Storage;

/// <summary>Recognises "a unique index refused this row" on either store.</summary>
internal static class UniqueViolation
{
    private const int SqliteConstraintUnique = 2067;

    public static bool Is(DbException exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
