namespace NeuroScope.Bench;

/// <summary>The registry of workloads: for each id, the engine version and (where there is one) the hand-written one.</summary>
internal static class Workloads
{
    public static IEnumerable<Workload> For(string id, BenchOptions options)
    {
        switch (id)
        {
            case "W1":
                yield return new("W1", "dose", "neuroscope", 100, EngineWorkloads.Dose, Checks.Dose);
                yield return new("W1", "dose", "neuroscope-compiled", 100, CompiledWorkloads.Dose(), Checks.Dose);
                yield return new("W1", "dose", "hand", 100, HandWritten.Dose, Checks.Dose);
                break;
            case "W2":
                yield return new("W2", "copy-mse", "neuroscope", 500, EngineWorkloads.CopyMse, Checks.Copy);
                yield return new("W2", "copy-mse", "neuroscope-compiled", 500, CompiledWorkloads.CopyMse(), Checks.Copy);
                yield return new("W2", "copy-mse", "hand", 500, HandWritten.CopyMse, Checks.Copy);
                break;
            case "W3":
                yield return new("W3", "copy-reward", "neuroscope", 25_000, EngineWorkloads.CopyReward, Checks.Copy);
                yield return new("W3", "copy-reward", "neuroscope-compiled", 25_000, CompiledWorkloads.CopyReward(), Checks.Copy);
                yield return new("W3", "copy-reward", "hand", 25_000, HandWritten.CopyReward, Checks.Copy);
                break;
            case "W4":
                yield return new("W4", "fit-1d", "neuroscope", 1000,
                    options.DType == "float64" ? EngineWorkloads.Fit1D<double> : EngineWorkloads.Fit1D<float>, Checks.Falling);
                yield return new("W4", "fit-1d", "neuroscope-compiled", 1000,
                    options.DType == "float64" ? CompiledWorkloads.Fit1D<double>() : CompiledWorkloads.Fit1D<float>(), Checks.Falling);
                break;
            case "W6":
                yield return new("W6", "mlp-throughput", "neuroscope", 200,
                    options.DType == "float64" ? EngineWorkloads.Throughput<double> : EngineWorkloads.Throughput<float>, Checks.Falling);
                yield return new("W6", "mlp-throughput", "neuroscope-compiled", 200,
                    options.DType == "float64" ? CompiledWorkloads.Throughput<double>() : CompiledWorkloads.Throughput<float>(), Checks.Falling);
                break;
            case "W5":
                yield return new("W5", "lif-fit", "neuroscope", 200, EngineWorkloads.LifFit(NeuroScope.Experiments.Neuron.GradientSource.FiniteDifference), Checks.Lif);
                yield return new("W5", "lif-fit (surrogate autodiff)", "neuroscope-autodiff", 200, EngineWorkloads.LifFit(NeuroScope.Experiments.Neuron.GradientSource.Surrogate), Checks.LifSurrogate);
                yield return new("W5", "lif-fit (surrogate autodiff)", "neuroscope-compiled", 200, CompiledWorkloads.LifFit(), Checks.LifSurrogate);
                yield return new("W5", "lif-fit", "hand", 200, HandWritten.LifFit, Checks.Lif);
                break;
        }
    }
}

/// <summary>What each workload's check value must be (WORKLOADS.md): a fast, wrong run fails.</summary>
internal static class Checks
{
    public static void Dose(Dictionary<string, double> r) => Near("bias", r["bias"], -16.01, 0.02);

    public static void Copy(Dictionary<string, double> r)
    {
        Near("weight", r["weight"], 1, 0.05);
        Near("bias", r["bias"], 0, 0.3);
    }

    public static void Lif(Dictionary<string, double> r)
    {
        Near("tau", r["tau"], 25.0001, 0.01);
        Near("v_threshold", r["v_threshold"], -55, 0);
    }

    /// <summary>The surrogate-gradient W5 fit: at 15 mV no spike occurs, so its gradient is the exact one and it lands where finite differences do.</summary>
    public static void LifSurrogate(Dictionary<string, double> r)
    {
        Near("tau", r["tau"], 25.0001, 0.01);
        Near("v_threshold", r["v_threshold"], -55, 0);
    }

    public static void Falling(Dictionary<string, double> r)
    {
        if (!(r["loss"] < r["initial_loss"]))
            throw new InvalidOperationException($"the loss did not fall: {r["initial_loss"]} → {r["loss"]}");
    }

    private static void Near(string name, double value, double expected, double tolerance)
    {
        if (!(Math.Abs(value - expected) <= tolerance))
            throw new InvalidOperationException($"{name} is {value}, expected {expected} ± {tolerance}");
    }
}
