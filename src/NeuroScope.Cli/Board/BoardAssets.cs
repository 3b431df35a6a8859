using System.Reflection;

namespace NeuroScope.Cli.Board;

/// <summary>
/// The board's own pages, scripts and styles, embedded in the tool from <c>Board/wwwroot</c>; paths are relative to that
/// folder with '/', e.g. <c>run.html</c>. Only these exact paths are ever served.
/// </summary>
internal static class BoardAssets
{
    private const string Prefix = "board/";
    private static readonly Assembly Assembly = typeof(BoardAssets).Assembly;

    // MSBuild writes RecursiveDir with the platform's separator; both are mapped to '/'.
    private static readonly Dictionary<string, string> Resources = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .ToDictionary(n => n[Prefix.Length..].Replace('\\', '/'), n => n, StringComparer.Ordinal);

    /// <summary>Every embedded board asset path, sorted.</summary>
    public static IReadOnlyList<string> Paths { get; } = Resources.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Opens an asset, or returns null when there is none of that path.</summary>
    public static Stream? TryOpen(string path) =>
        Resources.TryGetValue(path, out var resource) ? Assembly.GetManifestResourceStream(resource) : null;

    /// <summary>The HTTP content type of an asset, from its extension.</summary>
    public static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
