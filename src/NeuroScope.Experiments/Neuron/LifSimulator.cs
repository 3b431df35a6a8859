using System.Runtime.CompilerServices;

namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// Forward-Euler simulation of the leaky integrate-and-fire neuron: V' = V + dt·(−(V − v_rest) + I)/tau, and after
/// each step, if V' ≥ v_threshold, a spike at that time and V' = v_reset.
/// </summary>
/// <remarks>
/// With <c>interpolateSpikes</c> the crossing is located inside its step by linear interpolation between V and V'
/// (fraction f = (v_threshold − V)/(V' − V)), the spike is recorded at t + f·dt, and the neuron integrates from
/// v_reset for the remaining (1 − f)·dt of the step. Spike times and the voltage after them then move
/// continuously with the parameters instead of in whole steps; only the one sample in a step where a crossing
/// passes a grid point still jumps, as any reset model must.
/// </remarks>
public static class LifSimulator
{
    /// <summary>One Euler step without the threshold check: V + dt·(−(V − v_rest) + I)/tau.</summary>
    public static double EulerStep(double voltage, double current, LifParameters parameters, double dt)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return EulerStep(voltage, current, parameters.VRest, parameters.Tau, dt);
    }

    // The one definition of the step on plain doubles; the tensor simulation (DifferentiableLif) takes the same step,
    // and LossParityTests holds the two to the same losses.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double EulerStep(double voltage, double current, double vRest, double tau, double dt) =>
        voltage + dt * (-(voltage - vRest) + current) / tau;

    /// <summary>V(0) for an initial condition on plain doubles (see the generic overload).</summary>
    internal static double InitialVoltage(InitialCondition initial, double vRest, double vThreshold, double vReset) =>
        InitialVoltage(initial, vRest, vThreshold, vReset, static (a, b) => 0.5 * (a + b));

    /// <summary>
    /// V(0) for an initial condition, from the neuron's own v_rest, v_threshold and v_reset: the one definition for
    /// plain doubles and tensors alike (<paramref name="midpoint"/> is ½(a + b) in the caller's arithmetic).
    /// </summary>
    internal static TVoltage InitialVoltage<TVoltage>(InitialCondition initial, TVoltage vRest, TVoltage vThreshold, TVoltage vReset,
        Func<TVoltage, TVoltage, TVoltage> midpoint) => initial switch
    {
        InitialCondition.Rest => vRest,
        InitialCondition.Depolarized => midpoint(vRest, vThreshold),
        InitialCondition.Hyperpolarized => vReset,
        InitialCondition.Threshold => vThreshold,
        _ => throw new ArgumentOutOfRangeException(nameof(initial), initial, "Unknown initial condition; use Rest, Depolarized, Hyperpolarized or Threshold."),
    };

    /// <summary>One Euler step with the threshold check: returns v_reset and sets <paramref name="spiked"/> when the new voltage reaches v_threshold.</summary>
    public static double Step(double voltage, double current, LifParameters parameters, double dt, out bool spiked)
    {
        double next = EulerStep(voltage, current, parameters, dt);
        spiked = next >= parameters.VThreshold;
        return spiked ? parameters.VReset : next;
    }

    /// <summary>
    /// Simulates <paramref name="trace"/>.Length points from <paramref name="initialVoltage"/>, step k using
    /// <paramref name="current"/>[k]; writes the voltages into <paramref name="trace"/> and the first spike times
    /// (ms) into <paramref name="spikeTimes"/>, and returns the number of spikes (which may exceed the buffer).
    /// Allocates nothing.
    /// </summary>
    public static int Simulate(LifParameters parameters, double dt, ReadOnlySpan<double> current, double initialVoltage,
        Span<double> trace, Span<double> spikeTimes, bool interpolateSpikes = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        if (!double.IsFinite(dt) || dt <= 0)
            throw new ArgumentOutOfRangeException(nameof(dt), dt, $"Simulate: dt must be a finite time step greater than 0 ms, but was {LifParameters.Format(dt)}.");
        if (trace.Length == 0)
            throw new ArgumentException("Simulate: trace is empty; it needs room for at least the initial point.", nameof(trace));
        if (current.Length < trace.Length - 1)
            throw new ArgumentException(
                $"Simulate: {current.Length} current samples for {trace.Length - 1} steps; give at least one sample per step.", nameof(current));
        if (!double.IsFinite(initialVoltage))
            throw new ArgumentOutOfRangeException(nameof(initialVoltage), initialVoltage, "Simulate: the initial voltage must be finite.");

        return Run(parameters.Tau, parameters.VRest, parameters.VThreshold, parameters.VReset, dt, current, initialVoltage,
            trace, spikeTimes, interpolateSpikes);
    }

    // The loop itself, on plain doubles and checked by the callers, so a fit can run it without building a parameter record.
    internal static int Run(double tau, double vRest, double threshold, double reset, double dt, ReadOnlySpan<double> current,
        double initialVoltage, Span<double> trace, Span<double> spikeTimes, bool interpolateSpikes)
    {
        int count = 0;
        double v = initialVoltage;
        trace[0] = v;
        for (int k = 0; k + 1 < trace.Length; k++)
        {
            double input = current[k];
            double next = EulerStep(v, input, vRest, tau, dt);
            if (next >= threshold)
            {
                if (!interpolateSpikes)
                {
                    if (count < spikeTimes.Length)
                        spikeTimes[count] = (k + 1) * dt;
                    count++;
                    next = reset;
                }
                else
                {
                    // Linear interpolation of the crossing; the reset then carries the rest of the step, and a
                    // current strong enough to cross again within it spikes again.
                    double start = v, elapsed = 0;
                    while (next >= threshold)
                    {
                        double fraction = next > start ? Math.Clamp((threshold - start) / (next - start), 0.0, 1.0) : 0.0;
                        double remaining = dt - elapsed;
                        elapsed += fraction * remaining;
                        if (count < spikeTimes.Length)
                            spikeTimes[count] = k * dt + elapsed;
                        count++;
                        start = reset;
                        next = EulerStep(reset, input, vRest, tau, dt - elapsed);
                        if (elapsed >= dt)
                            break;
                    }
                }
            }
            v = next;
            trace[k + 1] = v;
        }
        return count;
    }

    /// <summary>Simulates the neuron on <paramref name="grid"/> driven by <paramref name="current"/>, from the given initial condition.</summary>
    public static SimulationResult Simulate(LifParameters parameters, TimeGrid grid, InputCurrent current,
        InitialCondition initial = InitialCondition.Rest, bool interpolateSpikes = false)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(grid);
        return Simulate(parameters, grid, current.Sample(grid), initial, interpolateSpikes);
    }

    /// <summary>Simulates the neuron on <paramref name="grid"/> with pre-sampled current values (one per grid point, or at least one per step).</summary>
    public static SimulationResult Simulate(LifParameters parameters, TimeGrid grid, ReadOnlySpan<double> current,
        InitialCondition initial = InitialCondition.Rest, bool interpolateSpikes = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(grid);
        parameters.Validate();
        var trace = new double[grid.Points];
        // Spikes are at most one per step without interpolation; with it, more are possible, so retry once if needed.
        var spikes = new double[Math.Min(grid.Steps, 1024)];
        int count = Simulate(parameters, grid.Dt, current, parameters.InitialVoltage(initial), trace, spikes, interpolateSpikes);
        if (count > spikes.Length)
        {
            spikes = new double[count];
            Simulate(parameters, grid.Dt, current, parameters.InitialVoltage(initial), trace, spikes, interpolateSpikes);
        }
        return new SimulationResult(grid, parameters, trace, spikes.AsSpan(0, count).ToArray());
    }
}
