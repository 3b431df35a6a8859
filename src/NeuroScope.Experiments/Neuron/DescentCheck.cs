namespace NeuroScope.Experiments.Neuron;

/// <summary>Whether a small step along −g lowers the loss: L(θ − η·g/‖g‖) &lt; L(θ).</summary>
/// <param name="Source">Which gradient was followed.</param>
/// <param name="StepLength">η, the length of the step in parameter space.</param>
/// <param name="LossBefore">L(θ).</param>
/// <param name="LossAfter">L(θ − η·g/‖g‖); equal to LossBefore when g = 0 (no step is taken).</param>
public sealed record DescentCheck(string Source, double StepLength, double LossBefore, double LossAfter)
{
    /// <summary>True when the step lowered the loss.</summary>
    public bool Decreased => LossAfter < LossBefore;
}
