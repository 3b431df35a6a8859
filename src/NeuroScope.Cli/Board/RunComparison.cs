using System.Text.Json;
using NeuroScope.Cli.Runs;
using NeuroScope.Experiments;

namespace NeuroScope.Cli.Board;

/// <summary>One run of a comparison: its legend (the settings that differ between the compared runs) and its series of the metric.</summary>
internal sealed record ComparedRun(string Id, string Experiment, string Status, string Legend, IReadOnlyList<MetricSeries> Series, IReadOnlyList<ReferenceLine> References);

/// <summary>Several runs' series of one metric, for overlaying.</summary>
/// <param name="Columns">Every metric column any of the runs has, for choosing another.</param>
/// <param name="Missing">Asked-for ids that are no run (deleted, mistyped): left out, named here.</param>
internal sealed record Comparison(string Column, IReadOnlyList<string> Columns, IReadOnlyList<ComparedRun> Runs, IReadOnlyList<string> Missing);

/// <summary>Builds comparisons: a metric of chosen runs, each labelled by the settings in which it differs from the others.</summary>
internal static class RunComparison
{
    /// <summary>The most runs one comparison draws.</summary>
    public const int MaxRuns = 50;

    /// <summary>Compares runs <paramref name="ids"/> on <paramref name="column"/> (by default the first metric column they share).</summary>
    public static Comparison Build(RunIndex runs, ExperimentRegistry experiments, IReadOnlyList<string> ids, string? column, int points)
    {
        var found = new List<(RunListing Run, IExperiment? Experiment, string Folder, Dictionary<string, (string Label, string Value)> Settings, MetricsView? Metrics)>();
        var missing = new List<string>();
        foreach (string id in ids.Distinct().Take(MaxRuns))
        {
            if (runs.Find(id) is not { } listing || RunPaths.RunFolder(runs.Root, id) is not { } folder)
            {
                missing.Add(id);
                continue;
            }
            var experiment = experiments.Find(listing.Experiment);
            found.Add((listing, experiment, folder, Settings(folder, experiment), ReadMetrics(folder, points, experiment?.CounterColumns ?? [])));
        }
        var columns = found.SelectMany(f => f.Metrics?.Columns ?? []).Distinct().ToList();
        string chosen = column is not null && columns.Contains(column) ? column : columns.FirstOrDefault() ?? "";
        // The legend names what tells the runs apart: settings with more than one value among them (the experiment too, when mixed).
        var differing = found.SelectMany(f => f.Settings.Keys).Distinct()
            .Where(key => found.Select(f => f.Settings.TryGetValue(key, out var s) ? s.Value : "—").Distinct().Count() > 1).ToList();
        bool mixed = found.Select(f => f.Run.Experiment).Distinct().Count() > 1;
        var compared = found.Select(f =>
        {
            var parts = differing.Select(key => f.Settings.TryGetValue(key, out var s) ? $"{s.Label} {s.Value}" : null).OfType<string>().ToList();
            if (mixed)
                parts.Insert(0, f.Run.Experiment);
            string legend = parts.Count == 0 ? f.Run.Id : $"{string.Join(", ", parts)} ({f.Run.Id})";
            var series = f.Metrics?.Series.Where(s => s.Column == chosen).ToList() ?? [];
            var references = RunReferenceLines.Read(f.Experiment, f.Folder).Where(r => r.Metric == chosen).ToList();
            return new ComparedRun(f.Run.Id, f.Run.Experiment, f.Run.Status, legend, series, references);
        }).ToList();
        return new Comparison(chosen, columns, compared, missing);
    }

    private static MetricsView? ReadMetrics(string folder, int points, IReadOnlyCollection<string> counters)
    {
        try
        {
            string path = Path.Combine(folder, "metrics.csv");
            return File.Exists(path) ? MetricsFile.Read(path, points, counters) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // config.json's settings by key, each with its declared label (lower case, as it reads inside a legend).
    private static Dictionary<string, (string Label, string Value)> Settings(string folder, IExperiment? experiment)
    {
        var settings = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (RunDetails.ReadJson(Path.Combine(folder, "config.json")) is { ValueKind: JsonValueKind.Object } config)
        {
            foreach (var property in config.EnumerateObject())
            {
                string label = experiment?.Options.ByJsonName(property.Name)?.Label ?? property.Name;
                settings[property.Name] = (label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label, RunDetails.Text(property.Value));
            }
        }
        return settings;
    }
}
