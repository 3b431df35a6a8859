using System.Globalization;
using NeuroScope.Experiments;
using NeuroScope.Plotting.Sweep;

namespace NeuroScope.Cli.Sweep;

/// <summary>Reads one metric of a run's metrics.csv for the comparison picture.</summary>
internal static class SweepMetrics
{
    // metrics.csv of an ordinary run is a few megabytes at most; a larger file is not read whole into memory.
    private const long MaxBytes = 200L << 20;

    /// <summary>
    /// The run's finite values of <paramref name="metric"/> against the step, from the stage that recorded it most
    /// (an experiment with several stages, such as dose's plain loop and trainer, restarts its steps in each); empty
    /// when the file is missing or unreadable.
    /// </summary>
    public static SweepSeries Series(IExperiment experiment, SweepPoint point, string? csvPath, string metric)
    {
        var references = experiment.ReferenceLines(point.Config).Where(r => r.Metric == metric).ToList();
        var byStage = new Dictionary<string, (List<double> Steps, List<double> Values)>();
        try
        {
            if (csvPath is not null && File.Exists(csvPath) && new FileInfo(csvPath).Length <= MaxBytes)
            {
                using var reader = new StreamReader(csvPath);
                string[] header = (reader.ReadLine() ?? "").Split(',');
                int stageColumn = Array.IndexOf(header, "stage"), stepColumn = Array.IndexOf(header, "step"), valueColumn = Array.IndexOf(header, metric);
                if (stepColumn >= 0 && valueColumn >= 0)
                {
                    while (reader.ReadLine() is { } line)
                    {
                        string[] cells = line.Split(',');
                        if (cells.Length != header.Length
                            || !double.TryParse(cells[stepColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out double step)
                            || !double.TryParse(cells[valueColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                            || !double.IsFinite(value))
                            continue;
                        string stage = stageColumn >= 0 ? cells[stageColumn] : "";
                        if (!byStage.TryGetValue(stage, out var series))
                            byStage[stage] = series = ([], []);
                        series.Steps.Add(step);
                        series.Values.Add(value);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A run folder removed while the sweep ran draws as no line; the legend still names the run.
        }
        var most = byStage.Values.OrderByDescending(s => s.Values.Count).FirstOrDefault();
        return new SweepSeries(point.Label, most.Steps?.ToArray() ?? [], most.Values?.ToArray() ?? [], references);
    }
}
