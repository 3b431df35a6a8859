using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroScope;
using NeuroScope.Bench;

// neuroscope-bench: runs the workloads of WORKLOADS.md and prints one JSON line per workload and engine.
//   dotnet run -c Release --project bench/NeuroScope.Bench -- W4            one workload, engine and hand-written
//   dotnet run -c Release --project bench/NeuroScope.Bench -- all           every workload, each in its own process
//   options: --dtype float32|float64 (W4, W6), --threads N (default 1), --runs N (timed runs, default 5), --engine-only,
//            --gc-budget-mb N (EngineSettings.LargeTensorCollectionBytes in MB; default 32; 0 turns the collection policy off)
var options = BenchOptions.Parse(args);
if (options is null)
    return 2;

if (options.Workloads.Count > 1)
{
    // One process per workload, so each reports its own peak working set.
    int failures = 0;
    foreach (var id in options.Workloads)
    {
        var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [.. ChildArgs(id, options)]) { RedirectStandardOutput = false })!;
        child.WaitForExit();
        failures += child.ExitCode == 0 ? 0 : 1;
    }
    return failures == 0 ? 0 : 1;
}

EngineSettings.MaxThreads = options.Threads;
// The engine leaves collections to the runtime unless asked; the figures are measured with its suggested budget.
EngineSettings.LargeTensorCollectionBytes = options.GcBudgetMb is { } budget
    ? (long)budget << 20
    : EngineSettings.SuggestedLargeTensorCollectionBytes;
int failed = 0;
foreach (var workload in Workloads.For(options.Workloads[0], options))
{
    if (options.EngineOnly && workload.Engine == "hand")
        continue;
    failed += Measure(workload, options) ? 0 : 1;
}
return failed == 0 ? 0 : 1;

static IEnumerable<string> ChildArgs(string id, BenchOptions o)
{
    // Under `dotnet bench.dll`, ProcessPath is dotnet and the first argument is the assembly.
    if (!Path.GetFileNameWithoutExtension(Environment.ProcessPath!).Equals("NeuroScope.Bench", StringComparison.OrdinalIgnoreCase))
        yield return typeof(BenchOptions).Assembly.Location;
    yield return id;
    yield return "--dtype"; yield return o.DType;
    yield return "--threads"; yield return o.Threads.ToString(CultureInfo.InvariantCulture);
    yield return "--runs"; yield return o.Runs.ToString(CultureInfo.InvariantCulture);
    if (o.EngineOnly) yield return "--engine-only";
    if (o.GcBudgetMb is { } mb) { yield return "--gc-budget-mb"; yield return mb.ToString(CultureInfo.InvariantCulture); }
}

static bool Measure(Workload workload, BenchOptions options)
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
    var line = new Dictionary<string, object?>
    {
        ["workload"] = workload.Id,
        ["name"] = workload.Name,
        ["engine"] = workload.Engine,
        ["dtype"] = workload.Id is "W4" or "W6" ? options.DType : workload.Id == "W5" ? "float64" : "float32",
        ["threads"] = options.Threads,
        ["steps"] = workload.Steps,
        ["runs"] = options.Runs,
        ["repeats_per_run"] = repeats,
        ["seconds"] = Math.Round(median, 6),
        ["per_step_us"] = Math.Round(median / workload.Steps * 1e6, 3),
        // The fastest and slowest timed run: how noisy the machine was.
        ["min_per_step_us"] = Math.Round(seconds[0] / workload.Steps * 1e6, 3),
        ["max_per_step_us"] = Math.Round(seconds[^1] / workload.Steps * 1e6, 3),
        // Processor time of the whole process (all its threads, the GC's included): on a machine shared with other
        // work, wall-clock time counts the waits for a core and this does not.
        ["cpu_per_step_us"] = Math.Round(cpuSeconds[cpuSeconds.Count / 2] / workload.Steps * 1e6, 3),
        ["peak_working_set_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
        ["result"] = check,
        ["check"] = error is null ? "ok" : "FAILED: " + error,
    };
    Console.WriteLine(JsonSerializer.Serialize(line));
    return error is null;
}

/// <summary>Command-line options of the benchmark runner.</summary>
internal sealed record BenchOptions(IReadOnlyList<string> Workloads, string DType, int Threads, int Runs, bool EngineOnly, int? GcBudgetMb = null)
{
    public static readonly string[] All = ["W1", "W2", "W3", "W4", "W5", "W6"];

    public static BenchOptions? Parse(string[] args)
    {
        var ids = new List<string>();
        string dtype = "float32";
        int threads = 1, runs = 5;
        bool engineOnly = false;
        int? gcBudget = null;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--dtype" && i + 1 < args.Length) dtype = args[++i];
            else if (a == "--threads" && i + 1 < args.Length && int.TryParse(args[++i], out threads)) { }
            else if (a == "--runs" && i + 1 < args.Length && int.TryParse(args[++i], out runs)) { }
            else if (a == "--engine-only") engineOnly = true;
            else if (a == "--gc-budget-mb" && i + 1 < args.Length && int.TryParse(args[++i], out int mb) && mb >= 0) gcBudget = mb;
            else if (a.Equals("all", StringComparison.OrdinalIgnoreCase)) ids.AddRange(All);
            else if (Array.IndexOf(All, a.ToUpperInvariant()) >= 0) ids.Add(a.ToUpperInvariant());
            else return Fail($"unknown argument '{a}'");
        }
        if (ids.Count == 0) return Fail("name a workload (W1..W6) or 'all'");
        if (dtype is not ("float32" or "float64")) return Fail($"--dtype must be float32 or float64, got '{dtype}'");
        if (threads < 1) return Fail("--threads must be at least 1");
        if (runs < 5) return Fail("--runs must be at least 5 (the figures are medians of at least 5 runs)");
        return new BenchOptions(ids, dtype, threads, runs, engineOnly, gcBudget);
    }

    private static BenchOptions? Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}.");
        Console.Error.WriteLine("usage: NeuroScope.Bench (W1..W6 | all) [--dtype float32|float64] [--threads N] [--runs N] [--engine-only] [--gc-budget-mb N]");
        return null;
    }
}
