using NeuroScope.Cli.Runs;
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
        MetricSeries? most = null;
        try
        {
            if (csvPath is not null && File.Exists(csvPath) && new FileInfo(csvPath).Length <= MaxBytes)
                most = MetricsFile.Read(csvPath, int.MaxValue, []).Series.Where(s => s.Column == metric).MaxBy(s => s.Total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A run folder removed while the sweep ran draws as no line; the legend still names the run.
        }
        return new SweepSeries(point.Label, most?.X ?? [], most?.Y ?? [], references);
    }
}
