namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// Losses between a simulated neuron and a target: voltage MSE, sub-threshold MSE, spike count, spike timing,
/// firing rate, the van Rossum and Victor–Purpura spike-train distances, the matched-interval voltage MSE, the
/// earth mover's distance between spike trains, and their weighted combination.
/// </summary>
/// <remarks>Spike trains are ascending spike times in ms; traces are voltages in mV on the same grid.</remarks>
public static class NeuronLosses
{
    /// <summary>Mean squared difference (1/N)·Σ(simulatedₖ − targetₖ)², mV².</summary>
    public static double VoltageMse(ReadOnlySpan<double> simulated, ReadOnlySpan<double> target)
    {
        CheckSameLength(simulated, target, nameof(VoltageMse));
        double sum = 0;
        for (int k = 0; k < simulated.Length; k++)
        {
            double d = simulated[k] - target[k];
            sum += d * d;
        }
        return sum / simulated.Length;
    }

    /// <summary>
    /// Mean squared difference over the samples where neither trace is at reset (within <paramref name="tolerance"/> mV
    /// of its v_reset), so that the timing of resets does not dominate; 0 when no sample qualifies.
    /// </summary>
    public static double SubthresholdMse(ReadOnlySpan<double> simulated, ReadOnlySpan<double> target,
        double simulatedReset, double targetReset, double tolerance = 1e-6) =>
        SubthresholdMse(simulated, target, target, simulatedReset, targetReset, tolerance);

    // The reset mask of the target is taken from a reference trace: a noisy target is never exactly at reset,
    // but its clean trace is.
    internal static double SubthresholdMse(ReadOnlySpan<double> simulated, ReadOnlySpan<double> target, ReadOnlySpan<double> targetReference,
        double simulatedReset, double targetReset, double tolerance)
    {
        CheckSameLength(simulated, target, nameof(SubthresholdMse));
        CheckSameLength(simulated, targetReference, nameof(SubthresholdMse));
        double sum = 0;
        int count = 0;
        for (int k = 0; k < simulated.Length; k++)
        {
            if (Math.Abs(simulated[k] - simulatedReset) <= tolerance || Math.Abs(targetReference[k] - targetReset) <= tolerance)
                continue;
            double d = simulated[k] - target[k];
            sum += d * d;
            count++;
        }
        return count == 0 ? 0.0 : sum / count;
    }

    /// <summary>The spike-count loss |n_sim − n_target|.</summary>
    public static double SpikeCount(int simulatedCount, int targetCount) => Math.Abs(simulatedCount - targetCount);

    /// <summary>
    /// For each target spike, the squared distance to the nearest simulated spike, capped at max_delay², averaged
    /// over the target spikes (ms²). When exactly one train is empty every spike of the other costs max_delay², so
    /// the loss is max_delay²; two empty trains cost 0.
    /// </summary>
    public static double SpikeTiming(ReadOnlySpan<double> simulated, ReadOnlySpan<double> target, double maxDelay)
    {
        if (!double.IsFinite(maxDelay) || maxDelay <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxDelay), maxDelay,
                $"SpikeTiming: maxDelay must be a finite time greater than 0 ms, but was {LifParameters.Format(maxDelay)}.");
        double cap = maxDelay * maxDelay;
        if (simulated.Length == 0 && target.Length == 0)
            return 0.0;
        if (simulated.Length == 0 || target.Length == 0)
            return cap;
        double sum = 0;
        foreach (double t in target)
        {
            int index = simulated.BinarySearch(t);
            double nearest;
            if (index >= 0)
                nearest = 0;
            else
            {
                index = ~index;
                nearest = double.PositiveInfinity;
                if (index < simulated.Length)
                    nearest = simulated[index] - t;
                if (index > 0)
                    nearest = Math.Min(nearest, t - simulated[index - 1]);
            }
            sum += Math.Min(nearest * nearest, cap);
        }
        return sum / target.Length;
    }

    /// <summary>The firing-rate loss (rate_sim − rate_target)² in Hz², rates over <paramref name="duration"/> ms.</summary>
    public static double FiringRate(int simulatedCount, int targetCount, double duration)
    {
        if (!double.IsFinite(duration) || duration <= 0)
            throw new ArgumentOutOfRangeException(nameof(duration), duration,
                $"FiringRate: duration must be a finite time greater than 0 ms, but was {LifParameters.Format(duration)}.");
        double d = SpikeStatistics.Rate(simulatedCount, duration) - SpikeStatistics.Rate(targetCount, duration);
        return d * d;
    }

    /// <summary>
    /// The van Rossum distance D with D² = (1/τ)∫(f − g)² dt, where f and g are the trains convolved with
    /// e^(−t/τ)·H(t), integrated over all t ≥ 0 (van Rossum 2001). In closed form
    /// D² = ½[Σᵢⱼ e^(−|aᵢ−aⱼ|/τ) + Σᵢⱼ e^(−|bᵢ−bⱼ|/τ) − 2Σᵢⱼ e^(−|aᵢ−bⱼ|/τ)]; one spike against none is 1/√2.
    /// </summary>
    public static double VanRossum(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double tau)
    {
        if (!double.IsFinite(tau) || tau <= 0)
            throw new ArgumentOutOfRangeException(nameof(tau), tau,
                $"VanRossum: tau must be a finite time constant greater than 0 ms, but was {LifParameters.Format(tau)}.");
        double squared = 0.5 * (KernelSum(a, a, tau) + KernelSum(b, b, tau) - 2.0 * KernelSum(a, b, tau));
        return Math.Sqrt(Math.Max(0.0, squared));
    }

    private static double KernelSum(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double tau)
    {
        double sum = 0;
        foreach (double x in a)
            foreach (double y in b)
                sum += Math.Exp(-Math.Abs(x - y) / tau);
        return sum;
    }

    /// <summary>
    /// The Victor–Purpura distance (Victor and Purpura 1996): the least cost of turning train a into train b, where
    /// deleting or inserting a spike costs 1 and moving one by Δt costs cost·|Δt|; the standard dynamic program
    /// G[i, j] = min(G[i−1, j] + 1, G[i, j−1] + 1, G[i−1, j−1] + cost·|aᵢ − bⱼ|).
    /// </summary>
    public static double VictorPurpura(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double cost)
    {
        if (!double.IsFinite(cost) || cost < 0)
            throw new ArgumentOutOfRangeException(nameof(cost), cost,
                $"VictorPurpura: cost must be a finite number of at least 0 per ms, but was {LifParameters.Format(cost)}.");
        // One row of the table at a time: row[j] holds G[i, j].
        Span<double> row = b.Length < 256 ? stackalloc double[b.Length + 1] : new double[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            row[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            double diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                double above = row[j];
                double best = Math.Min(above + 1.0, row[j - 1] + 1.0);
                best = Math.Min(best, diagonal + cost * Math.Abs(a[i - 1] - b[j - 1]));
                diagonal = above;
                row[j] = best;
            }
        }
        return row[b.Length];
    }

    /// <summary>
    /// Mean squared voltage difference over the samples k where both trains hold equally many spikes at or before t_k,
    /// mV²: a sample between a spike and its partner in the other train (one neuron already reset, the other not yet)
    /// is left out. The first sample always qualifies, so the mean is never empty.
    /// </summary>
    public static double MatchedVoltageMse(ReadOnlySpan<double> simulated, ReadOnlySpan<double> target,
        ReadOnlySpan<double> simulatedSpikes, ReadOnlySpan<double> targetSpikes, double dt)
    {
        CheckSameLength(simulated, target, nameof(MatchedVoltageMse));
        if (!double.IsFinite(dt) || dt <= 0)
            throw new ArgumentOutOfRangeException(nameof(dt), dt, $"MatchedVoltageMse: dt must be a finite time step greater than 0 ms, but was {LifParameters.Format(dt)}.");
        double sum = 0;
        int count = 0, a = 0, b = 0;
        for (int k = 0; k < simulated.Length; k++)
        {
            // A spike at t belongs to every sample at or after t; the tolerance absorbs rounding of k·dt.
            double time = k * dt + SpikeTimeTolerance * dt;
            while (a < simulatedSpikes.Length && simulatedSpikes[a] <= time)
                a++;
            while (b < targetSpikes.Length && targetSpikes[b] <= time)
                b++;
            if (a != b)
                continue;
            double d = simulated[k] - target[k];
            sum += d * d;
            count++;
        }
        return count == 0 ? 0.0 : sum / count;
    }

    /// <summary>
    /// The earth mover's distance between two spike trains on [0, <paramref name="duration"/>] ms: ∫|N_a(t) − N_b(t)| dt,
    /// where N counts the spikes at or before t (ms). With equal counts it is Σᵢ|aᵢ − bᵢ|; an unmatched spike costs the
    /// time from it to the end of the run.
    /// </summary>
    public static double EarthMover(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double duration)
    {
        if (!double.IsFinite(duration) || duration <= 0)
            throw new ArgumentOutOfRangeException(nameof(duration), duration,
                $"EarthMover: duration must be a finite time greater than 0 ms, but was {LifParameters.Format(duration)}.");
        int i = 0, j = 0, difference = 0;
        double last = 0, sum = 0;
        while (i < a.Length || j < b.Length)
        {
            bool fromA = j >= b.Length || (i < a.Length && a[i] <= b[j]);
            double time = Math.Clamp(fromA ? a[i++] : b[j++], last, duration);
            sum += Math.Abs(difference) * (time - last);
            last = time;
            difference += fromA ? 1 : -1;
        }
        return sum + Math.Abs(difference) * (duration - last);
    }

    /// <summary>Spike times within this fraction of dt of a grid time count as at that time.</summary>
    internal const double SpikeTimeTolerance = 1e-9;

    /// <summary>One loss (or the weighted total for <see cref="LossKind.Combined"/>) of a simulation against a target.</summary>
    public static double Compute(LossKind kind, SimulationResult simulated, NeuronTarget target, LossSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(target);
        return Compute(kind, simulated.Trace, simulated.SpikeTimes, simulated.Parameters.VReset, target, settings ?? new LossSettings());
    }

    /// <summary>Every component of the loss of a simulation against a target, with the weighted total.</summary>
    public static LossBreakdown Evaluate(SimulationResult simulated, NeuronTarget target, LossSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(target);
        settings ??= new LossSettings();
        double Part(LossKind kind) => Compute(kind, simulated.Trace, simulated.SpikeTimes, simulated.Parameters.VReset, target, settings);
        return new LossBreakdown(
            Part(LossKind.Voltage),
            Part(LossKind.SubThreshold),
            Part(LossKind.SpikeCount),
            Part(LossKind.SpikeTiming),
            Part(LossKind.FiringRate),
            Part(LossKind.VanRossum),
            Part(LossKind.VictorPurpura),
            Part(LossKind.MatchedVoltage),
            Part(LossKind.EarthMover),
            settings.Weights);
    }

    // The one definition every caller shares: the public overloads and the allocation-free objective of a fit.
    internal static double Compute(LossKind kind, ReadOnlySpan<double> trace, ReadOnlySpan<double> spikeTimes, double simulatedReset,
        NeuronTarget target, LossSettings settings)
    {
        return kind switch
        {
            LossKind.Voltage => VoltageMse(trace, target.Trace),
            LossKind.SubThreshold => SubthresholdMse(trace, target.Trace, target.CleanTrace,
                simulatedReset, target.Parameters.VReset, settings.ResetTolerance),
            LossKind.SpikeCount => SpikeCount(spikeTimes.Length, target.SpikeTimes.Length),
            LossKind.SpikeTiming => SpikeTiming(spikeTimes, target.SpikeTimes, settings.MaxDelay),
            LossKind.FiringRate => FiringRate(spikeTimes.Length, target.SpikeTimes.Length, target.Grid.Duration),
            LossKind.VanRossum => VanRossum(spikeTimes, target.SpikeTimes, settings.VanRossumTau),
            LossKind.VictorPurpura => VictorPurpura(spikeTimes, target.SpikeTimes, settings.VictorPurpuraCost),
            LossKind.MatchedVoltage => MatchedVoltageMse(trace, target.Trace, spikeTimes, target.SpikeTimes, target.Grid.Dt),
            LossKind.EarthMover => EarthMover(spikeTimes, target.SpikeTimes, target.Grid.Duration),
            LossKind.Combined => Combined(trace, spikeTimes, simulatedReset, target, settings),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss kind."),
        };
    }

    private static double Combined(ReadOnlySpan<double> trace, ReadOnlySpan<double> spikeTimes, double simulatedReset, NeuronTarget target, LossSettings settings)
    {
        // As LossBreakdown.Total: a component with weight 0 is not computed, so it can neither cost time nor be NaN.
        double total = 0;
        var components = LossBreakdown.Components;
        for (int i = 0; i < components.Count; i++)
        {
            var kind = components[i];
            double weight = settings.Weights.Of(kind);
            if (weight != 0)
                total += weight * Compute(kind, trace, spikeTimes, simulatedReset, target, settings);
        }
        return total;
    }

    private static void CheckSameLength(ReadOnlySpan<double> a, ReadOnlySpan<double> b, string loss)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"{loss}: the simulated trace has {a.Length} samples but the target has {b.Length}; simulate on the target's grid.");
        if (a.Length == 0)
            throw new ArgumentException($"{loss}: the traces are empty.");
    }
}
