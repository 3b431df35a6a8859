using System.Globalization;

namespace NeuroScope.Experiments.Fit;

/// <summary>Reads a CSV of samples: x,target (1-D) or x,y,target (2-D), one per line, an optional header line.</summary>
internal static class FitData
{
    public static (double[] Inputs, double[] Targets) Read(string path, int inputDimension)
    {
        var inputs = new List<double>();
        var targets = new List<double>();
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
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
                throw new ConfigException("dataFile", path, $"line {lineNumber} ('{line}') is not {inputDimension + 1} numbers separated by ','");
            }
            if (values.Length != inputDimension + 1)
                throw new ConfigException("dataFile", path, $"line {lineNumber} has {values.Length} columns; inputDimension {inputDimension} needs {inputDimension + 1} (x{(inputDimension == 2 ? ",y" : "")},target)");
            foreach (double v in values)
                if (!double.IsFinite(v))
                    throw new ConfigException("dataFile", path, $"line {lineNumber} holds a value that is not finite");
            for (int i = 0; i < inputDimension; i++)
                inputs.Add(values[i]);
            targets.Add(values[inputDimension]);
        }
        if (targets.Count < 2)
            throw new ConfigException("dataFile", path, "it must hold at least 2 samples");
        return ([.. inputs], [.. targets]);
    }
}
