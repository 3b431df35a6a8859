using System.Diagnostics;
using System.Globalization;

namespace NeuroScope.Bench;

/// <summary>
/// Runs each workload's engines in child processes (this suite's, then the libtorch side's) and sums their lines up
/// in a table of ratios: compiled against the dynamic engine, the hand-written loop and libtorch, and more threads
/// against one.
/// </summary>
internal static class SideBySide
{
    public const string BuildCommand = "dotnet build bench/NeuroScope.Bench.Torch -c Release";

    /// <summary>A program to start: an executable and the arguments that come before a workload's.</summary>
    internal sealed record Command(string FileName, IReadOnlyList<string> Prefix);

    /// <summary>This suite's own executable.</summary>
    public static Command Self()
    {
        // Under `dotnet bench.dll`, ProcessPath is dotnet and the first argument is the assembly; under `dotnet run`
        // or the apphost it is the apphost itself (whose name, NeuroScope.Bench, has no extension to strip).
        string process = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? new Command(process, [typeof(SideBySide).Assembly.Location])
            : new Command(process, []);
    }

    /// <summary>
    /// The libtorch side's build beside this one (bench/NeuroScope.Bench.Torch/bin/&lt;configuration&gt;/&lt;framework&gt;,
    /// as bench/NeuroScope.Bench's is), or null when it is not built.
    /// </summary>
    public static Command? FindLibTorchSide() => FindLibTorchSide(AppContext.BaseDirectory);

    internal static Command? FindLibTorchSide(string baseDirectory)
    {
        var below = new List<string>();
        var dir = new DirectoryInfo(Path.TrimEndingDirectorySeparator(baseDirectory));
        while (dir is not null && dir.Name != "NeuroScope.Bench")
        {
            below.Insert(0, dir.Name);
            dir = dir.Parent;
        }
        if (dir?.Parent is null)
            return null;
        string output = Path.Combine([dir.Parent.FullName, "NeuroScope.Bench.Torch", .. below]);
        string dll = Path.Combine(output, "NeuroScope.Bench.Torch.dll");
        if (!File.Exists(dll))
            return null;
        string host = Path.Combine(output, OperatingSystem.IsWindows() ? "NeuroScope.Bench.Torch.exe" : "NeuroScope.Bench.Torch");
        return File.Exists(host) ? new Command(host, []) : new Command("dotnet", [dll]);
    }

    /// <summary>Runs <paramref name="command"/> with <paramref name="arguments"/>, passes its lines through and collects their figures.</summary>
    /// <returns>0 when it succeeded, 1 when it failed.</returns>
    public static int RunChild(Command command, IEnumerable<string> arguments, List<BenchResult> results)
    {
        var start = new ProcessStartInfo(command.FileName, [.. command.Prefix, .. arguments]) { RedirectStandardOutput = true };
        using var child = Process.Start(start)!;
        while (child.StandardOutput.ReadLine() is { } line)
        {
            Console.WriteLine(line);
            if (BenchResult.FromJsonLine(line) is { } result)
                results.Add(result);
        }
        child.WaitForExit();
        return child.ExitCode == 0 ? 0 : 1;
    }

    /// <summary>
    /// The table of ratios for a run's results (Markdown), or nothing when there is nothing to set side by side. Each
    /// cell is the median wall-clock µs per step with the processor µs in parentheses; a ratio says how many times
    /// faster or slower the compiled step was, with the processor-time ratio beside it on one thread.
    /// </summary>
    public static IEnumerable<string> Summary(IReadOnlyList<BenchResult> results)
    {
        var rows = results.GroupBy(r => (r.Workload, r.Threads)).OrderBy(g => g.Key.Workload, StringComparer.Ordinal).ThenBy(g => g.Key.Threads).ToList();
        if (rows.Count == 0 || (rows.Count == 1 && rows[0].Count() == 1))
            yield break;
        yield return "";
        yield return "| workload | threads | dynamic µs (cpu) | compiled | hand-written | libtorch | compiled vs dynamic | compiled vs hand | compiled vs libtorch |";
        yield return "|---|---:|---:|---:|---:|---:|---:|---:|---:|";
        foreach (var row in rows)
        {
            var by = row.GroupBy(r => r.Engine).ToDictionary(g => g.Key, g => g.First());
            by.TryGetValue("neuroscope", out var dynamic);
            by.TryGetValue("neuroscope-compiled", out var compiled);
            by.TryGetValue("hand", out var hand);
            by.TryGetValue("libtorch", out var libtorch);
            yield return $"| {row.Key.Workload} | {row.Key.Threads} | {Cell(dynamic)} | {Cell(compiled)} | {Cell(hand)} | {Cell(libtorch)} | " +
                $"{Ratio(compiled, dynamic)} | {Ratio(compiled, hand)} | {Ratio(compiled, libtorch)} |";
        }
        if (results.Any(r => r.Workload == "W5"))
            yield return "W5: dynamic, hand-written and libtorch fit by finite differences; compiled by the surrogate gradient (all lines above).";
        var failed = results.Where(r => !r.Ok).Select(r => $"{r.Workload} {r.Engine} ({r.Threads} threads)").ToList();
        if (failed.Count > 0)
            yield return "check FAILED: " + string.Join(", ", failed);

        var scaling = results.GroupBy(r => (r.Workload, r.Engine)).Where(g => g.Select(r => r.Threads).Distinct().Count() > 1).ToList();
        if (scaling.Count == 0)
            yield break;
        yield return "";
        yield return "| workload | engine | threads | µs per step | speed against the fewest threads |";
        yield return "|---|---|---:|---:|---:|";
        foreach (var group in scaling.OrderBy(g => g.Key.Workload, StringComparer.Ordinal))
        {
            var fewest = group.MinBy(r => r.Threads)!;
            foreach (var r in group.Where(r => r.Threads != fewest.Threads).OrderBy(r => r.Threads))
                yield return $"| {r.Workload} | {r.Engine} | {r.Threads} vs {fewest.Threads} | {Figure(r.PerStepUs)} vs {Figure(fewest.PerStepUs)} | {Times(fewest.PerStepUs / r.PerStepUs)} |";
        }
    }

    private static string Cell(BenchResult? r) => r is null ? "—" : $"{Figure(r.PerStepUs)} ({Figure(r.CpuPerStepUs)})";

    // How the compiled step compares with another engine's: "3.1× faster" or "2.0× slower", by wall-clock time, and on
    // one thread by processor time too (on more threads processor time adds the threads up, so it is left out).
    internal static string Ratio(BenchResult? compiled, BenchResult? other)
    {
        if (compiled is null || other is null || compiled.PerStepUs <= 0)
            return "—";
        double wall = other.PerStepUs / compiled.PerStepUs;
        string text = wall >= 1 ? $"{Times(wall)} faster" : $"{Times(1 / wall)} slower";
        if (compiled.Threads == 1 && compiled.CpuPerStepUs > 0 && other.CpuPerStepUs > 0)
        {
            double cpu = other.CpuPerStepUs / compiled.CpuPerStepUs;
            // Said without a direction when it agrees with the wall-clock one, with it when it does not.
            string direction = (cpu >= 1) == (wall >= 1) ? "" : cpu >= 1 ? " faster" : " slower";
            text += $" (cpu {Times(cpu >= 1 ? cpu : 1 / cpu)}{direction})";
        }
        return text;
    }

    internal static string Times(double ratio) => Figure(ratio) + "×";

    /// <summary>Three significant figures, thousands grouped, invariant culture.</summary>
    internal static string Figure(double value)
    {
        double magnitude = Math.Abs(value);
        string format = magnitude >= 100 ? "#,0" : magnitude >= 10 ? "0.0" : magnitude >= 1 ? "0.00" : "0.###";
        if (magnitude > 0 && magnitude < 0.1)
            return value.ToString("G3", CultureInfo.InvariantCulture);
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
