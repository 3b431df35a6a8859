using System.Globalization;
using System.Text;

namespace NeuroScope.Cli.Runs;

/// <summary>One metric of a run as a chart draws it: the rows of one stage where the column has a value.</summary>
/// <param name="Column">The metrics.csv column, e.g. <c>sharpness</c>.</param>
/// <param name="Stage">The stage number (metrics.csv's <c>stage</c> column: the run's phases in the order they began).</param>
/// <param name="Total">How many points the series has before downsampling.</param>
/// <param name="X">The steps.</param>
/// <param name="Y">The values (finite only: a value that overflowed is left out, the chart shows the gap).</param>
internal sealed record MetricSeries(string Column, int Stage, int Total, double[] X, double[] Y);

/// <summary>A run's metrics.csv, read up to its last whole line and downsampled for drawing.</summary>
/// <param name="Header">Every column of the file in its order (a live row from the follower has this order).</param>
/// <param name="Columns">The metric columns drawn: every column but <c>stage</c>, <c>step</c> and the counters left out.</param>
/// <param name="Rows">How many whole rows the file held.</param>
/// <param name="Bytes">Where the whole lines end: a live follower continues from here.</param>
/// <param name="Cut">Whether the file ended mid-line (a live run's line on its way, or a damaged file).</param>
/// <param name="Series">One series per column and stage that has values.</param>
internal sealed record MetricsView(IReadOnlyList<string> Header, IReadOnlyList<string> Columns, int Rows, long Bytes, bool Cut, IReadOnlyList<MetricSeries> Series);

/// <summary>
/// Reads metrics.csv files for charts, the board's and the report's alike: whole lines only, numbers in the invariant
/// culture, blanks as missing, one series per metric column and stage against the step.
/// </summary>
internal static class MetricsFile
{
    /// <summary>The most points a series is sent with by default: more than a chart's width in pixels, so nothing visible is lost.</summary>
    public const int DefaultPoints = 2000;

    /// <summary>
    /// Reads <paramref name="path"/> and downsamples each series to at most <paramref name="points"/> points, keeping every
    /// bucket's extremes; <paramref name="counters"/> (the experiment's <see cref="NeuroScope.Experiments.IExperiment.CounterColumns"/>)
    /// are left out, as step is: they only count.
    /// </summary>
    public static MetricsView Read(string path, int points, IReadOnlyCollection<string> counters)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, 1 << 16);
        long length = stream.Length;
        string? header = reader.ReadLine();
        if (header is null)
            return new MetricsView([], [], 0, 0, false, []);
        string[] names = header.Split(',');
        int stageAt = Array.IndexOf(names, "stage"), stepAt = Array.IndexOf(names, "step");
        var columnAt = names.Select((_, i) => i).Where(i => i != stageAt && i != stepAt && !counters.Contains(names[i])).ToArray();
        var columns = columnAt.Select(i => names[i]).ToArray();
        var builders = new Dictionary<(int Column, int Stage), (List<double> X, List<double> Y)>();
        long bytes = Encoding.UTF8.GetByteCount(header) + 1;
        int rows = 0;
        bool cut = false;
        var cells = new double[names.Length];
        while (reader.ReadLine() is { } line)
        {
            long next = bytes + Encoding.UTF8.GetByteCount(line) + 1;
            if (next > length)
            {
                // The last line has no newline yet: it is being written, or the file was cut.
                cut = true;
                break;
            }
            bytes = next;
            if (!ParseRow(line, cells))
                continue;
            rows++;
            int stage = stageAt >= 0 && double.IsFinite(cells[stageAt]) ? (int)cells[stageAt] : 0;
            double step = stepAt >= 0 ? cells[stepAt] : rows;
            for (int c = 0; c < columnAt.Length; c++)
            {
                double value = cells[columnAt[c]];
                if (!double.IsFinite(value) || !double.IsFinite(step))
                    continue;
                if (!builders.TryGetValue((c, stage), out var series))
                    builders[(c, stage)] = series = ([], []);
                series.X.Add(step);
                series.Y.Add(value);
            }
        }
        var result = builders.OrderBy(b => b.Key.Column).ThenBy(b => b.Key.Stage)
            .Select(b => Downsample(columns[b.Key.Column], b.Key.Stage, b.Value.X, b.Value.Y, points))
            .ToList();
        return new MetricsView(names, columns, rows, bytes, cut, result);
    }

    /// <summary>Reads one CSV row into <paramref name="cells"/> (blank or unreadable cells become NaN); false when the row has the wrong number of cells.</summary>
    public static bool ParseRow(string line, double[] cells)
    {
        int cell = 0, start = 0;
        for (int i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] != ',')
                continue;
            if (cell >= cells.Length)
                return false;
            var text = line.AsSpan(start, i - start);
            cells[cell++] = text.IsEmpty || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? double.NaN : v;
            start = i + 1;
        }
        return cell == cells.Length;
    }

    /// <summary>
    /// At most <paramref name="points"/> points of a series: the points split into equal buckets and each bucket keeps its
    /// smallest and largest value (in their order), with the first and last point always kept, so spikes and troughs
    /// survive however long the run.
    /// </summary>
    public static MetricSeries Downsample(string column, int stage, IReadOnlyList<double> x, IReadOnlyList<double> y, int points)
    {
        int n = x.Count;
        if (n <= Math.Max(points, 4))
            return new MetricSeries(column, stage, n, [.. x], [.. y]);
        int buckets = Math.Max(1, (points - 2) / 2);
        var keep = new List<int>(points) { 0 };
        for (int b = 0; b < buckets; b++)
        {
            int from = 1 + (int)((long)b * (n - 2) / buckets), to = 1 + (int)((long)(b + 1) * (n - 2) / buckets);
            if (from >= to)
                continue;
            int low = from, high = from;
            for (int i = from + 1; i < to; i++)
            {
                if (y[i] < y[low])
                    low = i;
                if (y[i] > y[high])
                    high = i;
            }
            keep.Add(Math.Min(low, high));
            if (low != high)
                keep.Add(Math.Max(low, high));
        }
        keep.Add(n - 1);
        return new MetricSeries(column, stage, n, keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray());
    }
}
