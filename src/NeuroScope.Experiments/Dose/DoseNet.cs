using System.Numerics;
using NeuroScope.Data;
using NeuroScope.Nn;
using NeuroScope.Optim;
using NeuroScope.Training;

namespace NeuroScope.Experiments.Dose;

/// <summary>
/// The dose-response net: two ReLU branches with frozen weights, summed, plus a learnable final bias, through a final ReLU:
/// out = relu((relu(x·w00 + b00)·w01 + relu(x·w10 + b10)·w11) + finalBias), with w00 = 1.7, b00 = −0.85, w01 = −40.8,
/// w10 = 12.6, b10 = 0, w11 = 2.7. Its training step is the squared error (out − target)² of the batch, summed.
/// </summary>
public sealed class DoseNet<T> : TrainingModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The weight from the dose into the top branch.</summary>
    public const double W00 = 1.7;

    /// <summary>The bias of the top branch.</summary>
    public const double B00 = -0.85;

    /// <summary>The weight of the top branch's ReLU output in the sum.</summary>
    public const double W01 = -40.8;

    /// <summary>The weight from the dose into the bottom branch.</summary>
    public const double W10 = 12.6;

    /// <summary>The bias of the bottom branch.</summary>
    public const double B10 = 0;

    /// <summary>The weight of the bottom branch's ReLU output in the sum.</summary>
    public const double W11 = 2.7;

    /// <summary>The names of the frozen parameters, in registration order.</summary>
    public static IReadOnlyList<string> FrozenNames { get; } = ["w00", "b00", "w01", "w10", "b10", "w11"];

    private readonly Tensor<T> _w00, _b00, _w01, _w10, _b10, _w11;

    /// <summary>Creates the net with the fixed weights frozen and finalBias = <paramref name="finalBias"/>, learnable.</summary>
    /// <param name="finalBias">The starting value of the final bias (0 in the reference).</param>
    /// <param name="learningRate">The learning rate of the optimizer that <see cref="ConfigureOptimizer"/> creates, positive.</param>
    public DoseNet(double finalBias = 0, double learningRate = 0.01)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learningRate must be a positive, finite number.");
        _w00 = RegisterParameter("w00", Scalar(W00));
        _b00 = RegisterParameter("b00", Scalar(B00));
        _w01 = RegisterParameter("w01", Scalar(W01));
        _w10 = RegisterParameter("w10", Scalar(W10));
        _b10 = RegisterParameter("b10", Scalar(B10));
        _w11 = RegisterParameter("w11", Scalar(W11));
        FinalBias = RegisterParameter("finalBias", Scalar(finalBias));
        foreach (var name in FrozenNames)
            Freeze(name);
        LearningRate = learningRate;
    }

    /// <summary>The learnable final bias, a scalar tensor.</summary>
    public Tensor<T> FinalBias { get; }

    /// <summary>The final bias's value, read or written in place (outside the graph).</summary>
    public double Bias
    {
        get => double.CreateTruncating(FinalBias.Item());
        set => FinalBias.AsSpan()[0] = T.CreateTruncating(value);
    }

    /// <summary>The learning rate <see cref="ConfigureOptimizer"/> gives the optimizer (Lightning's <c>self.learning_rate</c>, which the finder's suggestion replaces).</summary>
    public double LearningRate
    {
        get;
        set => field = value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate must be a positive, finite number.");
    }

    /// <summary>The optimizer the last <see cref="ConfigureOptimizer"/> call created, or null before the first.</summary>
    public Optimizer<T>? Optimizer { get; private set; }

    /// <summary>The sum of the two branches before the final bias, s(x) = relu(x·w00 + b00)·w01 + relu(x·w10 + b10)·w11, element-wise.</summary>
    public Tensor<T> BranchSum(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var top = (input * _w00 + _b00).Relu() * _w01;
        var bottom = (input * _w10 + _b10).Relu() * _w11;
        return top + bottom;
    }

    /// <summary>The effectiveness of each dose, relu(s(x) + finalBias), element-wise over any shape.</summary>
    public override Tensor<T> Forward(Tensor<T> input) => (BranchSum(input) + FinalBias).Relu();

    /// <summary>The batch's squared error Σ (out − target)²; with batch size 1 this is the reference's (out − target)².</summary>
    public override Tensor<T> TrainingStep(Batch<T> batch, int batchIndex)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // d·d rather than a power: the product's gradient, 2d, is what PyTorch's (out − target)**2 gives, bit for bit.
        var difference = Forward(batch.Inputs) - batch.Targets;
        return (difference * difference).Sum();
    }

    /// <summary>SGD over the parameters at <see cref="LearningRate"/>; the frozen ones are skipped by the optimizer.</summary>
    public override Optimizer<T> ConfigureOptimizer()
    {
        Optimizer = new Sgd<T>(Parameters(), LearningRate);
        return Optimizer;
    }

    /// <summary>Logs the bias and the learning rate at the end of each epoch, so the trainer's metrics carry them.</summary>
    public override void OnTrainEpochEnd(int epoch)
    {
        Log("bias", Bias);
        Log("lr", Optimizer?.LearningRate ?? LearningRate);
    }

    private static Tensor<T> Scalar(double value) => Tensor.Scalar(T.CreateTruncating(value));
}
