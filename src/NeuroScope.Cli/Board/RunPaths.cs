using System.Buffers;

namespace NeuroScope.Cli.Board;

/// <summary>
/// The only way the board turns request text into paths: a run id is a relative path of plain folder names below the runs
/// folder, and a file name is one plain name inside a run folder. Anything else (<c>..</c>, an absolute path, a
/// backslash, a hidden name, a link leading out) is refused before a file is touched.
/// </summary>
internal static class RunPaths
{
    private const int MaxIdLength = 400;
    private const int MaxNameLength = 200;

    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    /// <summary>Whether <paramref name="name"/> is a plain file or folder name: letters, digits, '.', '_', '-', not starting with '.'.</summary>
    public static bool IsPlainName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name[0] != '.' && !name.AsSpan().ContainsAnyExcept(NameChars);

    /// <summary>Whether <paramref name="id"/> is a run id: plain names joined by '/'.</summary>
    public static bool IsRunId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.Split('/').All(IsPlainName);

    /// <summary>
    /// The full path of the folder <paramref name="id"/> below <paramref name="root"/> when the id is valid, the folder
    /// exists, lies inside the root and no folder on the way is a link; otherwise null.
    /// </summary>
    public static string? Folder(string root, string? id)
    {
        if (!IsRunId(id))
            return null;
        string path = root;
        foreach (string segment in id!.Split('/'))
        {
            path = Path.Combine(path, segment);
            var info = new DirectoryInfo(path);
            // A link could lead anywhere on the disk; the board follows none.
            if (!info.Exists || info.LinkTarget is not null)
                return null;
        }
        string full = Path.GetFullPath(path);
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>The full path of the run folder <paramref name="id"/> (a folder holding run.json), or null.</summary>
    public static string? RunFolder(string root, string? id) =>
        Folder(root, id) is { } folder && File.Exists(Path.Combine(folder, "run.json")) ? folder : null;

    /// <summary>The full path of file <paramref name="name"/> directly inside <paramref name="runFolder"/> when the name is plain, the file exists and is no link; otherwise null.</summary>
    public static string? FileIn(string runFolder, string? name)
    {
        if (!IsPlainName(name))
            return null;
        var info = new FileInfo(Path.Combine(runFolder, name!));
        return info.Exists && info.LinkTarget is null ? info.FullName : null;
    }

    /// <summary>The run id of <paramref name="folder"/> below <paramref name="root"/>: its relative path with '/'.</summary>
    public static string IdOf(string root, string folder) => Path.GetRelativePath(root, folder).Replace('\\', '/');
}
