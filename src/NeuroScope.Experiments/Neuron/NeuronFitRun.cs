namespace NeuroScope.Experiments.Neuron;

/// <summary>One fit of an experiment: a label, how it was set up, the recordings it was fitted to and its result.</summary>
/// <param name="Label">A short name ("surrogate", "fd h=0.001").</param>
/// <param name="Description">One sentence on the setup (loss, gradient, optimizer, step).</param>
/// <param name="Problems">The recordings (target, loss, interpolation) the fit minimised the summed loss of; the first is the main one.</param>
/// <param name="Settings">The fit's settings.</param>
/// <param name="Result">The fit's outcome and history.</param>
public sealed record NeuronFitRun(string Label, string Description, IReadOnlyList<NeuronProblem> Problems, FitSettings Settings, NeuronFitResult Result)
{
    /// <summary>A fit to one recording.</summary>
    public NeuronFitRun(string label, string description, NeuronProblem problem, FitSettings settings, NeuronFitResult result)
        : this(label, description, [problem], settings, result)
    {
    }

    /// <summary>The first recording's problem (the only one for a single-recording fit).</summary>
    public NeuronProblem Problem => Problems[0];

    /// <summary>The recovery table against the problem's true parameters.</summary>
    public IReadOnlyList<RecoveryRow> Recovery => Result.Recovery(Problem.Target.Parameters);

    /// <summary>The largest |learned − true| over the fitted parameters.</summary>
    public double MaxError => Result.MaxError(Problem.Target.Parameters);
}
