namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// Finds the spikes in a stored voltage trace by their resets: sample k is a spike when the voltage falls from
/// sample k − 1 to sample k by at least <c>minimumDrop</c> and lands within <c>resetTolerance</c> of v_reset.
/// </summary>
/// <remarks>
/// Below threshold the membrane moves by dt·|V − v_rest − I|/tau per step, far less than the threshold–reset gap,
/// so a large drop that lands at v_reset is a reset and nothing else is. A level test ("V ≥ v_threshold") would
/// find nothing, since the simulator never stores a value at or above threshold, and a plain "V = v_reset" test
/// would count a hyperpolarized start, or a trace sinking through v_reset, as spikes. Defaults: the drop must be at
/// least half of v_threshold − v_reset and the landing within a quarter of it, which also tolerates measurement
/// noise and the partial step that interpolated resets integrate. A step so large that the neuron recrosses
/// threshold in one step from v_reset leaves no drop to see; such a trace's spikes are only in the simulator's
/// own spike times. The time reported is that of the reset sample, k·dt, the simulator's convention without
/// interpolation.
/// </remarks>
public static class SpikeDetector
{
    /// <summary>The indices of the reset samples in <paramref name="trace"/>, ascending.</summary>
    public static int[] DetectIndices(ReadOnlySpan<double> trace, double vThreshold, double vReset,
        double? minimumDrop = null, double? resetTolerance = null)
    {
        if (!double.IsFinite(vThreshold) || !double.IsFinite(vReset) || vReset >= vThreshold)
            throw new ArgumentOutOfRangeException(nameof(vReset), vReset,
                $"SpikeDetector: v_reset must be finite and below v_threshold ({LifParameters.Format(vThreshold)} mV), but was {LifParameters.Format(vReset)} mV.");
        double gap = vThreshold - vReset;
        double drop = minimumDrop ?? 0.5 * gap;
        double tolerance = resetTolerance ?? 0.25 * gap;
        if (!double.IsFinite(drop) || drop <= 0)
            throw new ArgumentOutOfRangeException(nameof(minimumDrop), minimumDrop,
                $"SpikeDetector: minimumDrop must be a finite voltage greater than 0 mV, but was {LifParameters.Format(drop)}.");
        if (!double.IsFinite(tolerance) || tolerance < 0)
            throw new ArgumentOutOfRangeException(nameof(resetTolerance), resetTolerance,
                $"SpikeDetector: resetTolerance must be a finite voltage of at least 0 mV, but was {LifParameters.Format(tolerance)}.");

        var indices = new List<int>();
        for (int k = 1; k < trace.Length; k++)
        {
            if (trace[k - 1] - trace[k] >= drop && Math.Abs(trace[k] - vReset) <= tolerance)
                indices.Add(k);
        }
        return [.. indices];
    }

    /// <summary>The spike times (ms) of a trace sampled on <paramref name="grid"/>, for a neuron with the given parameters.</summary>
    public static double[] Detect(ReadOnlySpan<double> trace, TimeGrid grid, LifParameters parameters,
        double? minimumDrop = null, double? resetTolerance = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(parameters);
        var indices = DetectIndices(trace, parameters.VThreshold, parameters.VReset, minimumDrop, resetTolerance);
        var times = new double[indices.Length];
        for (int i = 0; i < times.Length; i++)
            times[i] = grid.Time(indices[i]);
        return times;
    }
}
