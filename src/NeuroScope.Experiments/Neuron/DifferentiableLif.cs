using NeuroScope.Compile;

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
        if (current.Length < grid.Steps)
            throw new ArgumentException($"DifferentiableLif: {current.Length} current samples for {grid.Steps} steps; give at least one sample per step.", nameof(current));
        var (voltage, spikes) = SimulateTensors(parameters, grid, Tensor.FromArray(current[..grid.Steps].ToArray()), initial, settings);
        // The spike times of the forward pass: s is exactly 1 after a step that crossed threshold and 0 otherwise.
        var spikeTimes = new List<double>();
        var s = spikes.AsSpan();
        for (int k = 1; k < s.Length; k++)
            if (s[k] != 0)
                spikeTimes.Add(grid.Time(k));
        return new DifferentiableTrace(grid, voltage, spikes, [.. spikeTimes]);
    }

    /// <summary>
    /// The voltage and spike tensors (shape [Points] each) of a simulation on <paramref name="grid"/> driven by
    /// <paramref name="current"/> (shape [Steps]), without reading any value: usable inside a compiled function.
    /// </summary>
    /// <remarks>
    /// The Euler steps run as one <see cref="Scan{T}"/> whose body is compiled once per surrogate setting and reused, so a
    /// simulation records one loop op rather than a graph of ten ops per step, and its gradient is one reverse loop.
    /// The body resets multiplicatively on every step (V⁺ = V' − s·(V' − v_reset)): where s = 0 that is V' exactly, and
    /// with a detached reset its gradient adds exact zeros, so values and gradients are those of the step-by-step graph.
    /// </remarks>
    public static (Tensor<double> Voltage, Tensor<double> Spikes) SimulateTensors(LifParameterTensors parameters, TimeGrid grid, Tensor<double> current,
        InitialCondition initial = InitialCondition.Rest, SurrogateSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(current);
        settings ??= new SurrogateSettings();
        if (current.Rank != 1 || current.Length != grid.Steps)
            throw new ArgumentException($"DifferentiableLif: the current has shape [{string.Join(", ", current.Shape.ToArray())}] but the grid has {grid.Steps} steps; give one sample per step.", nameof(current));
        var vRest = parameters.VRest;
        var threshold = parameters.VThreshold;
        var reset = parameters.VReset;
        var dtOverTau = parameters.Tau.DivideInto(grid.Dt);
        var v0 = LifSimulator.InitialVoltage(initial, vRest, threshold, reset, static (a, b) => (a + b) * 0.5);
        var result = StepLoop(settings).Run([v0], [current], [vRest, dtOverTau, threshold, reset]);
        var voltage = Tensor.Concat([v0.Reshape(1), result.Outputs[0]]);
        var spikes = Tensor.Concat([Tensor.Zeros<double>(1), result.Outputs[1]]);
        return (voltage, spikes);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(SurrogateKind, double, ResetGradient), Scan<double>> StepLoops = new();

    // One compiled Euler step per surrogate setting: carry V; slice I_k; constants v_rest, dt/tau, v_threshold, v_reset.
    private static Scan<double> StepLoop(SurrogateSettings settings)
    {
        double scale = settings.Kind == SurrogateKind.Atan ? settings.Alpha : settings.Slope;
        return StepLoops.GetOrAdd((settings.Kind, scale, settings.Reset), static key => new Scan<double>((carry, x, constants) =>
        {
            var (kind, scale, resetGradient) = key;
            var (vRest, dtOverTau, threshold, reset) = (constants[0], constants[1], constants[2], constants[3]);
            var next = EulerStep(carry[0], x[0], vRest, dtOverTau);
            var shifted = next - threshold;
            var s = kind == SurrogateKind.Atan ? shifted.HeavisideAtan(scale) : shifted.HeavisideFastSigmoid(scale);
            var gate = resetGradient == ResetGradient.Full ? s : s.Detach();
            next = next - gate * (next - reset);
            return new ScanStep<double>([next], [next, s]);
        }));
    }

    // LifSimulator.EulerStep in tensor ops, V + (v_rest − V + I)·(dt/tau), with dt/tau computed once per simulation:
    // the same step up to rounding, which LossParityTests bounds for every loss.
    private static Tensor<double> EulerStep(Tensor<double> voltage, Tensor<double> current, Tensor<double> vRest, Tensor<double> dtOverTau) =>
        voltage + (vRest - voltage + current) * dtOverTau;

    /// <summary>Simulates a problem's neuron (its target's grid, current and initial condition) with the given parameter tensors.</summary>
    public static DifferentiableTrace Simulate(NeuronProblem problem, LifParameterTensors parameters, SurrogateSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        CheckSupported(problem);
        return Simulate(parameters, problem.Target.Grid, problem.Target.CurrentSamples, problem.Target.Config.Initial, settings);
    }

    /// <summary>
    /// The problem's loss as a differentiable tensor: the loss entry's <see cref="NeuronLoss.Differentiable"/> form
    /// (for the combined loss, the weighted sum of its components' forms; every component with a nonzero weight must have one).
    /// </summary>
    public static Tensor<double> Loss(NeuronProblem problem, DifferentiableTrace trace, LifParameterTensors parameters)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(parameters);
        CheckSupported(problem);
        return problem.Loss.Differentiable!(new SurrogateLossInput(trace, parameters, problem.Target, problem.EffectiveSettings));
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
        else if (problem.Loss != NeuronLoss.Combined && !problem.Loss.IsDifferentiable)
            reason = $"the {problem.Loss.Label} loss ({problem.Loss.Name}) is not differentiable through the surrogate; use {Differentiable()}, combined, or finite differences";
        else if (problem.Loss == NeuronLoss.Combined)
        {
            var weights = problem.EffectiveSettings.Weights;
            var blocking = NeuronLoss.Components.Where(l => !l.IsDifferentiable && weights.Of(l) != 0).ToArray();
            if (blocking.Length > 0)
                reason = $"the combined loss has {string.Join(", ", blocking.Select(l => $"{l.Name} weight {LifParameters.Format(weights.Of(l))}"))}; "
                    + $"{(blocking.Length == 1 ? "this component is" : "these components are")} not differentiable through the surrogate, so set {(blocking.Length == 1 ? "its weight" : "their weights")} to 0";
        }
        return reason is null;
    }

    private static string Differentiable() => string.Join(", ", NeuronLoss.Components.Where(l => l.IsDifferentiable).Select(l => l.Name));

    private static void CheckSupported(NeuronProblem problem)
    {
        if (!IsSupported(problem, out var reason))
            throw new NotSupportedException("Surrogate gradient: " + reason + ".");
    }
}
