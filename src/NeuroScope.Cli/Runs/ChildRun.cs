using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace NeuroScope.Cli.Runs;

/// <summary>
/// One <c>neuroscope</c> command run as a child process of the program running now (the same executable, or the same
/// <c>neuroscope.dll</c> under <c>dotnet</c>): its output captured, its run folder and progress reported as they become
/// known, and a graceful stop (SIGINT, as Ctrl+C sends, so the child leaves its run folder consistent; a kill only
/// after a grace period). <c>neuroscope sweep</c> runs its grid with it and <c>neuroscope board</c> its launched runs.
/// </summary>
/// <remarks>
/// The child is told by <see cref="ProtocolVariable"/> to write machine-readable lines on standard output (see
/// <see cref="ChildProtocol"/>): where its run folder is, even under <c>--quiet</c>, and its progress at most every
/// <see cref="ChildProtocol.ProgressInterval"/>. Those lines are parsed here and kept out of <see cref="Output"/>.
/// </remarks>
public sealed class ChildRun : IDisposable
{
    /// <summary>The environment variable that makes a child write <see cref="ChildProtocol"/> lines.</summary>
    public const string ProtocolVariable = "NEUROSCOPE_CHILD_PROTOCOL";

    /// <summary>How long a cancelled child may take to stop by itself before it is killed.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(15);

    // Output kept per stream: a long run's log must not grow a board's memory without bound; the tail tells what happened.
    private const int MaxCapturedChars = 1 << 20;

    private readonly Process _process;
    private readonly ChildRunOptions _options;
    private readonly BoundedText _output = new(MaxCapturedChars), _error = new(MaxCapturedChars);
    private readonly Task<int> _exited;
    private readonly object _cancelGate = new();
    private Task<int>? _cancelling;
    private volatile string? _runDirectory;
    private volatile ChildProgress? _progress;

    private ChildRun(IReadOnlyList<string> arguments, ChildRunOptions options)
    {
        _options = options;
        var (fileName, prefix) = Command();
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in prefix.Concat(arguments))
            info.ArgumentList.Add(argument);
        info.Environment[ProtocolVariable] = "1";
        // The child's output is read by a program, not a terminal: plain lines, no colour codes.
        info.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in options.Environment)
        {
            if (value is null)
                info.Environment.Remove(key);
            else
                info.Environment[key] = value;
        }
        Arguments = [.. arguments];
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) OnOutputLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) OnErrorLine(e.Data); };
        try
        {
            _process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            _process.Dispose();
            throw new RunFailedException($"could not start '{fileName}' for 'neuroscope {string.Join(' ', arguments)}': {e.Message}", e);
        }
        ProcessId = _process.Id;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Nothing is ever typed into a child: a prompt sees the end of its input instead of waiting forever.
        _process.StandardInput.Close();
        _exited = WaitAsync();
    }

    /// <summary>The arguments after <c>neuroscope</c>.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The child's process id.</summary>
    public int ProcessId { get; }

    /// <summary>The child's run folder (full path) once it has claimed one; null before, and for verbs that make none.</summary>
    public string? RunDirectory => _runDirectory;

    /// <summary>The child's latest progress report, or null before the first.</summary>
    public ChildProgress? Progress => _progress;

    /// <summary>Standard output so far, without protocol lines (the last megabyte of it).</summary>
    public string Output => _output.ToString();

    /// <summary>Standard error so far (the last megabyte of it): a failed run's message is here.</summary>
    public string Error => _error.ToString();

    /// <summary>Completes with the exit code when the child has ended and its output has been read.</summary>
    public Task<int> Exited => _exited;

    /// <summary>Whether the child has ended.</summary>
    public bool HasExited => _exited.IsCompleted;

    /// <summary>Whether <see cref="CancelAsync"/> has been called.</summary>
    public bool CancelRequested => _cancelling is not null;

    /// <summary>Whether the child had to be killed because it did not stop within its grace period.</summary>
    public bool Killed { get; private set; }

    /// <summary>Starts <c>neuroscope <paramref name="arguments"/></c> as a child process.</summary>
    /// <exception cref="RunFailedException">The process cannot be started.</exception>
    public static ChildRun Start(IReadOnlyList<string> arguments, ChildRunOptions? options = null) =>
        new(arguments, options ?? new ChildRunOptions());

    /// <summary>Runs <c>neuroscope <paramref name="arguments"/></c> to its end and returns its exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, ChildRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var child = Start(arguments, options);
        using (cancellationToken.Register(() => _ = child.CancelAsync()))
            return await child.Exited.ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the child to stop as Ctrl+C does (SIGINT; on Windows, where no signal can be sent, it is killed at once), and
    /// kills it with its children when it has not ended after <paramref name="grace"/> (default <see cref="DefaultGrace"/>).
    /// Calling it again returns the same task.
    /// </summary>
    /// <returns>The exit code: 1 for a run that stopped by itself, as every cancelled run does; -1 or 137 for a killed one.</returns>
    public Task<int> CancelAsync(TimeSpan? grace = null)
    {
        lock (_cancelGate)
            return _cancelling ??= CancelCoreAsync(grace ?? DefaultGrace);
    }

    private async Task<int> CancelCoreAsync(TimeSpan grace)
    {
        if (!HasExited && (OperatingSystem.IsWindows() || !TrySignal(SigInt)))
            Kill();
        try
        {
            return await _exited.WaitAsync(grace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill();
            return await _exited.ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the child to end; returns its exit code.</summary>
    public int WaitForExit() => _exited.GetAwaiter().GetResult();

    /// <summary>Kills a child that is still running (with its own children); a finished child is only released.</summary>
    public void Dispose()
    {
        if (!HasExited)
        {
            Kill();
            // The exit code no longer matters; waiting lets the output readers finish before the process is released.
            _exited.Wait(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }

    /// <summary>
    /// The program and leading arguments that start <c>neuroscope</c> as the running program was started: the
    /// <c>neuroscope</c> executable itself (a build's apphost, an installed tool's shim), or <c>dotnet neuroscope.dll</c>
    /// when it runs under the <c>dotnet</c> host or inside another program (a test host).
    /// </summary>
    internal static (string FileName, string[] Prefix) Command()
    {
        string? running = Environment.ProcessPath;
        string runningName = Path.GetFileNameWithoutExtension(running ?? "");
        if (running is not null && runningName.Equals("neuroscope", StringComparison.OrdinalIgnoreCase))
            return (running, []);
        string dll = typeof(CliApp).Assembly.Location;
        string host = runningName.Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? running!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath) ? hostPath : "dotnet";
        return (host, [dll]);
    }

    private async Task<int> WaitAsync()
    {
        // WaitForExitAsync returns after the redirected streams have reached their end, so no line is lost.
        await _process.WaitForExitAsync().ConfigureAwait(false);
        int code = _process.ExitCode;
        _options.Exited?.Invoke(this, code);
        return code;
    }

    private void OnOutputLine(string line)
    {
        switch (ChildProtocol.Read(line))
        {
            case ChildProtocol.RunDirectoryMessage folder:
                _runDirectory = folder.Path;
                _options.RunDirectoryKnown?.Invoke(this, folder.Path);
                return;
            case ChildProgress progress:
                _progress = progress;
                _options.ProgressChanged?.Invoke(this, progress);
                return;
        }
        _output.AppendLine(line);
        _options.OutputLine?.Invoke(this, line, false);
    }

    private void OnErrorLine(string line)
    {
        _error.AppendLine(line);
        _options.OutputLine?.Invoke(this, line, true);
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                Killed = true;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // It ended between the check and the kill.
        }
    }

    private bool TrySignal(int signal)
    {
        try
        {
            return !_process.HasExited && kill(_process.Id, signal) == 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private const int SigInt = 2;

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054, CA5392 // one libc call; a source-generated LibraryImport would need unsafe code in this project
    private static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054, CA5392

    /// <summary>A text buffer that keeps only the last <c>limit</c> characters.</summary>
    private sealed class BoundedText(int limit)
    {
        private readonly StringBuilder _text = new();

        public void AppendLine(string line)
        {
            lock (_text)
            {
                _text.Append(line).Append('\n');
                if (_text.Length > limit)
                    _text.Remove(0, _text.Length - limit);
            }
        }

        public override string ToString()
        {
            lock (_text)
                return _text.ToString();
        }
    }
}
