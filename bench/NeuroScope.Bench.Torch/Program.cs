using NeuroScope.Bench;
using NeuroScope.Bench.Torch;
using TorchSharp;

// NeuroScope.Bench.Torch: the libtorch side of the benchmark suite. It measures one workload at one thread count, the way
// NeuroScope.Bench does, and prints the same JSON lines with engine "libtorch"; NeuroScope.Bench starts it beside its own.
//   dotnet bench/NeuroScope.Bench.Torch/bin/Release/net10.0/NeuroScope.Bench.Torch.dll W4 [--dtype float32|float64] [--threads N] [--runs N]
var options = BenchOptions.Parse(args, out string? error);
if (options is not null && (options.Workloads.Count != 1 || options.Threads.Count != 1))
    error = "the libtorch side runs one workload at one thread count; NeuroScope.Bench runs it for each";
if (error is not null)
{
    Console.Error.WriteLine($"error: {error}.");
    Console.Error.WriteLine(BenchOptions.Usage.Replace("NeuroScope.Bench", "NeuroScope.Bench.Torch", StringComparison.Ordinal));
    return 2;
}

int threads = options!.Threads[0];
try
{
    NativeLibraries.Prepare();
    torch.set_num_threads(threads);
    torch.set_num_interop_threads(threads);
}
catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException)
{
    Console.Error.WriteLine($"error: libtorch could not be loaded: {(e.InnerException ?? e).Message.Split('\n')[0]}");
    return 1;
}

int failed = 0;
foreach (var workload in TorchWorkloads.For(options.Workloads[0], options).Where(w => options.Wants(w.Engine)))
    failed += Measurement.Measure(workload, options, threads).Ok ? 0 : 1;
return failed == 0 ? 0 : 1;
