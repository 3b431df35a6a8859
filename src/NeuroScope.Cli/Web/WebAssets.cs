using System.Reflection;

namespace NeuroScope.Cli.Web;

/// <summary>
/// The browser-side files embedded in the tool (everything under <c>src/NeuroScope.Cli/Web</c> except C#): the metric
/// chart (<c>charts.js</c>), the 3-D surfaces (<c>surface.js</c>) and the vendored libraries under <c>vendor/</c>.
/// Paths are relative to that folder with forward slashes, e.g. <c>WebAssets.Read("vendor/uplot/uPlot.iife.min.js")</c>.
/// </summary>
internal static class WebAssets
{
    private const string Prefix = "web/";
    private static readonly Assembly Assembly = typeof(WebAssets).Assembly;

    // Resource name by asset path; MSBuild writes RecursiveDir with the platform's separator, so both are mapped to '/'.
    private static readonly Dictionary<string, string> Resources = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .ToDictionary(n => n[Prefix.Length..].Replace('\\', '/'), n => n, StringComparer.Ordinal);

    /// <summary>Every embedded asset path, sorted (e.g. <c>charts.js</c>, <c>vendor/plotly/LICENSE</c>).</summary>
    public static IReadOnlyList<string> Paths { get; } = Resources.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Whether <paramref name="path"/> names an embedded asset (exact match; no other file is ever served).</summary>
    public static bool Exists(string path) => Resources.ContainsKey(path);

    /// <summary>Opens an asset, or returns null when there is none of that path.</summary>
    public static Stream? TryOpen(string path) =>
        Resources.TryGetValue(path, out var resource) ? Assembly.GetManifestResourceStream(resource) : null;

    /// <summary>An asset's text (UTF-8); throws <see cref="FileNotFoundException"/> naming the path when there is none.</summary>
    public static string Read(string path)
    {
        using var stream = TryOpen(path) ?? throw new FileNotFoundException($"No embedded web asset '{path}'. Known: {string.Join(", ", Paths)}.", path);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The HTTP content type for an asset path, from its extension.</summary>
    public static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".html" => "text/html; charset=utf-8",
        ".json" => "application/json",
        ".md" => "text/markdown; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };
}
