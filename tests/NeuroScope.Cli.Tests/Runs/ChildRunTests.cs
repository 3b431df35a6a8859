using System.Collections.Concurrent;
using NeuroScope.Cli.Runs;
using NeuroScope.Cli.Tests.Robustness;

namespace NeuroScope.Cli.Tests.Runs;

/// <summary>
/// <see cref="ChildRun"/> starts the built <c>neuroscope</c> as a child process, as sweep and the board do: it learns the
/// run folder and the progress from the child's protocol lines, keeps them out of the captured output, and stops a
/// child gracefully (SIGINT: exit 1, a consistent folder whose summary says cancelled) or, past the grace, kills it.
/// </summary>
public class ChildRunTests
{
    private static readonly string[] SmallFit =
        ["fit", "--steps", "60", "--frame-every", "20", "--sharpness-every", "0", "--samples", "20", "--hidden", "4", "--grid-points", "50", "--quiet"];

    [Fact]
    public void Command_InsideATestHost_RunsTheCliDllUnderDotnet()
    {
        var (fileName, prefix) = ChildRun.Command();

        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(fileName));
        Assert.Equal("neuroscope.dll", Path.GetFileName(Assert.Single(prefix)));
        Assert.True(File.Exists(prefix[0]));
    }

    [Fact]
    public async Task Start_SmallFit_ReportsItsFolderAndProgressAndKeepsProtocolOutOfTheOutput()
    {
        using var runner = new CliRunner("child-run");
        var progress = new ConcurrentQueue<ChildProgress>();
        string? announced = null;

        using var child = ChildRun.Start([.. SmallFit, "--runs-dir", runner.RunsDir, "--name", "small"], new ChildRunOptions
        {
            ProgressChanged = (_, p) => progress.Enqueue(p),
            RunDirectoryKnown = (_, path) => announced = path,
        });
        int code = await child.Exited.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(code == 0, child.Error);
        string expected = Path.Combine(runner.RunsDir, "small_001");
        Assert.Equal(expected, child.RunDirectory);
        Assert.Equal(expected, announced);
        Assert.True(File.Exists(Path.Combine(expected, "summary.json")));
        // The last report of training is its last step, whatever the throttle dropped before it.
        Assert.Contains(progress, p => p.Stage == "train" && p.Step == p.Total && p.Total == 60);
        Assert.DoesNotContain("@neuroscope", child.Output);
        Assert.False(child.Killed);
    }

    [Fact]
    public async Task Start_BadValue_ExitsTwoWithTheMessageAndNoFolder()
    {
        using var runner = new CliRunner("child-run-bad");

        using var child = ChildRun.Start(["fit", "--learning-rate", "0", "--runs-dir", runner.RunsDir]);
        int code = await child.Exited.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(2, code);
        Assert.Contains("--learning-rate: 0 is not allowed; it must be a positive number.", child.Error);
        Assert.Null(child.RunDirectory);
        Assert.False(Directory.Exists(runner.RunsDir));
    }

    [SkippableFact]
    public async Task CancelAsync_DuringTraining_StopsLikeCtrlCWithAConsistentFolder()
    {
        Skip.IfNot(CliProcess.SignalsWork, "signals cannot be sent on this platform");
        using var runner = new CliRunner("child-run-cancel");
        var held = new TaskCompletionSource();

        using var child = ChildRun.Start([.. SmallFit, "--runs-dir", runner.RunsDir], new ChildRunOptions
        {
            Environment = new Dictionary<string, string?> { [PhaseHold.Variable] = "training" },
            OutputLine = (_, line, isError) => { if (isError && line == PhaseHold.Line("training")) held.TrySetResult(); },
        });
        await held.Task.WaitAsync(TimeSpan.FromMinutes(2));
        int code = await child.CancelAsync();

        Assert.Equal(1, code);
        Assert.True(child.CancelRequested);
        Assert.False(child.Killed);
        Assert.Contains("Cancelled (Ctrl+C) during training", child.Error);
        RunFiles.AssertConsistent(runner.RunsDir);
        Assert.Contains("\"cancelled\"", File.ReadAllText(Path.Combine(child.RunDirectory!, "summary.json")));
    }

    [Fact]
    public async Task CancelAsync_NoGrace_KillsTheChild()
    {
        using var runner = new CliRunner("child-run-kill");
        var held = new TaskCompletionSource();

        using var child = ChildRun.Start([.. SmallFit, "--runs-dir", runner.RunsDir], new ChildRunOptions
        {
            Environment = new Dictionary<string, string?> { [PhaseHold.Variable] = "training" },
            OutputLine = (_, line, isError) => { if (isError && line == PhaseHold.Line("training")) held.TrySetResult(); },
        });
        await held.Task.WaitAsync(TimeSpan.FromMinutes(2));
        int code = await child.CancelAsync(TimeSpan.Zero);

        Assert.NotEqual(0, code);
        Assert.True(child.HasExited);
    }
}
