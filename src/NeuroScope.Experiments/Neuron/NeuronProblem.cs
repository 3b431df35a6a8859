namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// A fitting problem: a target, the loss to compare against it, and how to simulate (the target's grid, current and
/// initial condition; optional interpolated crossings). It turns a parameter set into a loss, the function that
/// finite differences, landscapes and fits work on.
/// </summary>
/// <param name="Target">The target trace and spikes.</param>
/// <param name="Loss">Which loss <see cref="Evaluate"/> returns (a <see cref="NeuronLoss"/> registry entry); null for the voltage MSE.</param>
/// <param name="Settings">Loss settings; null means the defaults.</param>
/// <param name="InterpolateSpikes">Whether simulations locate crossings inside their steps.</param>
public sealed record NeuronProblem(NeuronTarget Target, NeuronLoss? Loss = null, LossSettings? Settings = null, bool InterpolateSpikes = false)
{
    /// <summary>Which loss <see cref="Evaluate"/> returns; the voltage MSE when none is given.</summary>
    public NeuronLoss Loss { get; init; } = Loss ?? NeuronLoss.Voltage;

    /// <summary>The loss settings in effect.</summary>
    public LossSettings EffectiveSettings => Settings ?? DefaultSettings;

    private static readonly LossSettings DefaultSettings = new();

    /// <summary>Simulates a neuron with <paramref name="parameters"/> under the target's conditions.</summary>
    public SimulationResult Simulate(LifParameters parameters) =>
        LifSimulator.Simulate(parameters, Target.Grid, Target.CurrentSamples, Target.Config.Initial, InterpolateSpikes);

    /// <summary>The chosen loss of a neuron with <paramref name="parameters"/> against the target.</summary>
    public double Evaluate(LifParameters parameters) => NeuronLosses.Compute(Loss, Simulate(parameters), Target, EffectiveSettings);

    /// <summary>Every loss component of a neuron with <paramref name="parameters"/> against the target.</summary>
    public LossBreakdown Breakdown(LifParameters parameters) => NeuronLosses.Evaluate(Simulate(parameters), Target, EffectiveSettings);
}
