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

    /// <summary>One loss (or the weighted total for <see cref="NeuronLoss.Combined"/>) of a simulation against a target.</summary>
    public static double Compute(NeuronLoss loss, SimulationResult simulated, NeuronTarget target, LossSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(target);
        return loss.Value(new LossInput(simulated.Trace, simulated.SpikeTimes, simulated.Parameters.VReset, target, settings ?? new LossSettings()));
    }

    /// <summary>Every component of the loss of a simulation against a target, with the weighted total.</summary>
    public static LossBreakdown Evaluate(SimulationResult simulated, NeuronTarget target, LossSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(target);
        settings ??= new LossSettings();
        var input = new LossInput(simulated.Trace, simulated.SpikeTimes, simulated.Parameters.VReset, target, settings);
        var values = new double[NeuronLoss.Components.Count];
        for (int i = 0; i < values.Length; i++)
            values[i] = NeuronLoss.Components[i].Value(input);
        return new LossBreakdown(values, settings.Weights);
    }

    /// <summary>The sub-threshold MSE of a surrogate simulation; the mask is a constant taken from the forward values, as in the plain form.</summary>
    public static Tensor<double> SubthresholdMse(SurrogateLossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (trace, parameters, target, settings) = input;
        var voltage = trace.Voltage.AsSpan();
        var mask = new double[voltage.Length];
        double simulatedReset = parameters.VReset.Item(), targetReset = target.Parameters.VReset;
        int count = 0;
        for (int k = 0; k < mask.Length; k++)
        {
            bool atReset = Math.Abs(voltage[k] - simulatedReset) <= settings.ResetTolerance
                || Math.Abs(target.CleanTrace[k] - targetReset) <= settings.ResetTolerance;
            mask[k] = atReset ? 0.0 : 1.0;
            count += atReset ? 0 : 1;
        }
        var squared = (trace.Voltage - Tensor.FromArray(target.Trace)).Square() * Tensor.FromArray(mask);
        return count == 0 ? squared.Sum() : squared.Sum() / count;
    }

    /// <summary>The matched-interval voltage MSE of a surrogate simulation; the mask (both neurons have fired equally often so far) is a constant of the forward pass.</summary>
    public static Tensor<double> MatchedVoltageMse(SurrogateLossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (trace, _, target, _) = input;
        var mask = new double[trace.Voltage.Length];
        int count = 0, simulated = 0, observed = 0;
        var simulatedTimes = trace.SpikeTimes;
        var targetTimes = target.SpikeTimes;
        double dt = target.Grid.Dt;
        for (int k = 0; k < mask.Length; k++)
        {
            double time = k * dt + SpikeTimeTolerance * dt;
            while (simulated < simulatedTimes.Length && simulatedTimes[simulated] <= time)
                simulated++;
            while (observed < targetTimes.Length && targetTimes[observed] <= time)
                observed++;
            mask[k] = simulated == observed ? 1.0 : 0.0;
            count += simulated == observed ? 1 : 0;
        }
        var squared = (trace.Voltage - Tensor.FromArray(target.Trace)).Square() * Tensor.FromArray(mask);
        return squared.Sum() / Math.Max(count, 1);
    }

    /// <summary>The earth mover's distance of a surrogate simulation, equal in value to the plain form and differentiable through the spike tensor.</summary>
    /// <remarks>
    /// The earth mover's distance L = dt·Σₖ|Cₖ| with Cₖ = Σ_{j≤k} sⱼ − N_target(t_k) is linear in s up to the sign of
    /// Cₖ, so its gradient with respect to the spike tensor is exact and cheap: ∂L/∂sⱼ = dt·Σ_{k≥j} sign(Cₖ), one
    /// backward sum. It enters the graph as Σⱼ cⱼ·sⱼ plus a constant that makes the value equal
    /// <see cref="EarthMover(ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/>. Through the surrogate, cⱼ &gt; 0 at
    /// the steps before an early spike (delay it) and cⱼ &lt; 0 before a late one (advance it), in proportion to the
    /// mismatch: a timing signal that the count, rate and voltage terms do not give.
    /// </remarks>
    public static Tensor<double> EarthMover(SurrogateLossInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (trace, _, target, _) = input;
        var grid = target.Grid;
        var spikes = trace.Spikes.AsSpan();
        // The target's cumulative count at each grid point: a spike at t counts from the first point at or after t.
        var targetSteps = new double[spikes.Length];
        foreach (double time in target.SpikeTimes)
        {
            int index = (int)Math.Ceiling(time / grid.Dt - SpikeTimeTolerance);
            if (index < targetSteps.Length)
                targetSteps[Math.Max(index, 0)] += 1;
        }
        // Cₖ for k < Steps (the integral runs over [t_k, t_k+1)); the last point closes the run and adds nothing.
        var sign = new double[spikes.Length];
        double cumulative = 0;
        for (int k = 0; k < spikes.Length - 1; k++)
        {
            cumulative += spikes[k] - targetSteps[k];
            sign[k] = Math.Sign(Math.Round(cumulative));
        }
        var coefficients = new double[spikes.Length];
        double tail = 0, linear = 0;
        for (int k = spikes.Length - 1; k >= 0; k--)
        {
            tail += sign[k];
            coefficients[k] = grid.Dt * tail;
            linear += coefficients[k] * spikes[k];
        }
        double value = EarthMover(trace.SpikeTimes, target.SpikeTimes, grid.Duration);
        return (trace.Spikes * Tensor.FromArray(coefficients)).Sum() + (value - linear);
    }

    private static void CheckSameLength(ReadOnlySpan<double> a, ReadOnlySpan<double> b, string loss)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"{loss}: the simulated trace has {a.Length} samples but the target has {b.Length}; simulate on the target's grid.");
        if (a.Length == 0)
            throw new ArgumentException($"{loss}: the traces are empty.");
    }
}
