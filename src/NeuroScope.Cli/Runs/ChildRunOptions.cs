namespace NeuroScope.Cli.Runs;

/// <summary>What a <see cref="ChildRun"/> tells its starter as the child runs; every callback runs on a thread-pool thread.</summary>
public sealed record ChildRunOptions
{
    /// <summary>The child's working directory (default: the current directory). Give <c>--runs-dir</c> as a full path.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment variables to set for the child (a null value removes one).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Called with every line the child prints (protocol lines excepted); the flag is true for standard error.</summary>
    public Action<ChildRun, string, bool>? OutputLine { get; init; }

    /// <summary>Called once the child has claimed its run folder, with its full path.</summary>
    public Action<ChildRun, string>? RunDirectoryKnown { get; init; }

    /// <summary>Called with each progress report.</summary>
    public Action<ChildRun, ChildProgress>? ProgressChanged { get; init; }

    /// <summary>Called with the exit code when the child has ended.</summary>
    public Action<ChildRun, int>? Exited { get; init; }
}
