using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Sotp.Storage.Migrations;

/// <summary>One numbered schema step, e.g. <c>Sqlite/0001_foundation.sql</c>, embedded in this assembly.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql, string Checksum)
{
    /// <summary>The scripts of one provider, in version order. Numbers must be unique and gap-free.</summary>
    public static IReadOnlyList<MigrationScript> For(StoreProvider provider)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var prefix = provider + "/";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Load(assembly, name, prefix))
            .OrderBy(script => script.Version)
            .ToList();

        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException($"{provider} migrations must be numbered 1..N without gaps; found {scripts[i].Name} at position {i + 1}.");
            }
        }

        return scripts;
    }

    private static MigrationScript Load(Assembly assembly, string resourceName, string prefix)
    {
        var fileName = resourceName[prefix.Length..^".sql".Length];
        var version = int.Parse(fileName.Split('_', 2)[0], CultureInfo.InvariantCulture);
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new MigrationScript(version, fileName, sql, checksum);
    }
}
