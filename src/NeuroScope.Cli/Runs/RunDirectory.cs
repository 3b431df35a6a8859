using System.Globalization;
using System.Text;
using NeuroScope.Experiments;

namespace NeuroScope.Cli.Runs;

/// <summary>
/// One run's folder, <c>runs/&lt;name&gt;_&lt;NNN&gt;/</c> with the next free number, and the files every run writes into it.
/// The folder is claimed atomically, so runs started at the same moment never share one; every file is written whole
/// or not at all (<see cref="AtomicFile"/>), and CSV logs hold whole lines only.
/// </summary>
public sealed class RunDirectory : IRunFiles
{
    /// <summary>The marker that claims a folder: created with create-new semantics, so exactly one process gets it.</summary>
    internal const string ClaimFile = ".claim";

    /// <summary>The longest run name: with the number it must stay a valid file name (255 bytes on most file systems).</summary>
    public const int MaxNameLength = 100;

    private RunDirectory(string path, string name)
    {
        Path = path;
        Name = name;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The folder's name, e.g. <c>dose_003</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Claims the next free <c>&lt;slug&gt;_&lt;NNN&gt;</c> folder under <paramref name="runsRoot"/>: a folder that already
    /// exists is skipped; a new one belongs to whoever creates its claim marker first, and the others try the next number.
    /// </summary>
    /// <exception cref="RunDirectoryException">The runs folder cannot be created or written.</exception>
    public static RunDirectory Create(string runsRoot, string name)
    {
        if (string.IsNullOrWhiteSpace(runsRoot))
            throw new RunDirectoryException("--runs-dir: an empty value is not allowed; give a folder, e.g. --runs-dir runs.");
        if (name.Length > MaxNameLength)
            throw new RunDirectoryException($"--name: '{MessageText.Shorten(name)}' is {name.Length} characters long; at most {MaxNameLength} are allowed.");
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
                try
                {
                    // Creating a folder succeeds when it exists, so it cannot decide who owns it; a create-new file can.
                    // The marker stays: a process that saw the folder missing a moment ago must still lose.
                    using var claim = new FileStream(System.IO.Path.Combine(folder, ClaimFile), FileMode.CreateNew, FileAccess.Write, FileShare.None);
                    claim.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
                }
                catch (IOException) when (System.IO.File.Exists(System.IO.Path.Combine(folder, ClaimFile)))
                {
                    continue;
                }
                return new RunDirectory(System.IO.Path.GetFullPath(folder), System.IO.Path.GetFileName(folder));
            }
            throw new RunDirectoryException($"--runs-dir '{MessageText.Shorten(runsRoot)}' already holds 99,999 runs named '{MessageText.Shorten(slug)}'; choose another --name or --runs-dir.");
        }
        catch (Exception e) when (RunFailedException.IsDiskFull(e))
        {
            throw new RunFailedException($"the disk is full: no run folder could be created in '{MessageText.Shorten(runsRoot)}'. Free some space or choose another --runs-dir.", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException or NotSupportedException or IOException and not RunDirectoryException)
        {
            throw new RunDirectoryException($"--runs-dir '{MessageText.Shorten(runsRoot)}' cannot be written ({MessageText.Shorten(e.Message)}); choose a writable folder with --runs-dir.");
        }
    }

    /// <summary>Opens an existing run folder (for replay and listing).</summary>
    public static RunDirectory Open(string path)
    {
        if (!Directory.Exists(path))
            throw new RunDirectoryException($"run directory '{MessageText.Shorten(path)}' does not exist.");
        var full = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        return new RunDirectory(full, System.IO.Path.GetFileName(full));
    }

    /// <summary>The full path of a file in this run.</summary>
    public string File(string fileName) => System.IO.Path.Combine(Path, fileName);

    /// <summary>Writes <paramref name="value"/> as JSON, atomically.</summary>
    public string WriteJson<T>(string fileName, T value) => WriteText(fileName, ExperimentJson.Serialize(value));

    /// <summary>Writes a text file atomically (temporary file, then rename).</summary>
    /// <exception cref="RunFailedException">It cannot be written (a full disk is named as such).</exception>
    public string WriteText(string fileName, string content)
    {
        string target = File(fileName);
        AtomicFile.WriteText(target, content);
        return target;
    }

    /// <summary>Writes a whole CSV table atomically: a header of <paramref name="columns"/>, then one line per row.</summary>
    public string WriteCsv(string fileName, IReadOnlyList<string> columns, IEnumerable<double[]> rows)
    {
        var text = new StringBuilder(string.Join(',', columns)).Append('\n');
        foreach (var row in rows)
            text.AppendJoin(',', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        return WriteText(fileName, text.ToString());
    }

    /// <summary>Lets <paramref name="write"/> create one file at a temporary path, then renames it to <paramref name="fileName"/>.</summary>
    /// <returns>The file's final path.</returns>
    public string Save(string fileName, Action<string> write)
    {
        string target = File(fileName);
        AtomicFile.WriteWith(target, write);
        return target;
    }

    /// <summary>
    /// Lets <paramref name="writeInto"/> fill a hidden staging folder (for writers that write several files into a
    /// folder: the plots, the animation), then renames each file into the run folder. When the writer fails or is
    /// cancelled, the staging folder and whatever it held are removed, so no half-written picture is left.
    /// </summary>
    /// <returns>What the writer returned, and the final paths of the files it wrote, in name order.</returns>
    public (T Value, IReadOnlyList<string> Files) SaveAll<T>(Func<string, T> writeInto)
    {
        string staging = File($".staging-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            T value = writeInto(staging);
            var files = new List<string>();
            foreach (string written in Directory.GetFiles(staging).Order(StringComparer.Ordinal))
            {
                string name = System.IO.Path.GetFileName(written);
                // A writer's own temporaries (a GIF's .tmp before its rename) are not results.
                if (name.EndsWith(".tmp", StringComparison.Ordinal))
                    continue;
                string target = File(name);
                System.IO.File.Move(written, target, overwrite: true);
                files.Add(target);
            }
            return (value, files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Name the file that was being written when it failed: the newest one in the staging folder.
            string failed = Directory.Exists(staging)
                ? new DirectoryInfo(staging).GetFiles().OrderBy(f => f.LastWriteTimeUtc).LastOrDefault()?.Name ?? "a picture"
                : "a picture";
            throw RunFailedException.Writing(File(failed), e);
        }
        finally
        {
            try
            {
                if (Directory.Exists(staging))
                    Directory.Delete(staging, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file still held open; the folder's name starts with '.', so listings skip it.
            }
        }
    }

    /// <summary>Opens a CSV log with the given columns; each row is written as one whole line and flushed.</summary>
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

/// <summary>A run folder that cannot be created or written (bad input: exit 2).</summary>
public sealed class RunDirectoryException(string message) : IOException(message);
