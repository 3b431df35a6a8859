namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// The LIF Euler loop written in the engine's tensor ops, so that one backward pass gives the gradient of a loss
/// with respect to every parameter. The spike is a Heaviside step whose backward pass uses a surrogate derivative.
/// </summary>
/// <remarks>
/// Step k: V' = V + (v_rest − V + Iₖ)·(dt/tau); s = H(V' − v_threshold) with surrogate S′; V⁺ = V' − s·(V' − v_reset).
/// The reset is written multiplicatively (as snnTorch's reset-to-zero, shifted to v_reset) so that it is a
/// differentiable expression of V', v_reset and s; in the forward pass it is exactly the plain model's reset.
/// Whether the surrogate also flows through s in the reset is <see cref="SurrogateSettings.Reset"/>. Crossings are
/// not interpolated here: the surrogate, not interpolation, is what carries the gradient across a spike.
/// </remarks>
public static class DifferentiableLif
{
    /// <summary>Simulates on <paramref name="grid"/> with the given current samples (at least one per step), recording the graph.</summary>
    public static DifferentiableTrace Simulate(LifParameterTensors parameters, TimeGrid grid, ReadOnlySpan<double> current,
        InitialCondition initial = InitialCondition.Rest, SurrogateSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(grid);
        parameters.ToParameters();
        settings ??= new SurrogateSettings();
        if (current.Length < grid.Steps)
            throw new ArgumentException($"DifferentiableLif: {current.Length} current samples for {grid.Steps} steps; give at least one sample per step.", nameof(current));

        var tau = parameters.Tau;
        var vRest = parameters.VRest;
        var threshold = parameters.VThreshold;
        var reset = parameters.VReset;
        var dtOverTau = tau.DivideInto(grid.Dt);
        var v = initial switch
        {
            InitialCondition.Rest => vRest,
            InitialCondition.Depolarized => (vRest + threshold) * 0.5,
            InitialCondition.Hyperpolarized => reset,
            InitialCondition.Threshold => threshold,
            _ => throw new ArgumentOutOfRangeException(nameof(initial), initial, "Unknown initial condition; use Rest, Depolarized, Hyperpolarized or Threshold."),
        };

        var voltages = new Tensor<double>[grid.Points];
        var spikes = new Tensor<double>[grid.Points];
        var spikeTimes = new List<double>();
        voltages[0] = v;
        spikes[0] = Tensor.Scalar(0.0);
        for (int k = 0; k < grid.Steps; k++)
        {
            var next = v + (vRest - v + current[k]) * dtOverTau;
            var shifted = next - threshold;
            var s = settings.Kind == SurrogateKind.Atan ? shifted.HeavisideAtan(settings.Alpha) : shifted.HeavisideFastSigmoid(settings.Slope);
            if (s.Item() != 0)
            {
                spikeTimes.Add(grid.Time(k + 1));
                var gate = settings.Reset == ResetGradient.Full ? s : s.Detach();
                next = next - gate * (next - reset);
            }
            else if (settings.Reset == ResetGradient.Full)
            {
                // No spike, so s = 0 and V⁺ = V', but the surrogate still carries (V' − v_reset)·S′ to v_threshold.
                next = next - s * (next - reset);
            }
            // Without a spike and with a detached reset the reset term is 0·(…) with no gradient: skipping it saves ops.
            v = next;
            voltages[k + 1] = v;
            spikes[k + 1] = s;
        }
        return new DifferentiableTrace(grid, Tensor.Stack(voltages), Tensor.Stack(spikes), [.. spikeTimes]);
    }

    /// <summary>Simulates a problem's neuron (its target's grid, current and initial condition) with the given parameter tensors.</summary>
    public static DifferentiableTrace Simulate(NeuronProblem problem, LifParameterTensors parameters, SurrogateSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        CheckSupported(problem);
        return Simulate(parameters, problem.Target.Grid, problem.Target.CurrentSamples, problem.Target.Config.Initial, settings);
    }

    /// <summary>
    /// The problem's loss as a differentiable tensor. Supported: voltage, sub-threshold, matched-interval voltage, spike
    /// count (Σs against n_target), firing rate, the earth mover's distance, and the combined loss when the
    /// spike-timing, van Rossum and Victor–Purpura weights are 0.
    /// </summary>
    /// <remarks>
    /// The earth mover's distance L = dt·Σₖ|Cₖ| with Cₖ = Σ_{j≤k} sⱼ − N_target(t_k) is linear in s up to the sign of
    /// Cₖ, so its gradient with respect to the spike tensor is exact and cheap: ∂L/∂sⱼ = dt·Σ_{k≥j} sign(Cₖ), one
    /// backward sum. It enters the graph as Σⱼ cⱼ·sⱼ plus a constant that makes the value equal
    /// <see cref="NeuronLosses.EarthMover"/>. Through the surrogate, cⱼ &gt; 0 at the steps before an early spike
    /// (delay it) and cⱼ &lt; 0 before a late one (advance it), in proportion to the mismatch: a timing signal that the
    /// count, rate and voltage terms do not give.
    /// </remarks>
    public static Tensor<double> Loss(NeuronProblem problem, DifferentiableTrace trace, LifParameterTensors parameters)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(parameters);
        CheckSupported(problem);
        return Component(problem.Loss, problem, trace, parameters);
    }

    /// <summary>The surrogate gradient of the problem's loss at <paramref name="at"/> with respect to <paramref name="names"/>.</summary>
    public static ParameterGradient Gradient(NeuronProblem problem, LifParameters at, IReadOnlyList<string> names, SurrogateSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        LifParameters.CheckNames(names);
        var tensors = LifParameterTensors.From(at, names);
        var trace = Simulate(problem, tensors, settings);
        var loss = Loss(problem, trace, tensors);
        var values = new double[names.Count];
        // A loss with no path to the chosen parameters (v_threshold under a voltage loss with a detached reset) has gradient 0.
        if (loss.RequiresGrad)
        {
            var inputs = new Tensor<double>[names.Count];
            for (int i = 0; i < inputs.Length; i++)
                inputs[i] = tensors.Get(names[i]);
            var gradients = Autograd.Grad([loss], inputs);
            for (int i = 0; i < values.Length; i++)
                values[i] = gradients[i].Item();
        }
        return new ParameterGradient([.. names], values, loss.Item());
    }

    /// <summary>Whether <see cref="Gradient"/> supports the problem, and if not, why.</summary>
    public static bool IsSupported(NeuronProblem problem, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        reason = null;
        if (problem.InterpolateSpikes)
            reason = "the surrogate simulation does not interpolate crossings; use a problem with InterpolateSpikes = false";
        else if (problem.Loss is LossKind.SpikeTiming or LossKind.VanRossum or LossKind.VictorPurpura)
            reason = $"the {problem.Loss} loss is not differentiable through the surrogate; use voltage, sub-threshold, matched-voltage, spike-count, firing-rate, earth-mover or combined, or finite differences";
        else if (problem.Loss == LossKind.Combined)
        {
            var w = problem.EffectiveSettings.Weights;
            if (w.SpikeTiming != 0 || w.VanRossum != 0 || w.VictorPurpura != 0)
                reason = $"the combined loss has spike-timing weight {w.SpikeTiming}, van Rossum weight {w.VanRossum} and Victor–Purpura weight {w.VictorPurpura}; these components are not differentiable through the surrogate, so set their weights to 0";
        }
        return reason is null;
    }

    private static readonly LossKind[] DifferentiableComponents =
        [LossKind.Voltage, LossKind.SubThreshold, LossKind.MatchedVoltage, LossKind.SpikeCount, LossKind.FiringRate, LossKind.EarthMover];

    private static Tensor<double> EarthMoverTerm(DifferentiableTrace trace, NeuronTarget target)
    {
        var grid = target.Grid;
        var spikes = trace.Spikes.AsSpan();
        // The target's cumulative count at each grid point: a spike at t counts from the first point at or after t.
        var targetSteps = new double[spikes.Length];
        foreach (double time in target.SpikeTimes)
        {
            int index = (int)Math.Ceiling(time / grid.Dt - NeuronLosses.SpikeTimeTolerance);
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
        double value = NeuronLosses.EarthMover(trace.SpikeTimes, target.SpikeTimes, grid.Duration);
        return (trace.Spikes * Tensor.FromArray(coefficients)).Sum() + (value - linear);
    }

    private static void CheckSupported(NeuronProblem problem)
    {
        if (!IsSupported(problem, out var reason))
            throw new NotSupportedException("Surrogate gradient: " + reason + ".");
    }

    private static Tensor<double> Component(LossKind kind, NeuronProblem problem, DifferentiableTrace trace, LifParameterTensors parameters)
    {
        var target = problem.Target;
        var settings = problem.EffectiveSettings;
        switch (kind)
        {
            case LossKind.Voltage:
                return (trace.Voltage - Tensor.FromArray(target.Trace)).Square().Mean();
            case LossKind.SubThreshold:
            {
                // The mask is a constant taken from the forward values, as in NeuronLosses.SubthresholdMse.
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
            case LossKind.MatchedVoltage:
            {
                // The mask (both neurons have fired equally often so far) is a constant of the forward pass.
                var mask = new double[trace.Voltage.Length];
                int count = 0, simulated = 0, observed = 0;
                var simulatedTimes = trace.SpikeTimes;
                var targetTimes = target.SpikeTimes;
                double dt = target.Grid.Dt;
                for (int k = 0; k < mask.Length; k++)
                {
                    double time = k * dt + NeuronLosses.SpikeTimeTolerance * dt;
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
            case LossKind.EarthMover:
                return EarthMoverTerm(trace, target);
            case LossKind.SpikeCount:
                return (trace.Spikes.Sum() - target.SpikeTimes.Length).Abs();
            case LossKind.FiringRate:
            {
                double duration = target.Grid.Duration;
                return (trace.Spikes.Sum() * (1000.0 / duration) - SpikeStatistics.Rate(target.SpikeTimes.Length, duration)).Square();
            }
            case LossKind.Combined:
            {
                var weights = settings.Weights;
                Tensor<double>? total = null;
                foreach (var component in DifferentiableComponents)
                {
                    double weight = weights.Of(component);
                    if (weight == 0)
                        continue;
                    var term = Component(component, problem, trace, parameters) * weight;
                    total = total is null ? term : total + term;
                }
                return total ?? Tensor.Scalar(0.0);
            }
            default:
                throw new NotSupportedException($"Surrogate gradient: the {kind} loss is not differentiable through the surrogate.");
        }
    }
}
