using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuroScope.Cli.Board;

/// <summary>How the board writes JSON: camelCase names, as the pages read them.</summary>
internal static class BoardJson
{
    /// <summary>
    /// The serializer options of every board response; a headline that overflowed (a diverged loss) is written as
    /// "Infinity" or "NaN" rather than failing the whole answer.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
