using System.Globalization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// Reads a recorded signal — an input current or a target voltage — from a CSV file of <c>time, value</c> rows (time
/// in ms, an optional header line), sampled on the simulation's grid: times 0, dt, 2·dt, … up to the duration.
/// </summary>
/// <remarks>
/// The file must match the grid exactly, because a recording is compared sample by sample with a simulation on that
/// grid: interpolating a trace that was measured at another rate would invent data. A time counts as on the grid
/// when it is within 0.1 % of dt of k·dt, so times written with a few decimals are accepted.
/// </remarks>
public static class TraceFile
{
    /// <summary>The values of the file at <paramref name="path"/>, one per point of <paramref name="grid"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="grid">The simulation's grid.</param>
    /// <param name="quantity">What the second column holds, for messages ("current", "voltage").</param>
    /// <exception cref="FormatException">The file is missing, unreadable, or not a finite, sorted series on the grid; the message says which line and why.</exception>
    public static double[] Read(string path, TimeGrid grid, string quantity)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(grid);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new FormatException($"the file '{path}' cannot be read ({e.Message.TrimEnd('.')})");
        }
        return Parse(lines, grid, quantity, path);
    }

    /// <summary>Parses the lines of a trace file (see <see cref="Read"/>); <paramref name="source"/> names it in messages.</summary>
    public static double[] Parse(IReadOnlyList<string> lines, TimeGrid grid, string quantity, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(grid);
        var values = new List<double>(grid.Points);
        double previous = double.NaN;
        double tolerance = 1e-3 * grid.Dt;
        bool firstLine = true;
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            string where = $"{source} line {i + 1}";
            var fields = line.Split(',', StringSplitOptions.TrimEntries);
            bool header = firstLine && !IsNumber(fields[0]) && !LooksNumeric(fields[0]);
            firstLine = false;
            if (header)
                continue; // a header such as "time_ms,current_mV"
            if (fields.Length != 2)
                throw new FormatException($"{where}: '{line}' has {fields.Length} fields; each row must be time (ms), {quantity}");
            double time = Number(fields[0], where, "time");
            double value = Number(fields[1], where, quantity);
            if (!double.IsNaN(previous) && time == previous)
                throw new FormatException($"{where}: the time {Format(time)} ms appears twice; each time must appear once");
            if (!double.IsNaN(previous) && time < previous)
                throw new FormatException($"{where}: the time {Format(time)} ms comes after {Format(previous)} ms; the times must be sorted in increasing order");
            double expected = values.Count * grid.Dt;
            if (Math.Abs(time - expected) > tolerance)
                throw new FormatException($"{where}: the time {Format(time)} ms is not on the simulation's grid (dt = {Format(grid.Dt)} ms, expected {Format(expected)}); "
                    + "the rows must be at 0, dt, 2·dt, … with the run's --dt");
            if (values.Count == grid.Points)
                throw new FormatException($"{source}: the file goes beyond the run's duration ({Format(grid.Duration)} ms, {grid.Points} samples); set --duration to the file's length or trim the file");
            values.Add(value);
            previous = time;
        }
        if (values.Count == 0)
            throw new FormatException($"{source}: the file holds no time, {quantity} rows");
        if (values.Count < grid.Points)
            throw new FormatException($"{source}: the file ends at {Format(previous)} ms ({values.Count} samples) but the run lasts {Format(grid.Duration)} ms ({grid.Points} samples at dt = {Format(grid.Dt)}); "
                + "set --duration to the file's length or give samples up to the end");
        return [.. values];
    }

    /// <summary>Writes <paramref name="values"/> sampled on <paramref name="grid"/> as a trace file with a header (the format <see cref="Read"/> takes).</summary>
    public static string Format(TimeGrid grid, IReadOnlyList<double> values, string header)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(values);
        var text = new System.Text.StringBuilder(header).Append('\n');
        for (int i = 0; i < values.Count; i++)
            text.Append(CultureInfo.InvariantCulture, $"{grid.Time(i):0.######},{values[i]:R}\n");
        return text.ToString();
    }

    private static double Number(string field, string where, string what)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new FormatException($"{where}: the {what} '{field}' is not a number (write it like -52.5, with a point)");
        if (!double.IsFinite(value))
            throw new FormatException($"{where}: the {what} is {field}; it must be a finite number");
        return value;
    }

    private static bool IsNumber(string field) => double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    // "1,5" split by commas or "NaN" should be reported as a bad number, not skipped as a header.
    private static bool LooksNumeric(string field) => field.Length > 0 && (char.IsDigit(field[0]) || field[0] is '-' or '+' or '.')
        || field.Equals("nan", StringComparison.OrdinalIgnoreCase) || field.Contains("infinity", StringComparison.OrdinalIgnoreCase) || field == "∞";

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
