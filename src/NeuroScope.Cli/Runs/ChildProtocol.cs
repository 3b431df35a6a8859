using System.Diagnostics;
using System.Globalization;

namespace NeuroScope.Cli.Runs;

/// <summary>
/// The lines a child run writes for its starter when <see cref="ChildRun.ProtocolVariable"/> is set, one per line on
/// standard output, starting with <c>@neuroscope</c>: <c>@neuroscope run-directory PATH</c> and
/// <c>@neuroscope progress STAGE STEP TOTAL</c>. Written and read here only.
/// </summary>
public static class ChildProtocol
{
    private const string Prefix = "@neuroscope ";
    private const string RunDirectoryVerb = "run-directory ";
    private const string ProgressVerb = "progress ";

    /// <summary>The least time between two progress lines of one child (a stage's first and last step are always written).</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Whether this process was started by a <see cref="ChildRun"/> and should write protocol lines.</summary>
    public static bool Enabled { get; } = System.Environment.GetEnvironmentVariable(ChildRun.ProtocolVariable) == "1";

    /// <summary>The line that names a run folder.</summary>
    public static string RunDirectoryLine(string path) => Prefix + RunDirectoryVerb + path;

    /// <summary>The line of a progress report; a stage name's spaces become '_' so the line splits cleanly.</summary>
    public static string ProgressLine(string stage, int step, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{ProgressVerb}{stage.Replace(' ', '_')} {step} {total}");

    /// <summary>A <see cref="RunDirectoryMessage"/>, a <see cref="ChildProgress"/>, or null for an ordinary line.</summary>
    internal static object? Read(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var rest = line.AsSpan(Prefix.Length);
        if (rest.StartsWith(RunDirectoryVerb, StringComparison.Ordinal))
            return new RunDirectoryMessage(rest[RunDirectoryVerb.Length..].ToString());
        if (rest.StartsWith(ProgressVerb, StringComparison.Ordinal))
        {
            string[] parts = rest[ProgressVerb.Length..].ToString().Split(' ');
            if (parts.Length == 3
                && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int step)
                && int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int total))
                return new ChildProgress(parts[0], step, total);
        }
        return null;
    }

    /// <summary>A parsed run-directory line.</summary>
    internal sealed record RunDirectoryMessage(string Path);

    /// <summary>Writes a run's progress as protocol lines, at most one per <see cref="ProgressInterval"/> within a stage.</summary>
    internal sealed class ProgressWriter(TextWriter output)
    {
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
        private string? _stage;

        public void Report(string stage, int step, int total)
        {
            bool newStage = stage != _stage;
            if (!newStage && step < total && _sinceLast.Elapsed < ProgressInterval)
                return;
            _stage = stage;
            _sinceLast.Restart();
            output.WriteLine(ProgressLine(stage, step, total));
        }
    }
}
