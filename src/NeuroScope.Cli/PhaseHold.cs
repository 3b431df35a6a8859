namespace NeuroScope.Cli;

/// <summary>
/// Test support, not a feature: the signal tests (InterruptTests, ChildRunTests and SweepCommandTests in
/// tests/NeuroScope.Cli.Tests) start <c>neuroscope</c> as a separate process and must send it a signal in exactly one
/// phase, which only the process itself knows it has reached. When the environment variable <see cref="Variable"/>
/// names a phase (<c>set-up</c>, <c>training</c>, <c>pictures</c>, <c>animation</c>, <c>tour:&lt;stop&gt;</c>,
/// <c>report</c>), the process prints <see cref="Line"/> on standard error on reaching it and waits there, at most 30 s,
/// for a signal. Unset, as it is for every user, it changes nothing.
/// </summary>
internal static class PhaseHold
{
    /// <summary>The environment variable naming the phase to hold at; its name says it is for tests.</summary>
    public const string Variable = "NEUROSCOPE_TEST_HOLD_AT";

    private static readonly string? Phase = Environment.GetEnvironmentVariable(Variable);

    /// <summary>What the process prints on standard error when it holds at <paramref name="phase"/>.</summary>
    public static string Line(string phase) => $"[hold] {phase}";

    /// <summary>Waits at <paramref name="phase"/> until <paramref name="stop"/> is cancelled (at most 30 s) when a test asked for it; otherwise returns at once.</summary>
    public static void WaitIfAsked(string phase, CancellationToken stop)
    {
        if (Phase != phase || stop.IsCancellationRequested)
            return;
        Console.Error.WriteLine(Line(phase));
        Console.Error.Flush();
        stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
    }
}
