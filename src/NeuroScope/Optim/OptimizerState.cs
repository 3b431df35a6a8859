namespace NeuroScope.Optim;

/// <summary>A saved optimizer state: learning rate, step count, settings and named per-parameter buffers (as doubles).</summary>
/// <param name="Kind">The optimizer's kind ("Sgd", "Adam", …), checked on load.</param>
/// <param name="LearningRate">The learning rate at the time of saving.</param>
/// <param name="StepCount">Steps taken.</param>
/// <param name="Buffers">Per-parameter buffers by name (for example "momentum.0"); each a copy.</param>
public sealed record OptimizerState(string Kind, double LearningRate, int StepCount, IReadOnlyDictionary<string, double[]> Buffers)
{
    /// <summary>The optimizer's hyperparameters by name (momentum, beta1, weightDecay, …), restored on load as PyTorch does.</summary>
    public IReadOnlyDictionary<string, double> Settings { get; init; } = new Dictionary<string, double>();

    /// <summary>The shape of each parameter when the state was saved; loading into other shapes throws.</summary>
    public IReadOnlyList<int[]> ParameterShapes { get; init; } = [];
}
