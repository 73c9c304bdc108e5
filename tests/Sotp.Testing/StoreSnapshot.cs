using System.Globalization;
using System.Text;
using Sotp.Storage;

namespace Sotp.Testing;

/// <summary>Every row of every table as text, to compare a store before and after (backup, restore, failed import).</summary>
public static class StoreSnapshot
{
    public static async Task<string> TakeAsync(Store store)
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = store.Provider == StoreProvider.Postgres
                ? "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            text.Append("## ").AppendLine(table);
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM {table} ORDER BY 1";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.GetName(i)).Append('=').Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append("; ");
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }
}
