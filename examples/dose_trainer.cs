#:project ../src/NeuroScope/NeuroScope.csproj
// The same dose-response net, trained the way PyTorch Lightning does it: a module that says what one training
// step is and which optimizer to use, a data loader, a learning-rate finder, and a trainer that runs the epochs.
//
// Run: dotnet run examples/dose_trainer.cs
using NeuroScope;
using NeuroScope.Data;
using NeuroScope.Optim;
using NeuroScope.Training;

// 300 samples: the three doses repeated, served one at a time in order (batch size 1, no shuffling).
float[] doses = [.. Enumerable.Range(0, 300).Select(i => new[] { 0f, 0.5f, 1f }[i % 3])];
float[] targets = [.. Enumerable.Range(0, 300).Select(i => new[] { 0f, 1f, 0f }[i % 3])];
var loader = new DataLoader<float>(new TensorDataset<float>(Tensor.FromArray(doses, 300), Tensor.FromArray(targets, 300)));

var net = new DoseNet();
Console.WriteLine($"Final bias, before training: {net.FinalBias.Item():0.0000}");

// The range test: 100 steps with the learning rate growing from 0.001 to 1, then the model is put back as it was.
// It suggests the rate where the (smoothed) loss falls fastest.
var finder = new LearningRateFinder<float>(minLearningRate: 0.001, maxLearningRate: 1.0, numTraining: 100,
    earlyStopThreshold: null).Find(net, loader);
net.LearningRate = finder.Suggested.LearningRate!.Value;
Console.WriteLine($"lr_find() suggests {net.LearningRate:F5} for the learning rate.");

// 34 epochs of 300 steps each; the trainer calls TrainingStep, Backward, Step and ZeroGrad for us.
var result = new Trainer<float>(maxEpochs: 34).Fit(net, loader);
Console.WriteLine($"Trained {result.Steps} steps.");
Console.WriteLine($"Final bias, after training: {net.FinalBias.Item():0.0000}");

/// <summary>The net as a Lightning module: fixed weights registered and frozen, one learnable final bias.</summary>
sealed class DoseNet : TrainingModule<float>
{
    private readonly Tensor<float> _w00, _b00, _w01, _w10, _b10, _w11;

    public DoseNet()
    {
        (_w00, _b00, _w01) = (Frozen("w00", 1.7f), Frozen("b00", -0.85f), Frozen("w01", -40.8f));
        (_w10, _b10, _w11) = (Frozen("w10", 12.6f), Frozen("b10", 0f), Frozen("w11", 2.7f));
        FinalBias = RegisterParameter("finalBias", Tensor.Scalar(0f));
    }

    public Tensor<float> FinalBias { get; }

    public double LearningRate { get; set; } = 0.01;

    public override Tensor<float> Forward(Tensor<float> dose) =>
        ((dose * _w00 + _b00).Relu() * _w01 + (dose * _w10 + _b10).Relu() * _w11 + FinalBias).Relu();

    // What one step minimizes: the squared error of the batch.
    public override Tensor<float> TrainingStep(Batch<float> batch, int batchIndex)
    {
        var difference = Forward(batch.Inputs) - batch.Targets;
        return (difference * difference).Sum();
    }

    // SGD skips the frozen parameters, so only the final bias moves.
    public override Optimizer<float> ConfigureOptimizer() => new Sgd<float>(Parameters(), LearningRate);

    private Tensor<float> Frozen(string name, float value)
    {
        var parameter = RegisterParameter(name, Tensor.Scalar(value));
        Freeze(name);
        return parameter;
    }
}
