using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sotp.Core;

/// <summary>The JSON shape of the API, also used for history and audit snapshots: camelCase, enums as UPPER_SNAKE words.</summary>
public static class SotpJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        // Polish names stay readable in stored snapshots; these strings are never embedded in HTML unescaped.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
