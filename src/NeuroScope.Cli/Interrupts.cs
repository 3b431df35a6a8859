using System.Runtime.InteropServices;

namespace NeuroScope.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM as one cancellation for the whole process: the signal does not end the process, it asks
/// the running phase (set-up, training, pictures, the animation, a tour) to stop at its next check, so the run folder
/// is left consistent and the exit code is 1, never 130 or 143.
/// </summary>
public sealed class Interrupts : IDisposable
{
    private static CancellationTokenSource s_source = new();
    private static string? s_signal;
    private static string s_phase = "set-up";
    private readonly List<PosixSignalRegistration> _registrations = [];

    private Interrupts()
    {
    }

    /// <summary>Cancelled when the process has been asked to stop.</summary>
    public static CancellationToken Token => s_source.Token;

    /// <summary>The signal that asked the process to stop ("Ctrl+C" or "SIGTERM"); null while none has.</summary>
    public static string? Signal => s_signal;

    /// <summary>The phase last entered through <see cref="Checkpoint"/>, for messages ("during training").</summary>
    public static string Phase => s_phase;

    /// <summary>Registers the handlers; disposing removes them. Called once, first thing, by the program.</summary>
    public static Interrupts Install()
    {
        var interrupts = new Interrupts();
        interrupts._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Request(context, "Ctrl+C")));
        interrupts._registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Request(context, "SIGTERM")));
        return interrupts;
    }

    private static void Request(PosixSignalContext context, string signal)
    {
        // Keep the process alive: the phase that is running stops at its next check and exits with 1.
        context.Cancel = true;
        Interlocked.CompareExchange(ref s_signal, signal, null);
        s_source.Cancel();
    }

    /// <summary>Names the phase now running, for messages, without checking for a stop.</summary>
    public static void Enter(string phase) => s_phase = phase;

    /// <summary>Marks entering <paramref name="phase"/>; throws <see cref="OperationCanceledException"/> when a stop was requested.</summary>
    public static void Checkpoint(string phase)
    {
        Enter(phase);
        PhaseHold.WaitIfAsked(phase, Token);
        Token.ThrowIfCancellationRequested();
    }

    /// <summary>Removes the handlers.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}
