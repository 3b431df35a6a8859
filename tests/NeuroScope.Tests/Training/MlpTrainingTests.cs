using NeuroScope.Data;
using NeuroScope.Nn;
using NeuroScope.Optim;
using NeuroScope.Training;

namespace NeuroScope.Tests.Training;

public class MlpTrainingTests
{
    /// <summary>An MLP regressor as a Lightning module: MSE training step, Adam optimizer.</summary>
    private sealed class SineRegressor : TrainingModule<double>
    {
        private readonly Mlp<double> _mlp;
        private readonly double _learningRate;

        public SineRegressor(int seed, double learningRate)
        {
            _mlp = RegisterModule("mlp", new Mlp<double>(1, [64, 64], 1, Activation.Tanh, new Random(seed)));
            _learningRate = learningRate;
        }

        public override Tensor<double> Forward(Tensor<double> input) => _mlp.Forward(input);

        public override Tensor<double> TrainingStep(Batch<double> batch, int batchIndex) =>
            Losses.Mse(Forward(batch.Inputs), batch.Targets);

        public override Optimizer<double> ConfigureOptimizer() => new Adam<double>(Parameters(), _learningRate);
    }

    private static (Tensor<double> X, Tensor<double> Y) SineData()
    {
        var x = Tensor.Linspace(-Math.PI, Math.PI, 128).Reshape(-1, 1);
        return (x, x.Sin());
    }

    [Fact]
    public void Mlp_1_64_64_1_ThroughTrainer_LearnsSineToMseBelow1e3()
    {
        var (x, y) = SineData();
        var loader = new DataLoader<double>(new TensorDataset<double>(x, y), batchSize: 32, shuffle: true, seed: 0);
        var model = new SineRegressor(seed: 0, learningRate: 0.01);

        var result = new Trainer<double>(maxEpochs: 300).Fit(model, loader);
        double mse;
        using (Autograd.NoGrad())
            mse = Losses.Mse(model.Forward(x), y).Item();

        Assert.Equal(TrainingStopReason.MaxEpochs, result.StopReason);
        Assert.True(mse < 1e-3, $"MSE on the whole interval is {mse}, expected below 1e-3.");
    }

    [Fact]
    public void Mlp_CancelledMidTraining_KeepsFinishedEpochsAndAUsableModel()
    {
        var (x, y) = SineData();
        var loader = new DataLoader<double>(new TensorDataset<double>(x, y), batchSize: 16);
        var model = new SineRegressor(seed: 1, learningRate: 0.01);
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Epoch == 3 && p.BatchesDone == 4)
                cancel.Cancel();
        });

        var recorder = new EpochRecorder();
        var result = new Trainer<double>(maxEpochs: 50, [recorder], progress).Fit(model, loader, cancel.Token);
        var prediction = model.Forward(x);

        Assert.Equal(TrainingStopReason.Cancelled, result.StopReason);
        Assert.Equal(3, result.EpochsRun);
        Assert.Equal([0, 1, 2], recorder.Epochs.Select(e => e.Epoch));
        Assert.All(prediction.ToArray(), v => Assert.True(double.IsFinite(v)));
    }

    private sealed class SyncProgress(Action<TrainingProgress> handler) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => handler(value);
    }
}
