using System.Text;

namespace NeuroScope.Cli.Runs;

/// <summary>
/// Writes a file whole or not at all: into a hidden temporary file beside it, flushed to disk, then renamed over the
/// target (a rename within one folder is atomic). A failure removes the temporary file and leaves the target as it was.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteText(string path, string content) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(content);
        });

    /// <summary>Lets <paramref name="write"/> fill a stream, then puts the result in place.</summary>
    /// <exception cref="RunFailedException">The file cannot be written (a full disk is named as such).</exception>
    public static void Write(string path, Action<Stream> write) =>
        WriteWith(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
        });

    /// <summary>
    /// Lets <paramref name="write"/> create the file at a temporary path (for writers that take a path, such as a plot's
    /// SavePng) and renames it into place. The temporary name keeps the extension, because some writers choose the
    /// format by it.
    /// </summary>
    /// <exception cref="RunFailedException">The file cannot be written (a full disk is named as such).</exception>
    public static void WriteWith(string path, Action<string> write)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string temporary = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(path)}.{Environment.ProcessId}-{Guid.NewGuid():N}.partial{Path.GetExtension(path)}");
        try
        {
            write(temporary);
            if (!File.Exists(temporary))
                throw new IOException("the writer produced no file");
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw RunFailedException.Writing(path, e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the name starts with '.' and ends in .partial, so it is plainly not a result.
        }
    }
}
