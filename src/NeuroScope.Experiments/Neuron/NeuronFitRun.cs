namespace NeuroScope.Experiments.Neuron;

/// <summary>One fit of an experiment: a label, how it was set up, the problem it solved and its result.</summary>
/// <param name="Label">A short name ("surrogate", "fd h=0.001").</param>
/// <param name="Description">One sentence on the setup (loss, gradient, optimizer, step).</param>
/// <param name="Problem">The problem (target, loss, interpolation) the fit solved.</param>
/// <param name="Settings">The fit's settings.</param>
/// <param name="Result">The fit's outcome and history.</param>
public sealed record NeuronFitRun(string Label, string Description, NeuronProblem Problem, FitSettings Settings, NeuronFitResult Result)
{
    /// <summary>The recovery table against the problem's true parameters.</summary>
    public IReadOnlyList<RecoveryRow> Recovery => Result.Recovery(Problem.Target.Parameters);

    /// <summary>The largest |learned − true| over the fitted parameters.</summary>
    public double MaxError => Result.MaxError(Problem.Target.Parameters);
}
