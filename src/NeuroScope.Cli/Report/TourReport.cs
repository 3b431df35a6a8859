using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NeuroScope.Cli.Commands;
using NeuroScope.Cli.Runs;
using NeuroScope.Cli.Sweep;
using NeuroScope.Experiments;

namespace NeuroScope.Cli.Report;

/// <summary>One experiment's part of the tour: where its run went, how it ended, and how long it took.</summary>
internal sealed record TourSection(TourCommand.Stop Stop, string? RunPath, int ExitCode, string Log, TimeSpan Elapsed, IReadOnlyList<string> Arguments);

/// <summary>
/// Writes the tour's <c>index.html</c>: a self-contained page (pictures linked relatively, no internet needed) that
/// reads like a short article: per experiment, what it is, its headline numbers and result tables from
/// summary.json, then its pictures large with a caption each and the animation playing inline.
/// </summary>
internal static class TourReport
{
    public static string Write(RunDirectory tour, IReadOnlyList<TourSection> sections, bool quick)
    {
        var docs = DocsWriter.Write(tour.Path);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>NeuroScope tour</title>
            <style>{PageStyle.Css}</style>
            {InteractiveCharts.Style()}</head><body>
            <h1>NeuroScope tour</h1>
            <p class="lead">Four experiments that show how gradient-based learning works, run on this machine by <code>neuroscope tour</code>.</p>

            """);
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Written {DateTimeOffset.Now:yyyy-MM-dd HH:mm}{(quick ? " with <code>--quick</code>: tiny settings, so the numbers are not the defaults'" : "")}.</p>\n<nav>");
        foreach (var s in sections)
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"#{s.Stop.Experiment}\">{Encode(s.Stop.Title)}</a>");
        html.Append("</nav>\n");

        foreach (var section in sections)
            AppendSection(html, tour, section, docs);

        html.Append(InteractiveCharts.Scripts(InteractiveCharts.HasSurface(html.ToString())));
        // Marks the page once everything has loaded, with the count of pictures that failed, so a headless browser can check it.
        html.Append("<script>window.addEventListener('load', () => { const broken = [...document.images].filter(i => !i.complete || i.naturalWidth === 0).length; document.body.dataset.brokenImages = broken; document.body.dataset.loaded = 'yes'; });</script>\n");
        html.Append("</body></html>\n");
        return tour.WriteText("index.html", html.ToString());
    }

    private static void AppendSection(StringBuilder html, RunDirectory tour, TourSection section, IReadOnlyDictionary<string, string> docs)
    {
        var stop = section.Stop;
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"{stop.Experiment}\">\n<h2>{Encode(stop.Title)}</h2>\n<p>{Encode(stop.Description)}");
        if (docs.TryGetValue(stop.Experiment, out var doc))
            html.Append(CultureInfo.InvariantCulture, $" The <a href=\"{doc}\">walk-through</a> explains it step by step.");
        html.Append("</p>\n");
        if (section.ExitCode != CliApp.Success)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"failed\">This experiment failed (exit code {section.ExitCode}).</p><pre>{Encode(section.Log.Trim())}</pre>\n");
        var reproduce = ReproduceCommand.For(section.Arguments);
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"reproduce\">Reproduce it {reproduce.HereWhere} ({section.Elapsed.TotalSeconds:F1} s here): <code>{Encode(reproduce.Here)}</code>; {reproduce.OtherWhere}: <code>{Encode(reproduce.Other)}</code>.</p>\n");
        if (section.RunPath is null)
        {
            html.Append("</section>\n");
            return;
        }
        string relative = Path.GetRelativePath(tour.Path, section.RunPath).Replace('\\', '/');
        string summaryPath = Path.Combine(section.RunPath, "summary.json");
        if (File.Exists(summaryPath))
        {
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            if (summary.RootElement.TryGetProperty("headlines", out var headlines) && headlines.ValueKind == JsonValueKind.Array)
                AppendHeadlines(html, headlines);
        }
        string tablesPath = Path.Combine(section.RunPath, "tables.json");
        if (File.Exists(tablesPath))
        {
            using var printed = JsonDocument.Parse(File.ReadAllText(tablesPath));
            foreach (var table in printed.RootElement.GetProperty("tables").EnumerateArray())
                AppendTable(html, table);
            var notes = printed.RootElement.GetProperty("notes").EnumerateArray().Select(n => Sentence(n.GetString() ?? "")).Where(n => n.Length > 0).ToList();
            if (notes.Count > 0)
                html.Append("<ul class=\"notes\">").Append(string.Concat(notes.Select(n => $"<li>{Encode(n)}</li>"))).Append("</ul>\n");
        }
        AppendPictures(html, section.RunPath, relative, stop.Pictures);
        html.Append(InteractiveCharts.Section(section.RunPath, stop.Experiment, fallback: null, stop.Definition));
        string contents = File.Exists(Path.Combine(section.RunPath, SweepRunner.DocumentFile))
            ? "Sweep directory: {0} (sweep.json, and one run directory per point of the grid)"
            : "Run directory: {0} (config.json, metrics.csv, summary.json, learned parameters)";
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{string.Format(CultureInfo.InvariantCulture, contents, $"<a href=\"{relative}/\">{Encode(relative)}</a>")}.</p>\n</section>\n");
    }

    /// <summary>The headline numbers (label, value, unit) as one table, each value rounded for reading.</summary>
    private static void AppendHeadlines(StringBuilder html, JsonElement headlines)
    {
        if (headlines.GetArrayLength() == 0)
            return;
        html.Append("<table class=\"headline\"><caption>In numbers</caption>");
        foreach (var headline in headlines.EnumerateArray())
        {
            string label = headline.GetProperty("label").GetString() ?? "";
            string unit = headline.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? " " + u.GetString() : "";
            var value = headline.GetProperty("value");
            string shown = value.ValueKind == JsonValueKind.Number ? FormatNumber(value.GetDouble()) : value.ToString();
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Encode(Label(label))}</th><td class=\"num\" data-key=\"{Encode(label)}\">{Encode(shown + unit)}</td></tr>");
        }
        html.Append("</table>\n");
    }

    /// <summary>A result table as the console prints it: a title, text columns on the left, numbers on the right.</summary>
    private static void AppendTable(StringBuilder html, JsonElement table)
    {
        int leftAligned = table.TryGetProperty("leftAligned", out var l) ? l.GetInt32() : 1;
        html.Append(CultureInfo.InvariantCulture, $"<table><caption>{Encode(table.GetProperty("title").GetString() ?? "")}</caption><tr>");
        foreach (var column in table.GetProperty("columns").EnumerateArray())
            html.Append(CultureInfo.InvariantCulture, $"<th>{Encode(column.GetString() ?? "")}</th>");
        html.Append("</tr>");
        foreach (var row in table.GetProperty("rows").EnumerateArray())
        {
            html.Append("<tr>");
            int i = 0;
            foreach (var cell in row.EnumerateArray())
                html.Append(CultureInfo.InvariantCulture, $"<td{(i++ >= leftAligned ? " class=\"num\"" : "")}>{Encode(cell.GetString() ?? "")}</td>");
            html.Append("</tr>");
        }
        html.Append("</table>\n");
    }

    /// <summary>The pictures large, in the experiment's story order with its captions; the animation plays inline.</summary>
    private static void AppendPictures(StringBuilder html, string runPath, string relative, IReadOnlyList<Picture> pictures)
    {
        var shown = pictures.Where(p => File.Exists(Path.Combine(runPath, p.FileName))).ToList();
        // An animation falls back to GIF without ffmpeg: the declared MP4's caption then belongs to the GIF.
        foreach (var picture in pictures.Where(p => p.FileName.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) && !shown.Contains(p)))
        {
            string gif = Path.ChangeExtension(picture.FileName, ".gif");
            if (File.Exists(Path.Combine(runPath, gif)))
                shown.Add(picture with { FileName = gif });
        }
        if (shown.Count == 0)
            return;
        html.Append("<h3>Pictures</h3>\n");
        foreach (var picture in shown)
        {
            string src = $"{relative}/{Uri.EscapeDataString(picture.FileName)}";
            string element = picture.FileName.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase)
                ? $"<video src=\"{src}\" autoplay loop muted playsinline controls></video>"
                : $"<a href=\"{src}\"><img src=\"{src}\" alt=\"{Encode(picture.Caption)}\"></a>";
            html.Append(CultureInfo.InvariantCulture, $"<figure>{element}<figcaption>{Encode(picture.Caption)}</figcaption></figure>\n");
        }
    }

    /// <summary>
    /// A headline value as the report shows it: large numbers whole with thousands separators, tiny ones in scientific
    /// notation, small ones to three significant digits, the rest to at most four decimals (−16.0019, 25.011, 0.9904).
    /// </summary>
    internal static string FormatNumber(double value)
    {
        var invariant = CultureInfo.InvariantCulture;
        value += 0.0; // −0 reads as 0
        double magnitude = Math.Abs(value);
        if (double.IsNaN(value) || double.IsInfinity(value))
            return value.ToString(invariant);
        if (magnitude >= 1e4)
            return value.ToString("#,0", invariant);
        if (value == Math.Round(value))
            return value.ToString("0", invariant);
        if (magnitude < 1e-3)
            return value.ToString("0.00e+0", invariant).Replace("e+", "e", StringComparison.Ordinal);
        if (magnitude < 0.1)
            return value.ToString("G3", invariant);
        return Math.Round(value, 4).ToString("0.####", invariant);
    }

    /// <summary>A headline's label as a table heading: its first letter capitalised ("final loss" → "Final loss").</summary>
    internal static string Label(string label) => label.Length == 0 ? label : char.ToUpperInvariant(label[0]) + label[1..];

    /// <summary>A console note as a sentence of the page: without the console's "[INFO] " tag.</summary>
    private static string Sentence(string note) => note.StartsWith("[INFO] ", StringComparison.Ordinal) ? note["[INFO] ".Length..] : note;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
