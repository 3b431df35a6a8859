using System.Numerics;
using System.Numerics.Tensors;

namespace NeuroScope.Optim;

/// <summary>Plain gradient descent: θ ← θ − learningRate·∇L, with no state beyond the step count.</summary>
public sealed class GradientDescent<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates gradient descent over <paramref name="parameters"/> with a positive, finite learning rate.</summary>
    public GradientDescent(IEnumerable<Tensor<T>> parameters, double learningRate)
        : base(parameters, learningRate)
    {
    }

    /// <inheritdoc/>
    public override void Step()
    {
        T negativeLearningRate = T.CreateTruncating(-LearningRate);
        for (int i = 0; i < Parameters.Count; i++)
        {
            ReadOnlySpan<T> gradient = GradientOf(i);
            if (gradient.IsEmpty)
                continue;
            Span<T> theta = Parameters[i].AsSpan();
            TensorPrimitives.MultiplyAdd(gradient, negativeLearningRate, theta, theta);
        }
        StepCount++;
    }

    /// <inheritdoc/>
    public override OptimizerState SaveState() =>
        CreateState(new Dictionary<string, double>(), new Dictionary<string, double[]>());

    /// <inheritdoc/>
    public override void LoadState(OptimizerState state) => RestoreCommonState(state);
}
