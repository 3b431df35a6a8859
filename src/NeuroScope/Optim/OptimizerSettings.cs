namespace NeuroScope.Optim;

/// <summary>The settings <see cref="Optimizers.Create{T}"/> passes on; each optimizer reads the ones it has.</summary>
/// <param name="LearningRate">The step size lr, positive.</param>
public sealed record OptimizerSettings(double LearningRate)
{
    /// <summary>The momentum factor μ of <see cref="OptimizerKind.Momentum"/>, in [0, 1).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Adam's β₁, in [0, 1).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's β₂, in [0, 1).</summary>
    public double Beta2 { get; init; } = 0.999;
}
