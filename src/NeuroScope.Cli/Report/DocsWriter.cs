using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NeuroScope.Cli.Report;

/// <summary>
/// Writes the learner docs (docs/*.md, embedded in the tool so an installed tool has them too) next to a report as
/// HTML pages, with their pictures, and returns experiment name → relative page path.
/// </summary>
internal static partial class DocsWriter
{
    public static IReadOnlyDictionary<string, string> Write(string folder)
    {
        var pages = new Dictionary<string, string>();
        var assembly = typeof(DocsWriter).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith("docs/", StringComparison.Ordinal))
                continue;
            string relative = resource["docs/".Length..];
            string target = Path.Combine(folder, "docs", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var stream = assembly.GetManifestResourceStream(resource)!;
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

    /// <summary>Renders the Markdown the docs use (headings, paragraphs, lists, tables, code, images, links, emphasis) as a page.</summary>
    internal static string Render(string markdown, string title)
    {
        var html = new StringBuilder($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title>" +
            "<style>body{font-family:system-ui,sans-serif;max-width:900px;margin:0 auto;padding:1.5rem;line-height:1.55;color:#1d2330}" +
            "img{max-width:100%;border:1px solid #e3e7ef}pre,code{background:#f4f6fa;border-radius:4px}pre{padding:.6rem;overflow-x:auto}" +
            "table{border-collapse:collapse}th,td{border:1px solid #d5dbe6;padding:.25rem .6rem}</style></head><body>\n");
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var paragraph = new List<string>();
        void Flush()
        {
            if (paragraph.Count > 0)
                html.Append("<p>").Append(Inline(string.Join(' ', paragraph))).Append("</p>\n");
            paragraph.Clear();
        }
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                html.Append("<pre><code>");
                for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
                    html.Append(WebUtility.HtmlEncode(lines[i])).Append('\n');
                html.Append("</code></pre>\n");
            }
            else if (line.StartsWith('#'))
            {
                Flush();
                int level = Math.Min(line.TakeWhile(c => c == '#').Count(), 6);
                html.Append($"<h{level}>{Inline(line[level..].Trim())}</h{level}>\n");
            }
            else if (line.TrimStart().StartsWith('|'))
            {
                Flush();
                html.Append("<table>");
                bool header = true;
                for (; i < lines.Length && lines[i].TrimStart().StartsWith('|'); i++)
                {
                    var cells = lines[i].Trim().Trim('|').Split('|');
                    if (cells.All(c => c.Trim().Trim(':').All(ch => ch == '-')))
                        continue;
                    string tag = header ? "th" : "td";
                    html.Append("<tr>").Append(string.Concat(cells.Select(c => $"<{tag}>{Inline(c.Trim())}</{tag}>"))).Append("</tr>");
                    header = false;
                }
                i--;
                html.Append("</table>\n");
            }
            else if (ListItem().IsMatch(line))
            {
                Flush();
                bool ordered = char.IsDigit(line.TrimStart()[0]);
                html.Append(ordered ? "<ol>" : "<ul>");
                for (; i < lines.Length && ListItem().IsMatch(lines[i]); i++)
                    html.Append("<li>").Append(Inline(ListItem().Replace(lines[i], "", 1))).Append("</li>");
                i--;
                html.Append(ordered ? "</ol>\n" : "</ul>\n");
            }
            else if (string.IsNullOrWhiteSpace(line))
            {
                Flush();
            }
            else
            {
                paragraph.Add(line.Trim());
            }
        }
        Flush();
        return html.Append("</body></html>\n").ToString();
    }

    private static string Inline(string text)
    {
        string encoded = WebUtility.HtmlEncode(text);
        encoded = Image().Replace(encoded, m => $"<img src=\"{m.Groups[2].Value}\" alt=\"{m.Groups[1].Value}\">");
        encoded = Link().Replace(encoded, m => $"<a href=\"{m.Groups[2].Value.Replace(".md", ".html")}\">{m.Groups[1].Value}</a>");
        encoded = Code().Replace(encoded, "<code>$1</code>");
        return Bold().Replace(encoded, "<b>$1</b>");
    }

    [GeneratedRegex(@"^\s*([-*]|\d+\.)\s+")] private static partial Regex ListItem();
    [GeneratedRegex(@"!\[([^\]]*)\]\(([^)\s]+)\)")] private static partial Regex Image();
    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")] private static partial Regex Link();
    [GeneratedRegex(@"`([^`]+)`")] private static partial Regex Code();
    [GeneratedRegex(@"\*\*([^*]+)\*\*")] private static partial Regex Bold();
}
