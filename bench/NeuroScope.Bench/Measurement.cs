using System.Diagnostics;
using System.Text.Json;

namespace NeuroScope.Bench;

/// <summary>One workload's figures for one engine, as its JSON line gives them.</summary>
/// <param name="Workload">W1..W6.</param>
/// <param name="Engine">neuroscope, neuroscope-compiled, hand, libtorch, ...</param>
/// <param name="Threads">The thread count it ran at.</param>
/// <param name="PerStepUs">Median wall-clock µs per step.</param>
/// <param name="CpuPerStepUs">Median processor µs per step (all the process's threads).</param>
/// <param name="Ok">Whether the check value was right.</param>
internal sealed record BenchResult(string Workload, string Engine, int Threads, double PerStepUs, double CpuPerStepUs, bool Ok)
{
    /// <summary>Reads a JSON line the suite printed; null for any other line.</summary>
    public static BenchResult? FromJsonLine(string line)
    {
        if (!line.StartsWith('{'))
            return null;
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return new BenchResult(root.GetProperty("workload").GetString()!, root.GetProperty("engine").GetString()!,
                root.GetProperty("threads").GetInt32(), root.GetProperty("per_step_us").GetDouble(),
                root.GetProperty("cpu_per_step_us").GetDouble(), root.GetProperty("check").GetString() == "ok");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>Times a workload and prints its JSON line; the NeuroScope side and the libtorch side measure alike.</summary>
internal static class Measurement
{
    /// <summary>Warms the workload up, times <see cref="BenchOptions.Runs"/> runs, checks the result and prints one JSON line.</summary>
    /// <returns>The line's figures.</returns>
    public static BenchResult Measure(Workload workload, BenchOptions options, int threads)
    {
        // Warm-up until the timing is stable: tiered compilation is off, so the first run compiles everything, but the
        // first runs of a short workload are still slow while the GC sizes its generations; a second of runs settles it.
        var check = workload.Run();
        var warmUp = Stopwatch.StartNew();
        int warmUpRuns = 0;
        for (; warmUpRuns < 1000 && warmUp.Elapsed.TotalSeconds < 1.0; warmUpRuns++)
            check = workload.Run();
        // A timed sample repeats a short run until it lasts about 0.2 s, so that timer and scheduler granularity do not
        // decide the figure of a workload that takes microseconds.
        double perRun = warmUp.Elapsed.TotalSeconds / Math.Max(warmUpRuns, 1);
        int repeats = (int)Math.Clamp(Math.Ceiling(0.2 / Math.Max(perRun, 1e-9)), 1, 1_000_000);
        var seconds = new List<double>();
        var cpuSeconds = new List<double>();
        var process = Process.GetCurrentProcess();
        for (int run = 0; run < options.Runs; run++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (int r = 0; r < repeats; r++)
                check = workload.Run();
            seconds.Add(watch.Elapsed.TotalSeconds / repeats);
            process.Refresh();
            cpuSeconds.Add((process.TotalProcessorTime - cpu).TotalSeconds / repeats);
        }
        seconds.Sort();
        cpuSeconds.Sort();
        double median = seconds[seconds.Count / 2];
        string? error = null;
        try { workload.Validate(check); }
        catch (Exception e) { error = e.Message; }
        double perStep = Math.Round(median / workload.Steps * 1e6, 3);
        double cpuPerStep = Math.Round(cpuSeconds[cpuSeconds.Count / 2] / workload.Steps * 1e6, 3);
        var line = new Dictionary<string, object?>
        {
            ["workload"] = workload.Id,
            ["name"] = workload.Name,
            ["engine"] = workload.Engine,
            ["dtype"] = options.DTypeOf(workload.Id),
            ["threads"] = threads,
            ["steps"] = workload.Steps,
            ["runs"] = options.Runs,
            ["repeats_per_run"] = repeats,
            ["seconds"] = Math.Round(median, 6),
            ["per_step_us"] = perStep,
            // The fastest and slowest timed run: how noisy the machine was.
            ["min_per_step_us"] = Math.Round(seconds[0] / workload.Steps * 1e6, 3),
            ["max_per_step_us"] = Math.Round(seconds[^1] / workload.Steps * 1e6, 3),
            // Processor time of the whole process (all its threads, the GC's included): on a machine shared with other
            // work, wall-clock time counts the waits for a core and this does not.
            ["cpu_per_step_us"] = cpuPerStep,
            ["peak_working_set_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
            ["result"] = check,
            ["check"] = error is null ? "ok" : "FAILED: " + error,
        };
        Console.WriteLine(JsonSerializer.Serialize(line));
        return new BenchResult(workload.Id, workload.Engine, threads, perStep, cpuPerStep, error is null);
    }
}
