using NeuroScope;
using NeuroScope.Bench;

// neuroscope-bench: runs the workloads of WORKLOADS.md and prints one JSON line per workload and engine: the dynamic
// engine, its compiled steps, the hand-written loop, and libtorch (bench/NeuroScope.Bench.Torch) when that is built.
//   dotnet run -c Release --project bench/NeuroScope.Bench -- W4            one workload
//   dotnet run -c Release --project bench/NeuroScope.Bench -- all           every workload, each in its own process
//   options: --dtype float32|float64 (W4, W6), --threads N[,N...] (default 1; each count in its own process),
//            --runs N (timed runs, default 5), --engine-only, --engines NAME[,NAME...] (only these engines' lines),
//            --libtorch (required) | --no-libtorch,
//            --gc-budget-mb N (EngineSettings.LargeTensorCollectionBytes in MB; default 32; 0 turns the collection policy off)
// Several workloads, thread counts or engines end with a table of ratios on standard error; standard output stays
// one JSON object a line.
var options = BenchOptions.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine($"error: {error}.");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var libTorch = options.LibTorch == LibTorchSide.Off || !options.WantsLibTorch ? null : SideBySide.FindLibTorchSide();
if (libTorch is null && options.LibTorch == LibTorchSide.Required)
{
    Console.Error.WriteLine($"error: --libtorch: the libtorch side is not built; build it with `{SideBySide.BuildCommand}` (it downloads libtorch, about 130 MB).");
    return 2;
}

if (options.Workloads.Count == 1 && options.Threads.Count == 1 && libTorch is null)
    return MeasureHere(options).All(r => r.Ok) ? 0 : 1;

if (options.LibTorch == LibTorchSide.Auto && options.WantsLibTorch && libTorch is null)
    Console.Error.WriteLine($"(the libtorch side is not built, so it is left out; `{SideBySide.BuildCommand}` builds it)");
var results = new List<BenchResult>();
int failures = 0;
foreach (var id in options.Workloads)
{
    foreach (int threads in options.Threads)
    {
        // Each workload in its own process, so each reports its own peak working set; libtorch's right after.
        failures += SideBySide.RunChild(SideBySide.Self(), options.ChildArguments(id, threads), results);
        if (libTorch is not null)
            failures += SideBySide.RunChild(libTorch, options.ChildArguments(id, threads), results);
    }
}
foreach (var line in SideBySide.Summary(results))
    Console.Error.WriteLine(line);
return failures == 0 ? 0 : 1;

static List<BenchResult> MeasureHere(BenchOptions options)
{
    int threads = options.Threads[0];
    EngineSettings.MaxThreads = threads;
    // The engine leaves collections to the runtime unless asked; the figures are measured with its suggested budget.
    EngineSettings.LargeTensorCollectionBytes = options.GcBudgetMb is { } budget
        ? (long)budget << 20
        : EngineSettings.SuggestedLargeTensorCollectionBytes;
    var results = new List<BenchResult>();
    foreach (var workload in Workloads.For(options.Workloads[0], options))
    {
        if (!options.Wants(workload.Engine))
            continue;
        results.Add(Measurement.Measure(workload, options, threads));
    }
    return results;
}
