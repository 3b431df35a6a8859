using System.Numerics;

namespace NeuroScope.Optim;

/// <summary>PyTorch's <c>StepLR</c>: the learning rate is multiplied by <see cref="Gamma"/> every <see cref="StepSize"/> epochs, so lr = lr₀·γ^⌊epoch / stepSize⌋.</summary>
public sealed class StepLr<T> : LearningRateSchedule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the schedule; <paramref name="stepSize"/> is at least 1 and <paramref name="gamma"/> positive and finite.</summary>
    public StepLr(Optimizer<T> optimizer, int stepSize, double gamma = 0.1)
        : base(optimizer)
    {
        if (stepSize < 1)
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, $"stepSize = {stepSize} is not allowed; it must be at least 1.");
        StepSize = stepSize;
        Gamma = OptimizerChecks.Positive(gamma, nameof(gamma));
    }

    /// <summary>Epochs between decays.</summary>
    public int StepSize { get; }

    /// <summary>The factor applied at each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double NextLearningRate(int epoch, double current) =>
        epoch % StepSize == 0 ? current * Gamma : current;
}
