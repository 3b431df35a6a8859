using System.Net;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NeuroScope.Cli.Web;

namespace NeuroScope.Cli.Report;

/// <summary>
/// Writes the learner docs (docs/*.md and docs/images, embedded in the tool so an installed tool has them too) next
/// to a report as HTML pages with their pictures, and returns experiment name → relative page path. The Markdown is
/// rendered by Markdig, so a page reads as it does on GitHub: the same relative image paths resolve in both places.
/// </summary>
internal static class DocsWriter
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoIdentifiers()
        .Build();

    public static IReadOnlyDictionary<string, string> Write(string folder)
    {
        var pages = new Dictionary<string, string>();
        foreach (var relative in EmbeddedAssets.Docs.Paths)
        {
            string target = Path.Combine(folder, "docs", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var stream = EmbeddedAssets.Docs.TryOpen(relative)!;
            if (relative.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                using var reader = new StreamReader(stream);
                string name = Path.GetFileNameWithoutExtension(relative);
                string html = Render(reader.ReadToEnd(), name);
                File.WriteAllText(Path.ChangeExtension(target, ".html"), html);
                pages[name] = $"docs/{Path.ChangeExtension(relative, ".html")}";
            }
            else
            {
                using var file = File.Create(target);
                stream.CopyTo(file);
            }
        }
        return pages;
    }

    /// <summary>Renders one docs page as a standalone HTML page; links to sibling <c>.md</c> pages point to their <c>.html</c>.</summary>
    internal static string Render(string markdown, string name)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!link.IsImage && link.Url is { } url && !url.Contains("://", StringComparison.Ordinal) && url.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                link.Url = url[..^3] + ".html";
        }
        string title = document.Descendants<HeadingBlock>().FirstOrDefault() is { Inline: { } inline }
            ? string.Concat(inline.Descendants<LiteralInline>().Select(l => l.Content.ToString()))
            : name;
        var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(title)} · NeuroScope</title>
            <style>{PageStyle.Css}</style></head><body>
            <nav class="back"><a href="../index.html">← the tour report</a></nav>
            <main>
            {writer}
            </main>
            </body></html>
            """;
    }
}
