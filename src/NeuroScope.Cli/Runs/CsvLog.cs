using System.Globalization;
using System.Text;

namespace NeuroScope.Cli.Runs;

/// <summary>
/// An append-only CSV file with a header. Every row is one write of a whole line, then flushed; when a write fails (a
/// full disk) the file is cut back to its last whole line, so it never ends mid-line, and the failure names the file.
/// </summary>
public sealed class CsvLog : IDisposable
{
    private readonly FileStream _stream;
    private readonly IReadOnlyList<string> _columns;
    private readonly StringBuilder _line = new();
    private long _wholeLength;

    internal CsvLog(string path, IReadOnlyList<string> columns)
    {
        _columns = columns;
        Path = path;
        try
        {
            _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw RunFailedException.Writing(path, e);
        }
        WriteLine(string.Join(',', columns));
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>Appends one row; values are matched to columns by name, missing ones left empty.</summary>
    /// <exception cref="RunFailedException">The line cannot be written (the file keeps its earlier whole lines).</exception>
    public void Append(IReadOnlyDictionary<string, double> values)
    {
        _line.Clear();
        for (int i = 0; i < _columns.Count; i++)
        {
            if (i > 0)
                _line.Append(',');
            if (values.TryGetValue(_columns[i], out double v))
                _line.Append(v.ToString("R", CultureInfo.InvariantCulture));
        }
        WriteLine(_line.ToString());
    }

    private void WriteLine(string line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
        try
        {
            _stream.Write(bytes);
            _stream.Flush();
            _wholeLength += bytes.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                // Shortening a file needs no free space; what stays is every line written before.
                _stream.SetLength(_wholeLength);
            }
            catch (IOException)
            {
                // The line could not be cut back either; the message below still says which file failed.
            }
            throw RunFailedException.Writing(Path, e);
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // Every line was flushed as written; nothing is pending.
        }
    }
}
