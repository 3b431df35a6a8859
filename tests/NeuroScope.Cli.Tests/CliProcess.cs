using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace NeuroScope.Cli.Tests;

/// <summary>
/// Runs the built <c>neuroscope</c> as its own process, as a user does: real signals, real exit codes (a crash shows as
/// 134, an unhandled signal as 130 or 143), output captured. Used where running in process cannot show the behaviour.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new();

    private CliProcess(string[] args, IReadOnlyDictionary<string, string>? environment, string? workingDirectory)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "neuroscope.dll"));
        foreach (string arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment.Remove(PhaseHold.Variable);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
    }

    /// <summary>True where signals can be sent (Linux and macOS).</summary>
    public static bool SignalsWork => !OperatingSystem.IsWindows();

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public static CliProcess Start(string[] args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        new(args, environment, workingDirectory);

    /// <summary>Runs to the end and returns the exit code and both outputs.</summary>
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var process = Start(args);
        int code = process.WaitForExit(TimeSpan.FromSeconds(120));
        return (code, process.Stdout, process.Stderr);
    }

    /// <summary>Waits until standard error holds <paramref name="text"/>; false after <paramref name="timeout"/> or when the process ended.</summary>
    public bool WaitForStderr(string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (Stderr.Contains(text, StringComparison.Ordinal))
                return true;
            if (_process.HasExited)
                return Stderr.Contains(text, StringComparison.Ordinal);
            Thread.Sleep(20);
        }
        return false;
    }

    /// <summary>Sends SIGINT (2, as Ctrl+C does) or SIGTERM (15).</summary>
    public void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"neuroscope did not end within {timeout}; stderr: {Stderr}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    public const int SigInt = 2, SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054, CA5392 // a one-line libc call in a test; LibraryImport's generator is not worth it here
    private static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054, CA5392
}
