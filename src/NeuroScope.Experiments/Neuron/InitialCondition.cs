namespace NeuroScope.Experiments.Neuron;

/// <summary>Where the membrane potential starts, relative to the neuron's own parameters (see <see cref="LifParameters.InitialVoltage"/>).</summary>
public enum InitialCondition
{
    /// <summary>V(0) = v_rest.</summary>
    Rest,

    /// <summary>V(0) = (v_rest + v_threshold)/2.</summary>
    Depolarized,

    /// <summary>V(0) = v_reset.</summary>
    Hyperpolarized,

    /// <summary>V(0) = v_threshold; the first spike check comes after the first step, so this is not itself a spike.</summary>
    Threshold,
}
