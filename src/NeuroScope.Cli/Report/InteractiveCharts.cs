using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuroScope.Cli.Runs;
using NeuroScope.Cli.Sweep;
using NeuroScope.Cli.Web;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Files;

namespace NeuroScope.Cli.Report;

/// <summary>
/// The report's interactive part: a run's metrics as the board's charts (<c>charts.js</c> on uPlot) and its
/// <c>surface.json</c> as turnable surfaces (<c>surface.js</c> on Plotly), with the data embedded in the page and the
/// libraries inlined, so the report works offline from any folder. The PNGs stay beside them for print and for
/// browsers without JavaScript or WebGL.
/// </summary>
internal static class InteractiveCharts
{
    /// <summary>The most points one series of the report keeps; longer ones are thinned keeping every bucket's extremes.</summary>
    public const int MaxPointsPerSeries = 2000;

    /// <summary>The embedded data's element class, one JSON block per run.</summary>
    private const string DataClass = "ns-run-data";

    /// <summary>
    /// The charts block of one run (empty when it has no metrics and no surface): the metrics of every stage of
    /// metrics.csv, each metric its own chart with one line per stage, and the surfaces. <paramref name="fallback"/>
    /// is the picture shown instead of the surfaces where WebGL is missing; <paramref name="experiment"/> declares the
    /// counter columns left out and the reference lines drawn.
    /// </summary>
    public static string Section(string runPath, string id, string? fallback, IExperiment? experiment)
    {
        var data = new JsonObject();
        bool sweep = File.Exists(Path.Combine(runPath, SweepRunner.DocumentFile));
        if ((sweep ? ReadSweepMetrics(runPath, experiment) : ReadMetrics(runPath, experiment)) is { } metrics)
            data["metrics"] = metrics;
        string surfacePath = Path.Combine(runPath, SurfaceFile.FileName);
        if (File.Exists(surfacePath))
        {
            try
            {
                data["surface"] = JsonNode.Parse(File.ReadAllText(surfacePath));
            }
            catch (JsonException)
            {
                // A damaged surface.json costs the report its 3-D view, not the page.
            }
        }
        if (data.Count == 0)
            return "";
        if (fallback is not null)
            data["fallback"] = fallback;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"ns-interactive\" id=\"{id}-interactive\">\n<noscript><p class=\"note\">The interactive charts need JavaScript; the pictures show the same runs.</p></noscript>\n");
        if (data.ContainsKey("surface"))
            html.Append("<h3>Surfaces in 3-D</h3>\n<p class=\"note\">Drag to turn them (both follow), scroll to zoom, hover for values.</p>\n<div class=\"ns-surface\"></div>\n");
        if (data.ContainsKey("metrics"))
            html.Append(CultureInfo.InvariantCulture, $"<h3>Metrics, interactive</h3>\n<p class=\"note\">{(sweep ? "The compared metrics, one line per run of the grid, each with its own reference line" : "Every metric of metrics.csv, one line per stage of the run")}. Drag to zoom, Shift+drag to pan, double-click to see everything again; the toolbar sets a log axis and smoothing.</p>\n<div class=\"ns-metrics\"></div>\n");
        // The default encoder escapes <, > and &, so the JSON can never close its script element.
        html.Append(CultureInfo.InvariantCulture, $"<script type=\"application/json\" class=\"{DataClass}\">{data.ToJsonString()}</script>\n</div>\n");
        return html.ToString();
    }

    /// <summary>The stylesheet the charts need, for the page's head.</summary>
    public static string Style() => $"<style>{EmbeddedAssets.Web.Read("vendor/uplot/uPlot.min.css")}\n@media print {{ .ns-interactive {{ display: none; }} }}</style>";

    /// <summary>The libraries, the chart scripts and the start-up script, inlined, for the end of the page's body; Plotly only when a surface needs it.</summary>
    public static string Scripts(bool withSurfaces)
    {
        var html = new StringBuilder();
        foreach (var path in withSurfaces
            ? new[] { "vendor/uplot/uPlot.iife.min.js", "charts.js", "vendor/plotly/plotly-gl3d.min.js", "surface.js" }
            : ["vendor/uplot/uPlot.iife.min.js", "charts.js"])
            html.Append(CultureInfo.InvariantCulture, $"<script data-asset=\"{path}\">\n{EmbeddedAssets.Web.Read(path).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)}\n</script>\n");
        html.Append("<script>\n").Append(StartUp).Append("\n</script>\n");
        return html.ToString();
    }

    // Draws every run's charts and surfaces from its embedded data once the page has loaded (so the text and pictures
    // come first); body.dataset.charts and .surfaces say how many were drawn (or the first error), so a headless
    // browser can check the page.
    private const string StartUp = """
        window.addEventListener("load", () => setTimeout(function () {
          const blocks = [...document.querySelectorAll(".ns-interactive")];
          let charts = 0;
          const surfaces = [];
          window.NeuroScopeChartsOnPage = [];
          try {
            for (const block of blocks) {
              const data = JSON.parse(block.querySelector("script.ns-run-data").textContent);
              const host = block.querySelector(".ns-metrics");
              if (host && data.metrics) {
                for (const metric of data.metrics.series) {
                  const div = document.createElement("div");
                  div.dataset.metric = metric.name;
                  host.appendChild(div);
                  const chart = NeuroScopeCharts.create(div, { title: metric.name, xLabel: data.metrics.x, yLabel: metric.name, runs: metric.runs,
                    references: metric.references || [], logY: !!metric.logY, height: 240 });
                  window.NeuroScopeChartsOnPage.push({ section: block.id.replace(/-interactive$/, ""), metric: metric.name, chart });
                  charts++;
                }
              }
              const surfaceHost = block.querySelector(".ns-surface");
              if (surfaceHost && data.surface && window.NeuroScopeSurface) {
                window.NeuroScopeSurfaces = window.NeuroScopeSurfaces || [];
                const view = NeuroScopeSurface.create(surfaceHost, data.surface, { fallback: data.fallback || null, height: 440 });
                window.NeuroScopeSurfaces.push(view);
                surfaces.push(view.ready);
              }
            }
            document.body.dataset.charts = String(charts);
          } catch (e) {
            document.body.dataset.charts = "error: " + e.message;
            throw e;
          }
          Promise.all(surfaces).then(() => { document.body.dataset.surfaces = String(surfaces.length); },
            e => { document.body.dataset.surfaces = "error: " + e.message; });
        }, 0));
        """;

    /// <summary>
    /// metrics.csv as chart data: x = step, and per metric column with any finite value (the experiment's counters left
    /// out), one series per stage (named from stages.json when the run wrote it), each thinned to
    /// <see cref="MaxPointsPerSeries"/>; a metric with a declared reference line (fit's sharpness: 2/lr) gets it. Null when
    /// the file is missing or has no rows.
    /// </summary>
    internal static JsonObject? ReadMetrics(string runPath, IExperiment? experiment)
    {
        string path = Path.Combine(runPath, "metrics.csv");
        if (!File.Exists(path))
            return null;
        var view = MetricsFile.Read(path, MaxPointsPerSeries, experiment?.CounterColumns ?? []);
        if (view.Series.Count == 0)
            return null;
        var stageNames = ReadStageNames(runPath);
        bool oneStage = view.Series.Select(s => s.Stage).Distinct().Count() == 1;
        var references = RunReferenceLines.Read(experiment, runPath);
        var series = new JsonArray();
        foreach (var column in view.Series.GroupBy(s => s.Column))
        {
            var runs = new JsonArray([.. column.Select(s => (JsonNode)new JsonObject
            {
                ["label"] = s.Stage < stageNames.Count ? stageNames[s.Stage] : oneStage ? "this run" : $"stage {s.Stage}",
                ["x"] = Numbers(s.X),
                ["y"] = Numbers(s.Y),
            })]);
            var metric = new JsonObject { ["name"] = column.Key, ["runs"] = runs };
            if (references.Where(r => r.Metric == column.Key).ToList() is { Count: > 0 } lines)
                metric["references"] = new JsonArray([.. lines.Select(r => (JsonNode)new JsonObject { ["value"] = r.Value, ["label"] = r.Label })]);
            if (column.Key is "loss" or "generalization_error" && column.All(s => s.Y.All(v => v > 0)))
                metric["logY"] = true;
            series.Add(metric);
        }
        return new JsonObject { ["x"] = "step", ["series"] = series };
    }

    /// <summary>
    /// A sweep folder's comparison as chart data: per metric of sweep.json (those its pictures compare), one line per run
    /// of the grid, labelled with its settings, from the stage that recorded the metric most (as the pictures draw it),
    /// and each run's declared reference lines in its colour. Null when no run has any of the metrics.
    /// </summary>
    internal static JsonObject? ReadSweepMetrics(string sweepPath, IExperiment? experiment)
    {
        List<string> metrics;
        List<(string Label, string Folder)> runs;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweepPath, SweepRunner.DocumentFile)));
            metrics = [.. document.RootElement.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()).OfType<string>()];
            runs = [.. document.RootElement.GetProperty("runs").EnumerateArray()
                .Where(r => r.TryGetProperty("folder", out var f) && f.ValueKind == JsonValueKind.String)
                .Select(r => (r.GetProperty("label").GetString() ?? "", Path.Combine(sweepPath, r.GetProperty("folder").GetString()!)))];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            return null;
        }
        var views = runs.Select(r => File.Exists(Path.Combine(r.Folder, "metrics.csv"))
            ? MetricsFile.Read(Path.Combine(r.Folder, "metrics.csv"), MaxPointsPerSeries, experiment?.CounterColumns ?? []) : null).ToList();
        var references = runs.Select(r => RunReferenceLines.Read(experiment, r.Folder)).ToList();
        var series = new JsonArray();
        foreach (string metric in metrics)
        {
            var lines = new JsonArray();
            var levels = new JsonArray();
            var values = new List<double>();
            for (int i = 0; i < runs.Count; i++)
            {
                if (views[i]?.Series.Where(s => s.Column == metric).MaxBy(s => s.Total) is not { } line)
                    continue;
                foreach (var r in references[i].Where(r => r.Metric == metric))
                    levels.Add(new JsonObject { ["value"] = r.Value, ["label"] = $"{r.Label} ({runs[i].Label})", ["run"] = lines.Count });
                lines.Add(new JsonObject { ["label"] = runs[i].Label, ["x"] = Numbers(line.X), ["y"] = Numbers(line.Y) });
                values.AddRange(line.Y);
            }
            if (lines.Count == 0)
                continue;
            var chart = new JsonObject { ["name"] = metric, ["runs"] = lines };
            if (levels.Count > 0)
                chart["references"] = levels;
            if (metric is "loss" or "generalization_error" && values.All(v => v > 0))
                chart["logY"] = true;
            series.Add(chart);
        }
        return series.Count == 0 ? null : new JsonObject { ["x"] = "step", ["series"] = series };
    }

    private static IReadOnlyList<string> ReadStageNames(string runPath)
    {
        string path = Path.Combine(runPath, ExperimentRunner.StagesFile);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<string[]>(File.ReadAllText(path)) ?? [] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    // Six significant digits are more than a chart shows and halve the embedded data.
    private static JsonArray Numbers(double[] values) =>
        new([.. values.Select(v => (JsonNode)JsonValue.Create(double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)))]);

    /// <summary>Whether any section of the report has a surface (the Plotly bundle is inlined only then).</summary>
    public static bool HasSurface(string html) => html.Contains("class=\"ns-surface\"", StringComparison.Ordinal);
}
