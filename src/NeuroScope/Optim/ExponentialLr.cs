using System.Numerics;

namespace NeuroScope.Optim;

/// <summary>PyTorch's <c>ExponentialLR</c>: the learning rate is multiplied by <see cref="Gamma"/> every epoch, so lr = lr₀·γ^epoch.</summary>
public sealed class ExponentialLr<T> : LearningRateSchedule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the schedule; <paramref name="gamma"/> is positive and finite.</summary>
    public ExponentialLr(Optimizer<T> optimizer, double gamma)
        : base(optimizer)
    {
        Gamma = OptimizerChecks.Positive(gamma, nameof(gamma));
    }

    /// <summary>The factor applied each epoch.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double NextLearningRate(int epoch, double current) => current * Gamma;
}
