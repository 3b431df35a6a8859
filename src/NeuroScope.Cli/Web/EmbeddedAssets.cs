using System.Reflection;

namespace NeuroScope.Cli.Web;

/// <summary>
/// One group of files embedded in the tool under a resource prefix: the browser files (<see cref="Web"/>: the charts,
/// the surfaces and the vendored libraries), the board's pages (<see cref="Board"/>) and the learner docs
/// (<see cref="Docs"/>). Paths are relative to the group's folder with '/', e.g. <c>vendor/uplot/uPlot.iife.min.js</c>;
/// only these exact paths are ever opened, so nothing else of the tool or the disk can be served.
/// </summary>
internal sealed class EmbeddedAssets
{
    private static readonly Assembly Assembly = typeof(EmbeddedAssets).Assembly;

    // Resource name by asset path.
    private readonly Dictionary<string, string> _resources;
    private readonly string _name;

    private EmbeddedAssets(string prefix, string name)
    {
        _name = name;
        // MSBuild writes RecursiveDir with the platform's separator; both are mapped to '/'.
        _resources = Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(n => n[prefix.Length..].Replace('\\', '/'), n => n, StringComparer.Ordinal);
        Paths = _resources.Keys.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Everything under <c>src/NeuroScope.Cli/Web</c> except C#: <c>charts.js</c>, <c>surface.js</c>, <c>vendor/</c>.</summary>
    public static EmbeddedAssets Web { get; } = new("web/", "web asset");

    /// <summary>The board's pages, scripts and styles, from <c>src/NeuroScope.Cli/Board/wwwroot</c>.</summary>
    public static EmbeddedAssets Board { get; } = new("board/", "board asset");

    /// <summary>The learner docs, <c>docs/*.md</c> and their pictures.</summary>
    public static EmbeddedAssets Docs { get; } = new("docs/", "docs file");

    /// <summary>Every path of the group, sorted (e.g. <c>charts.js</c>, <c>vendor/plotly/LICENSE</c>).</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Whether <paramref name="path"/> names an asset of the group (exact match).</summary>
    public bool Exists(string path) => _resources.ContainsKey(path);

    /// <summary>Opens an asset, or returns null when there is none of that path.</summary>
    public Stream? TryOpen(string path) =>
        _resources.TryGetValue(path, out var resource) ? Assembly.GetManifestResourceStream(resource) : null;

    /// <summary>An asset's text (UTF-8); throws <see cref="FileNotFoundException"/> naming the path when there is none.</summary>
    public string Read(string path)
    {
        using var stream = TryOpen(path) ?? throw new FileNotFoundException($"No embedded {_name} '{path}'. Known: {string.Join(", ", Paths)}.", path);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The HTTP content type of an asset path, from its extension (a licence or version file is plain text).</summary>
    public static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" => "application/json",
        ".md" => "text/markdown; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "text/plain; charset=utf-8",
    };
}
