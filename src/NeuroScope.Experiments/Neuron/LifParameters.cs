using System.Globalization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// The parameters of a leaky integrate-and-fire neuron, tau·dV/dt = −(V − v_rest) + I, with a spike and a reset
/// to <see cref="VReset"/> when V reaches <see cref="VThreshold"/>; times in ms, voltages in mV.
/// </summary>
/// <remarks>
/// The constructor validates (tau &gt; 0, every value finite, v_reset &lt; v_threshold). A <c>with</c> expression
/// skips constructors, so the simulator calls <see cref="Validate"/> again before it runs.
/// </remarks>
public sealed record LifParameters
{
    /// <summary>The parameter names used everywhere a parameter is chosen by name (gradients, landscapes, fits).</summary>
    public static IReadOnlyList<string> Names { get; } = ["tau", "v_rest", "v_threshold", "v_reset"];

    /// <summary>The tutorial neuron: tau 20 ms, v_rest −70 mV, v_threshold −55 mV, v_reset −80 mV.</summary>
    public static LifParameters Default { get; } = new();

    /// <summary>The neuron that generates target traces by default: tau 25 ms, v_rest −70, v_threshold −52, v_reset −75 mV.</summary>
    public static LifParameters TargetDefault { get; } = new(tau: 25.0, vRest: -70.0, vThreshold: -52.0, vReset: -75.0);

    /// <summary>Creates and validates a parameter set.</summary>
    /// <param name="tau">Membrane time constant in ms; must be &gt; 0.</param>
    /// <param name="vRest">Resting potential in mV.</param>
    /// <param name="vThreshold">Spike threshold in mV.</param>
    /// <param name="vReset">Potential after a spike in mV; must be below <paramref name="vThreshold"/>.</param>
    public LifParameters(double tau = 20.0, double vRest = -70.0, double vThreshold = -55.0, double vReset = -80.0)
    {
        Tau = tau;
        VRest = vRest;
        VThreshold = vThreshold;
        VReset = vReset;
        Validate();
    }

    /// <summary>Membrane time constant tau in ms.</summary>
    public double Tau { get; init; }

    /// <summary>Resting potential v_rest in mV.</summary>
    public double VRest { get; init; }

    /// <summary>Spike threshold v_threshold in mV.</summary>
    public double VThreshold { get; init; }

    /// <summary>Reset potential v_reset in mV.</summary>
    public double VReset { get; init; }

    /// <summary>Throws a clear <see cref="ArgumentException"/> unless tau &gt; 0, all values are finite and v_reset &lt; v_threshold.</summary>
    public void Validate()
    {
        if (!double.IsFinite(Tau) || Tau <= 0)
            throw new ArgumentOutOfRangeException("tau", Tau, $"LifParameters: tau must be a finite time constant greater than 0 ms, but was {Format(Tau)}.");
        CheckFinite(VRest, "v_rest");
        CheckFinite(VThreshold, "v_threshold");
        CheckFinite(VReset, "v_reset");
        if (VReset >= VThreshold)
            throw new ArgumentOutOfRangeException("v_reset", VReset,
                $"LifParameters: v_reset must be below v_threshold ({Format(VThreshold)} mV), but was {Format(VReset)} mV.");
    }

    /// <summary>The position of <paramref name="name"/> in <see cref="Names"/>; an unknown name throws, listing the known ones.</summary>
    public static int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++)
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
                return i;
        throw new ArgumentException($"Unknown LIF parameter name '{name}'; known names are {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Checks a list of parameter names: non-empty, known, no repeats.</summary>
    public static void CheckNames(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
            throw new ArgumentException($"The parameter list is empty; choose from {string.Join(", ", Names)}.", nameof(names));
        for (int i = 0; i < names.Count; i++)
        {
            IndexOf(names[i]);
            for (int j = 0; j < i; j++)
                if (names[j] == names[i])
                    throw new ArgumentException($"The parameter '{names[i]}' appears twice in the list; each parameter may appear once.", nameof(names));
        }
    }

    /// <summary>The value of the parameter called <paramref name="name"/> ("tau", "v_rest", "v_threshold", "v_reset").</summary>
    public double Get(string name) => IndexOf(name) switch
    {
        0 => Tau,
        1 => VRest,
        2 => VThreshold,
        _ => VReset,
    };

    /// <summary>A copy with the named parameter set to <paramref name="value"/>, validated.</summary>
    public LifParameters With(string name, double value) => IndexOf(name) switch
    {
        0 => new(value, VRest, VThreshold, VReset),
        1 => new(Tau, value, VThreshold, VReset),
        2 => new(Tau, VRest, value, VReset),
        _ => new(Tau, VRest, VThreshold, value),
    };

    /// <summary>A copy with each named parameter set to the matching value, validated once all are set.</summary>
    public LifParameters With(IReadOnlyList<string> names, ReadOnlySpan<double> values)
    {
        if (names.Count != values.Length)
            throw new ArgumentException($"{names.Count} parameter names but {values.Length} values; give one value per name.", nameof(values));
        double tau = Tau, vRest = VRest, vThreshold = VThreshold, vReset = VReset;
        for (int i = 0; i < names.Count; i++)
        {
            switch (IndexOf(names[i]))
            {
                case 0: tau = values[i]; break;
                case 1: vRest = values[i]; break;
                case 2: vThreshold = values[i]; break;
                default: vReset = values[i]; break;
            }
        }
        return new(tau, vRest, vThreshold, vReset);
    }

    /// <summary>The values of the named parameters, in the order given.</summary>
    public double[] ToArray(IReadOnlyList<string> names)
    {
        var values = new double[names.Count];
        for (int i = 0; i < values.Length; i++)
            values[i] = Get(names[i]);
        return values;
    }

    /// <summary>The membrane potential an initial condition names: rest v_rest, depolarized (v_rest + v_threshold)/2, hyperpolarized v_reset, threshold v_threshold.</summary>
    public double InitialVoltage(InitialCondition initial) =>
        LifSimulator.InitialVoltage(initial, VRest, VThreshold, VReset);

    /// <summary>The parameters as text, e.g. "tau=20 v_rest=-70 v_threshold=-55 v_reset=-80".</summary>
    public override string ToString() =>
        $"tau={Format(Tau)} v_rest={Format(VRest)} v_threshold={Format(VThreshold)} v_reset={Format(VReset)}";

    private static void CheckFinite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"LifParameters: {name} must be a finite voltage in mV, but was {Format(value)}.");
    }

    internal static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
