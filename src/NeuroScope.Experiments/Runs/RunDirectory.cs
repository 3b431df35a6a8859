using System.Globalization;
using System.Text;

namespace NeuroScope.Experiments.Runs;

/// <summary>
/// One run's folder, <c>runs/&lt;name&gt;_&lt;NNN&gt;/</c> with the next free number, and the files every run writes into it:
/// JSON documents written whole (to a temporary file, then moved, so no half-written file is left), and CSV logs
/// appended and flushed line by line.
/// </summary>
public sealed class RunDirectory : IRunFiles
{
    private RunDirectory(string path, string name)
    {
        Path = path;
        Name = name;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The folder's name, e.g. <c>dose_003</c>.</summary>
    public string Name { get; }

    /// <summary>Creates the next free <c>&lt;slug&gt;_&lt;NNN&gt;</c> folder under <paramref name="runsRoot"/>.</summary>
    /// <exception cref="RunDirectoryException">The folder cannot be created or written.</exception>
    public static RunDirectory Create(string runsRoot, string name)
    {
        string slug = Slug(name);
        try
        {
            Directory.CreateDirectory(runsRoot);
            for (int number = 1; number < 100_000; number++)
            {
                string folder = System.IO.Path.Combine(runsRoot, $"{slug}_{number:000}");
                if (Directory.Exists(folder) || System.IO.File.Exists(folder))
                    continue;
                Directory.CreateDirectory(folder);
                var run = new RunDirectory(System.IO.Path.GetFullPath(folder), System.IO.Path.GetFileName(folder));
                // Fail now, not after training, when the folder cannot be written.
                string probe = System.IO.Path.Combine(folder, ".write-test");
                System.IO.File.WriteAllText(probe, "");
                System.IO.File.Delete(probe);
                return run;
            }
            throw new RunDirectoryException($"runs-dir '{runsRoot}' already holds 99,999 runs named '{slug}'; choose another --name or --runs-dir.");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new RunDirectoryException($"runs-dir '{runsRoot}' cannot be written ({e.Message}); choose a writable folder with --runs-dir.");
        }
    }

    /// <summary>Opens an existing run folder (for replay and listing).</summary>
    public static RunDirectory Open(string path)
    {
        if (!Directory.Exists(path))
            throw new RunDirectoryException($"run directory '{path}' does not exist.");
        var full = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        return new RunDirectory(full, System.IO.Path.GetFileName(full));
    }

    /// <summary>The full path of a file in this run.</summary>
    public string File(string fileName) => System.IO.Path.Combine(Path, fileName);

    /// <summary>Writes <paramref name="value"/> as JSON, atomically.</summary>
    public string WriteJson<T>(string fileName, T value) => WriteText(fileName, ExperimentJson.Serialize(value));

    /// <summary>Writes a text file atomically (temporary file, then move).</summary>
    public string WriteText(string fileName, string content)
    {
        string target = File(fileName), temporary = target + ".tmp";
        System.IO.File.WriteAllText(temporary, content, new UTF8Encoding(false));
        System.IO.File.Move(temporary, target, overwrite: true);
        return target;
    }

    /// <summary>Opens a CSV log with the given columns; each row is flushed as written.</summary>
    public CsvLog OpenCsv(string fileName, IReadOnlyList<string> columns) => new(File(fileName), columns);

    /// <summary>A lower-case name of letters, digits, '-' and '_' ("run" when nothing is left).</summary>
    public static string Slug(string name)
    {
        var text = new StringBuilder();
        foreach (char c in name.Trim().ToLowerInvariant())
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        string slug = text.ToString().Trim('-');
        return slug.Length == 0 ? "run" : slug;
    }
}

/// <summary>A run folder that cannot be created or written.</summary>
public sealed class RunDirectoryException(string message) : IOException(message);

/// <summary>An append-only CSV file with a header; every row is flushed, so an interrupted run keeps whole lines.</summary>
public sealed class CsvLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly IReadOnlyList<string> _columns;

    internal CsvLog(string path, IReadOnlyList<string> columns)
    {
        _columns = columns;
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        _writer.WriteLine(string.Join(',', columns));
        _writer.Flush();
        Path = path;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>Appends one row; values are matched to columns by name, missing ones left empty.</summary>
    public void Append(IReadOnlyDictionary<string, double> values)
    {
        var line = new StringBuilder();
        for (int i = 0; i < _columns.Count; i++)
        {
            if (i > 0)
                line.Append(',');
            if (values.TryGetValue(_columns[i], out double v))
                line.Append(v.ToString("R", CultureInfo.InvariantCulture));
        }
        // One write per whole line, then flush: a crash leaves whole lines only.
        line.Append('\n');
        _writer.Write(line.ToString());
        _writer.Flush();
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _writer.Dispose();
}
