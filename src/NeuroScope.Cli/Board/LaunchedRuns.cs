using System.Collections.Concurrent;
using NeuroScope.Cli.Runs;

namespace NeuroScope.Cli.Board;

/// <summary>What the board knows of a run it started: whether it still runs, how it ended, and what it printed on error.</summary>
/// <param name="Running">Whether the process is still running.</param>
/// <param name="ExitCode">Its exit code once ended.</param>
/// <param name="Cancelled">Whether the cancel button was pressed.</param>
/// <param name="Error">The last lines it printed on standard error (a failed run's message).</param>
internal sealed record LaunchState(bool Running, int? ExitCode, bool Cancelled, string Error);

/// <summary>
/// The runs started from the launch form, each an ordinary <c>neuroscope &lt;verb&gt;</c> child process writing an ordinary run
/// folder in the runs folder; they can be cancelled as Ctrl+C would, and are cancelled when the board stops.
/// </summary>
internal sealed class LaunchedRuns(string runsRoot) : IDisposable
{
    private const int ErrorLines = 12;
    private static readonly TimeSpan FolderWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RunJsonPoll = TimeSpan.FromMilliseconds(20);

    private readonly ConcurrentDictionary<string, ChildRun> _runs = new(StringComparer.Ordinal);
    // A finished child's process and captured output are released; what its page shows is kept.
    private readonly ConcurrentDictionary<string, LaunchState> _ended = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts <c>neuroscope <paramref name="arguments"/> --runs-dir &lt;runs&gt;</c> and waits until it has claimed its run
    /// folder; returns the run id, or the message of a child that ended before claiming one.
    /// </summary>
    public async Task<(string? Id, string? Error)> StartAsync(IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        var claimed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var child = ChildRun.Start([.. arguments, "--runs-dir", runsRoot, "--no-progress"], new ChildRunOptions
        {
            WorkingDirectory = runsRoot,
            RunDirectoryKnown = (_, path) => claimed.TrySetResult(path),
        });
        var first = await Task.WhenAny(claimed.Task, child.Exited, Task.Delay(FolderWait, cancellation));
        if (first != claimed.Task && !claimed.Task.IsCompleted)
        {
            string error = Tail(child.Error);
            child.Dispose();
            return (null, error.Length > 0 ? error : "The run ended before it made its run folder.");
        }
        string folder = await claimed.Task;
        string id = RunPaths.IdOf(runsRoot, folder);
        _runs[id] = child;
        _ = child.Exited.ContinueWith(exited =>
        {
            _ended[id] = new LaunchState(false, exited.Result, child.CancelRequested, Tail(child.Error));
            if (_runs.TryRemove(id, out var ended))
                ended.Dispose();
        }, TaskScheduler.Default);
        // The folder is claimed before run.json is written; its page needs run.json, which follows at once.
        for (var waited = TimeSpan.Zero; waited < FolderWait && !File.Exists(Path.Combine(folder, "run.json")) && !child.HasExited; waited += RunJsonPoll)
            await Task.Delay(RunJsonPoll, cancellation);
        return (id, null);
    }

    /// <summary>What the board knows of run <paramref name="id"/>, or null when the board did not start it.</summary>
    public LaunchState? State(string id) =>
        _ended.TryGetValue(id, out var ended) ? ended
        : _runs.TryGetValue(id, out var child) ? new LaunchState(true, null, child.CancelRequested, Tail(child.Error))
        : null;

    /// <summary>Asks run <paramref name="id"/> to stop as Ctrl+C does; false when the board did not start it.</summary>
    public bool Cancel(string id)
    {
        if (!_runs.TryGetValue(id, out var child))
            return false;
        _ = child.CancelAsync();
        return true;
    }

    /// <summary>Cancels the runs still going and waits (briefly) for them to leave their folders consistent.</summary>
    public void Dispose()
    {
        var stopping = _runs.Values.Where(c => !c.HasExited).Select(c => c.CancelAsync(TimeSpan.FromSeconds(10))).ToArray();
        Task.WaitAll(stopping, TimeSpan.FromSeconds(15));
        foreach (var child in _runs.Values)
            child.Dispose();
        _runs.Clear();
    }

    private static string Tail(string text) =>
        string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(ErrorLines));
}
