namespace NeuroScope.Cli.Tests;

/// <summary>
/// Runs the CLI in process with captured standard output and error, and owns a fresh temporary runs directory that is
/// deleted on dispose. The directory is not created up front, so a test can check that bad input leaves no run behind.
/// </summary>
internal sealed class CliRunner : IDisposable
{
    /// <summary>Chooses a unique runs directory under the temp folder, named after <paramref name="name"/> so a leftover is easy to trace.</summary>
    public CliRunner(string name) => RunsDir = Path.Combine(Path.GetTempPath(), $"neuroscope-{name}-{Guid.NewGuid():N}");

    /// <summary>The temporary runs directory, for <c>--runs-dir</c>.</summary>
    public string RunsDir { get; }

    /// <summary>Runs <c>neuroscope args</c> with empty standard input, so nothing ever waits on the terminal.</summary>
    public static (int Code, string Stdout, string Stderr) Run(params string[] args) => RunWithInput("", args);

    /// <summary>Runs <c>neuroscope args</c> reading interactive input from <paramref name="input"/>.</summary>
    public static (int Code, string Stdout, string Stderr) RunWithInput(string input, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr, new StringReader(input));
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Deletes the runs directory and everything the runs wrote into it.</summary>
    public void Dispose()
    {
        if (Directory.Exists(RunsDir))
            Directory.Delete(RunsDir, recursive: true);
    }
}
