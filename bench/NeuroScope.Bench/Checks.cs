namespace NeuroScope.Bench;

/// <summary>What each workload's check value must be (WORKLOADS.md): a fast, wrong run fails.</summary>
internal static class Checks
{
    public static void Dose(Dictionary<string, double> r) => Near("bias", r["bias"], -16.01, 0.02);

    public static void Copy(Dictionary<string, double> r)
    {
        Near("weight", r["weight"], 1, 0.05);
        Near("bias", r["bias"], 0, 0.3);
    }

    /// <summary>W5, by finite differences or the surrogate gradient: at 15 mV no spike occurs, so the surrogate gradient is the exact one and both land on the same tau.</summary>
    public static void Lif(Dictionary<string, double> r)
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
