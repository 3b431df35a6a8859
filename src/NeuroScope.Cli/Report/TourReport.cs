using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NeuroScope.Cli.Commands;
using NeuroScope.Experiments.Runs;

namespace NeuroScope.Cli.Report;

/// <summary>One experiment's part of the tour: where its run went, how it ended, and how long it took.</summary>
internal sealed record TourSection(TourCommand.Stop Stop, string? RunPath, int ExitCode, string Log, TimeSpan Elapsed, string Command);

/// <summary>
/// Writes the tour's <c>index.html</c>: a self-contained page (pictures linked relatively, no internet needed) with,
/// per experiment, what it is, its headline numbers from summary.json, its pictures and animations, and the command.
/// </summary>
internal static class TourReport
{
    public static string Write(RunDirectory tour, IReadOnlyList<TourSection> sections, bool quick)
    {
        var docs = DocsWriter.Write(tour.Path);
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>NeuroScope tour</title>
            <style>
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 1.5rem; color: #1d2330; line-height: 1.5; }
            h1 { margin-bottom: 0.2rem; } .lead { color: #4a5468; margin-top: 0; }
            nav a { margin-right: 1rem; }
            section { border-top: 2px solid #e3e7ef; margin-top: 2rem; padding-top: 1rem; }
            table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.92rem; }
            th, td { border: 1px solid #d5dbe6; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
            th { background: #f1f4f9; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
            code, pre { background: #f4f6fa; border-radius: 4px; padding: 0.1rem 0.35rem; }
            pre { padding: 0.6rem; overflow-x: auto; }
            .pictures { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 0.8rem; }
            figure { margin: 0; } figure img, figure video { width: 100%; border: 1px solid #e3e7ef; border-radius: 4px; }
            figcaption { font-size: 0.85rem; color: #4a5468; }
            .failed { color: #b42318; font-weight: 600; } .note { color: #4a5468; font-size: 0.9rem; }
            </style></head><body>
            <h1>NeuroScope tour</h1>
            <p class="lead">Four experiments that show how gradient-based learning works, run on this machine by <code>neuroscope tour</code>.</p>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Written {DateTimeOffset.Now:yyyy-MM-dd HH:mm}{(quick ? " with <code>--quick</code>: tiny settings, so the numbers are not the defaults'" : "")}.</p>\n<nav>");
        foreach (var s in sections)
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"#{s.Stop.Experiment}\">{Encode(s.Stop.Experiment)}</a>");
        html.Append("</nav>\n");

        foreach (var section in sections)
            AppendSection(html, tour, section, docs);

        // Marks the page once everything has loaded, with the count of pictures that failed, so a headless browser can check it.
        html.Append("<script>window.addEventListener('load', () => { const broken = [...document.images].filter(i => !i.complete || i.naturalWidth === 0).length; document.body.dataset.brokenImages = broken; document.body.dataset.loaded = 'yes'; });</script>\n");
        html.Append("</body></html>\n");
        return tour.WriteText("index.html", html.ToString());
    }

    private static void AppendSection(StringBuilder html, RunDirectory tour, TourSection section, IReadOnlyDictionary<string, string> docs)
    {
        var stop = section.Stop;
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"{stop.Experiment}\">\n<h2>{Encode(stop.Title)}</h2>\n<p>{Encode(stop.Description)}</p>\n");
        if (stop.Shortened is not null)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Shortened for the tour: {Encode(stop.Shortened)}</p>\n");
        if (section.ExitCode != CliApp.Success)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"failed\">This experiment failed (exit code {section.ExitCode}).</p><pre>{Encode(section.Log.Trim())}</pre>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>Reproduce it: <code>{Encode(section.Command)}</code> ({section.Elapsed.TotalSeconds:F1} s here)");
        if (docs.TryGetValue(stop.Experiment, out var doc))
            html.Append(CultureInfo.InvariantCulture, $" · <a href=\"{doc}\">walk-through</a>");
        html.Append("</p>\n");
        if (section.RunPath is null)
        {
            html.Append("</section>\n");
            return;
        }
        string relative = Path.GetRelativePath(tour.Path, section.RunPath).Replace('\\', '/');
        string summaryPath = Path.Combine(section.RunPath, "summary.json");
        if (File.Exists(summaryPath))
        {
            html.Append("<h3>Headline numbers</h3>\n");
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            AppendJson(html, summary.RootElement);
        }
        var media = Directory.GetFiles(section.RunPath)
            .Where(f => f.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".gif", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        if (media.Count > 0)
        {
            html.Append("<h3>Pictures</h3>\n<div class=\"pictures\">\n");
            foreach (var file in media)
            {
                string name = Path.GetFileName(file), src = $"{relative}/{Uri.EscapeDataString(name)}";
                string element = name.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase)
                    ? $"<video src=\"{src}\" controls loop muted></video>"
                    : $"<a href=\"{src}\"><img src=\"{src}\" alt=\"{Encode(name)}\" loading=\"lazy\"></a>";
                html.Append(CultureInfo.InvariantCulture, $"<figure>{element}<figcaption>{Encode(name)}</figcaption></figure>\n");
            }
            html.Append("</div>\n");
        }
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Run directory: <a href=\"{relative}/\">{Encode(relative)}</a> (config.json, metrics.csv, summary.json, learned parameters).</p>\n</section>\n");
    }

    /// <summary>Renders a summary: scalars as a two-column table, arrays of objects as tables, nested objects recursively.</summary>
    internal static void AppendJson(StringBuilder html, JsonElement element)
    {
        var scalars = new List<(string, JsonElement)>();
        var nested = new List<(string, JsonElement)>();
        foreach (var p in element.EnumerateObject())
        {
            // The config is in config.json and the file list is the pictures below: neither is a headline.
            if (p.Name is "config" or "files" || p.Value.ValueKind == JsonValueKind.Null)
                continue;
            (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? nested : scalars).Add((p.Name, p.Value));
        }
        if (scalars.Count > 0)
        {
            html.Append("<table>");
            foreach (var (name, value) in scalars)
                html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Encode(name)}</th><td class=\"num\" data-key=\"{Encode(name)}\">{Encode(Format(value))}</td></tr>");
            html.Append("</table>\n");
        }
        foreach (var (name, value) in nested)
        {
            if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object))
            {
                html.Append(CultureInfo.InvariantCulture, $"<h4>{Encode(name)}</h4><table><tr>");
                var columns = value.EnumerateArray().SelectMany(e => e.EnumerateObject().Select(p => p.Name)).Distinct().ToList();
                foreach (var c in columns)
                    html.Append(CultureInfo.InvariantCulture, $"<th>{Encode(c)}</th>");
                html.Append("</tr>");
                foreach (var row in value.EnumerateArray())
                {
                    html.Append("<tr>");
                    foreach (var c in columns)
                        html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(row.TryGetProperty(c, out var v) ? Encode(Format(v)) : "")}</td>");
                    html.Append("</tr>");
                }
                html.Append("</table>\n");
            }
            else if (value.ValueKind == JsonValueKind.Object)
            {
                html.Append(CultureInfo.InvariantCulture, $"<h4>{Encode(name)}</h4>\n");
                AppendJson(html, value);
            }
            else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() <= 12)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p><b>{Encode(name)}</b>: {Encode(string.Join(", ", value.EnumerateArray().Select(Format)))}</p>\n");
            }
        }
    }

    /// <summary>A summary value as the report shows it: numbers with up to 6 significant digits, round trip for the rest.</summary>
    internal static string Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble().ToString("G6", CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "—",
        _ => value.GetRawText(),
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
