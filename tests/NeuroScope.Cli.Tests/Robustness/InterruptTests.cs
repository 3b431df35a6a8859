namespace NeuroScope.Cli.Tests.Robustness;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM sent to the real process in each phase of a fit and of the tour: exit 1, a message that
/// names the signal, consistent files, never the 130/143 of an unhandled signal. The process waits at the named phase
/// (<see cref="PhaseHold.Variable"/>) so the signal arrives exactly there.
/// </summary>
public class InterruptTests
{
    private static readonly string[] SmallFit =
        ["fit", "--steps", "60", "--frame-every", "20", "--sharpness-every", "0", "--samples", "20", "--hidden", "4", "--grid-points", "50", "--no-progress"];

    public static TheoryData<string, int> FitPhases()
    {
        var data = new TheoryData<string, int>();
        foreach (string phase in new[] { "set-up", "training", "pictures", "animation" })
            foreach (int signal in new[] { CliProcess.SigInt, CliProcess.SigTerm })
                data.Add(phase, signal);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(FitPhases))]
    public void Fit_SignalInPhase_ExitsOneWithConsistentFiles(string phase, int signal)
    {
        Skip.IfNot(CliProcess.SignalsWork, "signals cannot be sent on this platform");
        using var runner = new CliRunner("interrupt-fit");

        var (code, stderr) = Interrupt([.. SmallFit, "--runs-dir", runner.RunsDir], phase, signal);

        Assert.Equal(1, code);
        Assert.Contains($"Cancelled ({(signal == CliProcess.SigInt ? "Ctrl+C" : "SIGTERM")}) during {phase}", stderr);
        Assert.DoesNotContain("   at ", stderr);
        RunFiles.AssertConsistent(runner.RunsDir);
        string run = Assert.Single(Directory.GetDirectories(runner.RunsDir));
        Assert.Contains("\"cancelled\"", File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.Empty(Directory.GetFiles(run, "animation.*"));
    }

    public static TheoryData<string, int> TourPhases()
    {
        var data = new TheoryData<string, int>();
        // Before the second experiment, inside the first one's training and pictures, and before the report.
        foreach (string phase in new[] { "tour:copy", "training", "pictures", "report" })
            foreach (int signal in new[] { CliProcess.SigInt, CliProcess.SigTerm })
                data.Add(phase, signal);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(TourPhases))]
    public void Tour_SignalInPhase_StopsTheWholeTour(string phase, int signal)
    {
        Skip.IfNot(CliProcess.SignalsWork, "signals cannot be sent on this platform");
        using var runner = new CliRunner("interrupt-tour");

        var (code, stderr) = Interrupt(["tour", "--quick", "--no-progress", "--runs-dir", runner.RunsDir], phase, signal);

        Assert.Equal(1, code);
        Assert.Contains("Tour cancelled", stderr);
        Assert.DoesNotContain("   at ", stderr);
        RunFiles.AssertConsistent(runner.RunsDir);
        Assert.Empty(Directory.GetFiles(runner.RunsDir, "index.html", SearchOption.AllDirectories));
        // Nothing ran after the signal: neuron, the last stop, never started (before the report, every stop had run).
        if (phase != "report")
            Assert.Empty(Directory.GetDirectories(runner.RunsDir, "neuron_*", SearchOption.AllDirectories));
    }

    private static (int Code, string Stderr) Interrupt(string[] args, string phase, int signal)
    {
        using var process = CliProcess.Start(args, new Dictionary<string, string> { [PhaseHold.Variable] = phase });
        Assert.True(process.WaitForStderr(PhaseHold.Line(phase), TimeSpan.FromSeconds(300)), $"never reached {phase}: {process.Stderr}");
        process.Signal(signal);
        int code = process.WaitForExit(TimeSpan.FromSeconds(120));
        return (code, process.Stderr);
    }
}
