using System.Globalization;

namespace NeuroScope.Experiments.Fit;

/// <summary>Reads a CSV of samples: x,target (1-D) or x,y,target (2-D), one per line, an optional header line.</summary>
internal static class FitData
{
    /// <summary>The largest data file read, in bytes (a million samples of three long numbers fit well within it).</summary>
    public const long MaxBytes = 100L << 20;

    /// <summary>The most samples a data file may hold (as for generated samples).</summary>
    public const int MaxSamples = 1_000_000;

    /// <summary>The longest line read, in characters.</summary>
    public const int MaxLineLength = 10_000;

    // Lines read with bounds on the line and the total, so a device or a pipe that never ends (/dev/zero) is refused, not read forever.
    private static IEnumerable<string> BoundedLines(string path)
    {
        using var reader = new StreamReader(path);
        var line = new System.Text.StringBuilder();
        var buffer = new char[1 << 16];
        long total = 0;
        int lineNumber = 1, read;
        while ((read = reader.Read(buffer)) > 0)
        {
            total += read;
            if (total > MaxBytes)
                throw new ConfigException("dataFile", path, FormattableString.Invariant($"it is longer than {MaxBytes >> 20} MB, the most a data file may hold"));
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] == '\n')
                {
                    yield return line.ToString();
                    line.Clear();
                    lineNumber++;
                }
                else if (line.Length >= MaxLineLength)
                    throw new ConfigException("dataFile", path, FormattableString.Invariant($"line {lineNumber} is longer than {MaxLineLength:N0} characters"));
                else
                    line.Append(buffer[i]);
            }
        }
        if (line.Length > 0)
            yield return line.ToString();
    }

    public static (double[] Inputs, double[] Targets) Read(string path, int inputDimension)
    {
        var file = new FileInfo(path);
        if (file.Length > MaxBytes)
            throw new ConfigException("dataFile", path, FormattableString.Invariant($"it is {file.Length / (1 << 20):N0} MB; data files are read whole and may be at most {MaxBytes >> 20} MB"));
        var inputs = new List<double>();
        var targets = new List<double>();
        int lineNumber = 0;
        foreach (string raw in BoundedLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            string[] cells = line.Split(',', StringSplitOptions.TrimEntries);
            var values = new double[cells.Length];
            bool numeric = true;
            for (int i = 0; i < cells.Length; i++)
                numeric &= double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]);
            if (!numeric)
            {
                if (targets.Count == 0 && inputs.Count == 0 && lineNumber == 1)
                    continue; // a header line
                throw new ConfigException("dataFile", path, $"line {lineNumber} ('{MessageText.Shorten(line)}') is not {inputDimension + 1} numbers separated by ','");
            }
            if (values.Length != inputDimension + 1)
                throw new ConfigException("dataFile", path, $"line {lineNumber} has {values.Length} columns; inputDimension {inputDimension} needs {inputDimension + 1} (x{(inputDimension == 2 ? ",y" : "")},target)");
            foreach (double v in values)
                if (!double.IsFinite(v) || Math.Abs(v) > FitConfig.MaxMagnitude)
                    throw new ConfigException("dataFile", path, FormattableString.Invariant($"line {lineNumber} holds {v}, which is not a finite number within ±{FitConfig.MaxMagnitude:0e0}"));
            if (targets.Count >= MaxSamples)
                throw new ConfigException("dataFile", path, FormattableString.Invariant($"it holds more than {MaxSamples:N0} samples"));
            for (int i = 0; i < inputDimension; i++)
                inputs.Add(values[i]);
            targets.Add(values[inputDimension]);
        }
        if (targets.Count < 2)
            throw new ConfigException("dataFile", path, "it must hold at least 2 samples");
        return ([.. inputs], [.. targets]);
    }
}
