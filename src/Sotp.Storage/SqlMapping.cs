using System.Data;
using System.Globalization;
using Dapper;

namespace Sotp.Storage;

/// <summary>
/// Dapper settings shared by every query: snake_case columns map to PascalCase members, and timestamps
/// read back as UTC <see cref="DateTimeOffset"/> whether the provider returns text (SQLite) or
/// <see cref="DateTime"/> (PostgreSQL timestamptz).
/// </summary>
public static class SqlMapping
{
    private static int _configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.AddTypeHandler(new UtcTimestampHandler());
    }

    private sealed class UtcTimestampHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            // Npgsql writes timestamptz only from UTC values; SQLite stores the round-trip text.
            parameter.Value = value.ToUniversalTime();
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            DateTimeOffset offset => offset.ToUniversalTime(),
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
            _ => throw new DataException($"Cannot read a timestamp from {value.GetType().Name}."),
        };
    }
}
