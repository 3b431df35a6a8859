using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Bench;

/// <summary>The registry of workloads: for each id, the engine's dynamic and compiled versions and (where there is one) the hand-written loop.</summary>
internal static class Workloads
{
    public static IEnumerable<Workload> For(string id, BenchOptions options)
    {
        bool float64 = options.DType == "float64";
        return id switch
        {
            "W1" => Engine("W1", "dose", 100, EngineWorkloads.Dose, Checks.Dose, HandWritten.Dose),
            "W2" => Engine("W2", "copy-mse", 500, EngineWorkloads.CopyMse, Checks.Copy, HandWritten.CopyMse),
            "W3" => Engine("W3", "copy-reward", 25_000, EngineWorkloads.CopyReward, Checks.Copy, HandWritten.CopyReward),
            "W4" => Engine("W4", "fit-1d", 1000,
                float64 ? EngineWorkloads.Fit1D<double> : EngineWorkloads.Fit1D<float>, Checks.Falling, hand: null),
            "W5" => LifFit(),
            "W6" => Engine("W6", "mlp-throughput", 200,
                float64 ? EngineWorkloads.Throughput<double> : EngineWorkloads.Throughput<float>, Checks.Falling, hand: null),
            _ => throw new ArgumentOutOfRangeException(nameof(id), id, "W1..W6"),
        };
    }

    // Built lazily, one at a time: a workload's set-up (a compiled one's trace included) is made just before it is measured.
    private static IEnumerable<Workload> Engine(string id, string name, int steps, Func<Execution, Func<Dictionary<string, double>>> run,
        Action<Dictionary<string, double>> check, Func<Dictionary<string, double>>? hand)
    {
        yield return new(id, name, "neuroscope", steps, run(Execution.Dynamic), check);
        yield return new(id, name, "neuroscope-compiled", steps, run(Execution.Compiled), check);
        if (hand is not null)
            yield return new(id, name, "hand", steps, hand, check);
    }

    private static IEnumerable<Workload> LifFit()
    {
        yield return new("W5", "lif-fit", "neuroscope", LifInDoubles.Iterations, EngineWorkloads.LifFit(GradientSource.FiniteDifference), Checks.Lif);
        yield return new("W5", "lif-fit (surrogate autodiff)", "neuroscope-autodiff", LifInDoubles.Iterations, EngineWorkloads.LifFit(GradientSource.Surrogate), Checks.Lif);
        yield return new("W5", "lif-fit (surrogate autodiff)", "neuroscope-compiled", LifInDoubles.Iterations, EngineWorkloads.CompiledLifFit(), Checks.Lif);
        yield return new("W5", "lif-fit", "hand", LifInDoubles.Iterations, HandWritten.LifFit, Checks.Lif);
    }
}
