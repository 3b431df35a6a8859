namespace NeuroScope.Cli.Runs;

/// <summary>A run that cannot go on (the disk is full, a file cannot be written); the CLI prints the message and exits 1.</summary>
public sealed class RunFailedException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// Turns an I/O failure while writing <paramref name="path"/> into a message that says what happened to which file:
    /// a full disk (ENOSPC, or a quota) is named as such, with the folder, so the user knows what to free.
    /// </summary>
    public static RunFailedException Writing(string path, Exception error)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string file = Path.GetFileName(path);
        return IsDiskFull(error)
            ? new RunFailedException($"the disk is full: {file} could not be written to {folder}. Free some space or choose another --runs-dir.", error)
            : new RunFailedException($"{file} could not be written to {folder}: {error.Message}", error);
    }

    /// <summary>True for "no space left on device" and "disk quota exceeded", on Unix and Windows.</summary>
    public static bool IsDiskFull(Exception error)
    {
        // .NET reports the raw errno as the HResult on Unix (ENOSPC 28, EDQUOT 122); Windows uses ERROR_DISK_FULL/ERROR_HANDLE_DISK_FULL.
        const int Enospc = 28, Edquot = 122, ErrorHandleDiskFull = unchecked((int)0x80070027), ErrorDiskFull = unchecked((int)0x80070070);
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is IOException && (e.HResult is Enospc or Edquot or ErrorHandleDiskFull or ErrorDiskFull
                || e.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("quota exceeded", StringComparison.OrdinalIgnoreCase)))
                return true;
        }
        return false;
    }
}
