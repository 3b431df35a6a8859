namespace NeuroScope.Plotting.Tests;

/// <summary>A unique folder under the temp directory for one test's pictures, deleted with everything in it on dispose; it is not created up front.</summary>
internal sealed class TempFolder : IDisposable
{
    /// <summary>Chooses the folder's path, named after <paramref name="name"/> so a leftover is easy to trace.</summary>
    public TempFolder(string name) => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"neuroscope-{name}-{Guid.NewGuid():N}");

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Deletes the folder if a test created it.</summary>
    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
