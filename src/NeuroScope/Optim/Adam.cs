using System.Numerics;
using System.Numerics.Tensors;

namespace NeuroScope.Optim;

/// <summary>
/// Adam with PyTorch's <c>torch.optim.Adam</c> rule: g = ∇L + weightDecay·θ; m = β₁·m + (1 − β₁)·g;
/// v = β₂·v + (1 − β₂)·g²; θ ← θ − (learningRate / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε), with t counted per parameter.
/// </summary>
public sealed class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[]?[] _firstMoments;
    private readonly T[]?[] _secondMoments;
    private readonly int[] _steps;

    /// <summary>Creates Adam over <paramref name="parameters"/>; betas lie in [0, 1), epsilon and weightDecay are at least 0.</summary>
    public Adam(IEnumerable<Tensor<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        SetSettings(beta1, beta2, epsilon, weightDecay);
        _firstMoments = new T[]?[Parameters.Count];
        _secondMoments = new T[]?[Parameters.Count];
        _steps = new int[Parameters.Count];
    }

    /// <summary>The decay rate β₁ of the first-moment (mean) estimate.</summary>
    public double Beta1 { get; private set; }

    /// <summary>The decay rate β₂ of the second-moment (uncentered variance) estimate.</summary>
    public double Beta2 { get; private set; }

    /// <summary>The term ε added to the denominator for numerical stability.</summary>
    public double Epsilon { get; private set; }

    /// <summary>The L2 penalty coefficient added to the gradient as weightDecay·θ.</summary>
    public double WeightDecay { get; private set; }

    /// <inheritdoc/>
    public override void Step()
    {
        T firstShare = T.CreateTruncating(1 - Beta1);
        T secondShare = T.CreateTruncating(1 - Beta2);
        T epsilon = T.CreateTruncating(Epsilon);
        T weightDecay = T.CreateTruncating(WeightDecay);
        for (int i = 0; i < Parameters.Count; i++)
        {
            ReadOnlySpan<T> gradient = GradientOf(i);
            if (gradient.IsEmpty)
                continue;
            Span<T> theta = Parameters[i].AsSpan();
            Span<T> scratch = Scratch(theta.Length);
            if (WeightDecay != 0)
            {
                TensorPrimitives.MultiplyAdd(theta, weightDecay, gradient, scratch);
                gradient = scratch;
            }
            var m = _firstMoments[i] ??= new T[theta.Length];
            var v = _secondMoments[i] ??= new T[theta.Length];
            int t = ++_steps[i];

            // m = m + (1 − β₁)(g − m) and v = v + (1 − β₂)(g² − v), PyTorch's lerp form of the moving averages.
            TensorPrimitives.Lerp(m, gradient, firstShare, m);
            TensorPrimitives.Multiply(gradient, gradient, scratch);
            TensorPrimitives.Lerp(v, scratch, secondShare, v);

            // The bias corrections are scalars computed in double, as PyTorch computes them in Python floats.
            T stepSize = T.CreateTruncating(LearningRate / (1 - Math.Pow(Beta1, t)));
            T correction2Sqrt = T.CreateTruncating(Math.Sqrt(1 - Math.Pow(Beta2, t)));
            TensorPrimitives.Sqrt(v, scratch);
            TensorPrimitives.Divide(scratch, correction2Sqrt, scratch);
            TensorPrimitives.Add(scratch, epsilon, scratch);
            TensorPrimitives.Divide(m, scratch, scratch);
            TensorPrimitives.MultiplyAdd(scratch, -stepSize, theta, theta);
        }
        StepCount++;
    }

    /// <inheritdoc/>
    public override OptimizerState SaveState()
    {
        var buffers = new Dictionary<string, double[]>();
        for (int i = 0; i < _steps.Length; i++)
        {
            if (_steps[i] == 0)
                continue;
            buffers["exp_avg." + i] = WriteBuffer(_firstMoments[i]);
            buffers["exp_avg_sq." + i] = WriteBuffer(_secondMoments[i]);
            buffers["step." + i] = [_steps[i]];
        }
        var settings = new Dictionary<string, double>
        {
            ["beta1"] = Beta1,
            ["beta2"] = Beta2,
            ["epsilon"] = Epsilon,
            ["weightDecay"] = WeightDecay,
        };
        return CreateState(settings, buffers);
    }

    /// <inheritdoc/>
    public override void LoadState(OptimizerState state)
    {
        RestoreCommonState(state);
        SetSettings(
            ReadSetting(state, "beta1", Beta1),
            ReadSetting(state, "beta2", Beta2),
            ReadSetting(state, "epsilon", Epsilon),
            ReadSetting(state, "weightDecay", WeightDecay));
        for (int i = 0; i < _steps.Length; i++)
        {
            int length = Parameters[i].Length;
            var step = state.Buffers.TryGetValue("step." + i, out var saved) ? saved : null;
            if (step is null)
            {
                (_firstMoments[i], _secondMoments[i], _steps[i]) = (null, null, 0);
                continue;
            }
            if (step.Length != 1 || !(step[0] >= 1) || step[0] != Math.Floor(step[0]) || step[0] > int.MaxValue)
                throw new ArgumentException($"The state's buffer 'step.{i}' must hold one positive whole number.", nameof(state));
            _firstMoments[i] = ReadBuffer(state, "exp_avg." + i, length)
                ?? throw new ArgumentException($"The state has 'step.{i}' but no buffer 'exp_avg.{i}'.", nameof(state));
            _secondMoments[i] = ReadBuffer(state, "exp_avg_sq." + i, length)
                ?? throw new ArgumentException($"The state has 'step.{i}' but no buffer 'exp_avg_sq.{i}'.", nameof(state));
            _steps[i] = (int)step[0];
        }
    }

    private void SetSettings(double beta1, double beta2, double epsilon, double weightDecay)
    {
        Beta1 = OptimizerChecks.HalfOpenFraction(beta1, nameof(beta1));
        Beta2 = OptimizerChecks.HalfOpenFraction(beta2, nameof(beta2));
        Epsilon = OptimizerChecks.AtLeastZero(epsilon, nameof(epsilon));
        WeightDecay = OptimizerChecks.AtLeastZero(weightDecay, nameof(weightDecay));
    }
}
