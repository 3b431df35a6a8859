using System.Numerics;
using System.Numerics.Tensors;

namespace NeuroScope.Optim;

/// <summary>
/// Stochastic gradient descent with PyTorch's <c>torch.optim.SGD</c> rules: g = ∇L + weightDecay·θ; with momentum
/// b = g on a parameter's first step, else b = momentum·b + (1 − dampening)·g; then g = g + momentum·b (Nesterov) or
/// g = b; finally θ ← θ − learningRate·g.
/// </summary>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[]?[] _momentumBuffers;

    /// <summary>Creates SGD over <paramref name="parameters"/>; Nesterov needs a positive momentum and zero dampening.</summary>
    public Sgd(IEnumerable<Tensor<T>> parameters, double learningRate, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false)
        : base(parameters, learningRate)
    {
        SetSettings(momentum, dampening, weightDecay, nesterov);
        _momentumBuffers = new T[]?[Parameters.Count];
    }

    /// <summary>The momentum factor (0 = none).</summary>
    public double Momentum { get; private set; }

    /// <summary>The dampening of the gradient added to the momentum buffer.</summary>
    public double Dampening { get; private set; }

    /// <summary>The L2 penalty coefficient added to the gradient as weightDecay·θ.</summary>
    public double WeightDecay { get; private set; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; private set; }

    /// <inheritdoc/>
    public override void Step()
    {
        // Hyperparameters become T once per step so that float parameters are updated in float arithmetic.
        T negativeLearningRate = T.CreateTruncating(-LearningRate);
        T momentum = T.CreateTruncating(Momentum);
        T gradientShare = T.CreateTruncating(1 - Dampening);
        T weightDecay = T.CreateTruncating(WeightDecay);
        for (int i = 0; i < Parameters.Count; i++)
        {
            ReadOnlySpan<T> gradient = GradientOf(i);
            if (gradient.IsEmpty)
                continue;
            Span<T> theta = Parameters[i].AsSpan();
            if (WeightDecay != 0)
            {
                var decayed = Scratch(theta.Length);
                TensorPrimitives.MultiplyAdd(theta, weightDecay, gradient, decayed);
                gradient = decayed;
            }
            if (Momentum != 0)
            {
                var buffer = _momentumBuffers[i];
                if (buffer is null)
                {
                    buffer = _momentumBuffers[i] = gradient.ToArray();
                }
                else if (Dampening == 0)
                {
                    TensorPrimitives.MultiplyAdd(buffer, momentum, gradient, buffer);
                }
                else
                {
                    TensorPrimitives.Multiply(buffer, momentum, buffer);
                    TensorPrimitives.MultiplyAdd(gradient, gradientShare, buffer, buffer);
                }
                if (Nesterov)
                {
                    var lookahead = Scratch(theta.Length);
                    TensorPrimitives.MultiplyAdd(buffer, momentum, gradient, lookahead);
                    gradient = lookahead;
                }
                else
                {
                    gradient = buffer;
                }
            }
            TensorPrimitives.MultiplyAdd(gradient, negativeLearningRate, theta, theta);
        }
        StepCount++;
    }

    /// <inheritdoc/>
    public override OptimizerState SaveState()
    {
        var buffers = new Dictionary<string, double[]>();
        for (int i = 0; i < _momentumBuffers.Length; i++)
            if (_momentumBuffers[i] is { } buffer)
                buffers["momentum." + i] = WriteBuffer(buffer);
        var settings = new Dictionary<string, double>
        {
            ["momentum"] = Momentum,
            ["dampening"] = Dampening,
            ["weightDecay"] = WeightDecay,
            ["nesterov"] = Nesterov ? 1 : 0,
        };
        return CreateState(settings, buffers);
    }

    /// <inheritdoc/>
    public override void LoadState(OptimizerState state)
    {
        RestoreCommonState(state);
        SetSettings(
            ReadSetting(state, "momentum", Momentum),
            ReadSetting(state, "dampening", Dampening),
            ReadSetting(state, "weightDecay", WeightDecay),
            ReadSetting(state, "nesterov", Nesterov ? 1 : 0) != 0);
        for (int i = 0; i < _momentumBuffers.Length; i++)
            _momentumBuffers[i] = ReadBuffer(state, "momentum." + i, Parameters[i].Length);
    }

    private void SetSettings(double momentum, double dampening, double weightDecay, bool nesterov)
    {
        OptimizerChecks.AtLeastZero(momentum, nameof(momentum));
        OptimizerChecks.Fraction(dampening, nameof(dampening));
        OptimizerChecks.AtLeastZero(weightDecay, nameof(weightDecay));
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException(
                $"nesterov = true needs momentum > 0 and dampening = 0, but momentum = {momentum} and dampening = {dampening}.", nameof(nesterov));
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
    }
}
