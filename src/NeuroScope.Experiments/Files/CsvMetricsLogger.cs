using System.Globalization;
using System.Text;
using NeuroScope.Training;

namespace NeuroScope.Experiments.Files;

/// <summary>
/// Writes one CSV line per completed epoch, as Lightning's <c>CSVLogger</c>: a header <c>epoch,step,loss,…</c> (logged
/// metrics in order of first appearance), then the values in the invariant culture at full (round-trip) precision. Each
/// line is written whole and flushed at once, so an interrupted run keeps every finished epoch. A metric that first
/// appears in a later epoch widens the header: the file is rewritten through a temporary file and replaced in one move,
/// and earlier lines get an empty field for it.
/// </summary>
public sealed class CsvMetricsLogger : TrainerCallback, IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly List<string> _columns = ["epoch", "step"];
    private readonly List<EpochMetrics> _rows = [];
    private StreamWriter? _writer;
    private bool _disposed;

    /// <summary>Creates (or truncates) the file at <paramref name="path"/>, creating its folder if needed; other processes may read it while it is written.</summary>
    /// <param name="path">The CSV file to write.</param>
    public CsvMetricsLogger(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("path must name the CSV file to write.", nameof(path));
        Path = System.IO.Path.GetFullPath(path);
        string? folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        _writer = Open(FileMode.Create);
    }

    /// <summary>The full path of the CSV file.</summary>
    public string Path { get; }

    /// <summary>The columns written so far: "epoch", "step", "loss", then logged metrics.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <inheritdoc/>
    public override void OnEpochEnd(EpochMetrics metrics, TrainingControl control)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ObjectDisposedException.ThrowIf(_disposed, this);
        bool widened = false;
        foreach (var name in metrics.Values.Keys)
        {
            if (!_columns.Contains(name))
            {
                _columns.Add(name);
                widened = true;
            }
        }
        _rows.Add(metrics);

        if (_rows.Count == 1)
        {
            WriteLine(_writer!, Header());
            WriteLine(_writer!, Line(metrics));
        }
        else if (widened)
        {
            Rewrite();
        }
        else
        {
            WriteLine(_writer!, Line(metrics));
        }
        _writer!.Flush();
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(TrainingResult result)
    {
        if (!_disposed)
            _writer!.Flush();
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _writer?.Dispose();
        _writer = null;
    }

    private StreamWriter Open(FileMode mode) =>
        new(new FileStream(Path, mode, FileAccess.Write, FileShare.Read), Utf8NoBom) { NewLine = "\n", AutoFlush = false };

    // Every line goes out as one write, so a reader (or a crash) sees whole lines only.
    private static void WriteLine(StreamWriter writer, string line) => writer.Write(line + "\n");

    private string Header() => string.Join(',', _columns);

    private string Line(EpochMetrics metrics)
    {
        var line = new StringBuilder();
        line.Append(metrics.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',').Append(metrics.Step.ToString(CultureInfo.InvariantCulture));
        for (int c = 2; c < _columns.Count; c++)
        {
            line.Append(',');
            if (metrics.Values.TryGetValue(_columns[c], out double value))
                line.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }
        return line.ToString();
    }

    private void Rewrite()
    {
        _writer!.Dispose();
        _writer = null;
        string temporary = Path + ".tmp";
        using (var writer = new StreamWriter(new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None), Utf8NoBom))
        {
            WriteLine(writer, Header());
            foreach (var row in _rows)
                WriteLine(writer, Line(row));
        }
        File.Move(temporary, Path, overwrite: true);
        _writer = Open(FileMode.Append);
    }
}
