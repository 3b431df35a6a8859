using System.Text.Json;

namespace NeuroScope.Cli.Board;

/// <summary>How the board writes JSON: camelCase names, as the pages read them.</summary>
internal static class BoardJson
{
    /// <summary>The serializer options of every board response.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
