using System.Globalization;
using NeuroScope.Data;
using NeuroScope.Optim;
using NeuroScope.Training;

namespace NeuroScope.Tests.Training;

public class TrainerTests
{
    private static List<Batch<double>> TwoBatches() =>
    [
        new(Tensor.FromArray([1.0, 2.0]), Tensor.FromArray([2.0, 4.0])),
        new(Tensor.FromArray([3.0]), Tensor.FromArray([6.0])),
    ];

    [Fact]
    public void Fit_PlainSgd_MatchesHandDerivedUpdatesAndEpochMeans()
    {
        // loss(w) = mean((w·x − y)²), dloss/dw = mean(2·(w·x − y)·x); SGD: w ← w − lr·dloss/dw, gradients cleared each step.
        var batches = TwoBatches();
        var module = new LineModule(initialWeight: 0, learningRate: 0.1);
        var trainer = new Trainer<double>(maxEpochs: 2);
        double w = 0;
        var expectedEpochLoss = new double[2];
        for (int epoch = 0; epoch < 2; epoch++)
        {
            // Batch A: x = [1, 2], y = [2, 4]; batch B: x = [3], y = [6].
            double lossA = ((w - 2) * (w - 2) + (2 * w - 4) * (2 * w - 4)) / 2;
            w -= 0.1 * (2 * (w - 2) * 1 + 2 * (2 * w - 4) * 2) / 2;
            double lossB = (3 * w - 6) * (3 * w - 6);
            w -= 0.1 * 2 * (3 * w - 6) * 3;
            expectedEpochLoss[epoch] = (lossA + lossB) / 2;
        }

        var result = trainer.Fit(module, batches);

        Assert.Equal(9.5, expectedEpochLoss[0], 12); // (10 + 9) / 2, worked by hand: w goes 0 → 1 → 2.8
        Assert.Equal(1.68, w, 12);                    // epoch 1: w goes 2.8 → 2.4 → 1.68
        Assert.Equal(w, module.Weight.Item(), 12);
        Assert.Equal(TrainingStopReason.MaxEpochs, result.StopReason);
        Assert.Equal(2, result.EpochsRun);
        Assert.Equal(4, result.Steps);
        Assert.Equal([0, 1], result.History.Select(h => h.Epoch));
        Assert.Equal([2L, 4L], result.History.Select(h => h.Step));
        Assert.Equal(expectedEpochLoss[0], result.History[0].Loss, 12);
        Assert.Equal(expectedEpochLoss[1], result.History[1].Loss, 12);
        Assert.Equal(4, module.Optimizer!.StepCount);
    }

    [Fact]
    public void Fit_LoggedMetric_IsTheMeanOfItsEpochValues()
    {
        // Batch b of epoch e logs 10e + b; with 3 batches the epoch mean is 10e + 1. The epoch-end hook logs once.
        var module = new ScriptedLossModule((_, _, _) => 1.0, (m, epoch, batch) => m.Log("score", 10.0 * epoch + batch));
        var trainer = new Trainer<double>(maxEpochs: 2);

        var result = trainer.Fit(module, TrainingData.Numbered(3));

        Assert.Equal(["loss", "score"], result.History[0].Values.Keys);
        Assert.Equal(1.0, result.History[0]["score"]);
        Assert.Equal(11.0, result.History[1]["score"]);
    }

    [Fact]
    public void Fit_EarlyStopping_StopsAfterPatienceEpochsWithoutImprovement()
    {
        // Best 3 at epoch 2; epochs 3, 4 and 5 do not beat it, so with patience 3 the fit stops after epoch 5.
        double[] epochLoss = [5, 4, 3, 3.5, 3.2, 3.1, 1, 1];
        var module = new ScriptedLossModule((epoch, _, _) => epochLoss[epoch]);
        var stopping = new EarlyStopping(patience: 3);
        var trainer = new Trainer<double>(maxEpochs: 8, callbacks: [stopping]);

        var result = trainer.Fit(module, TrainingData.Numbered(2));

        Assert.Equal(TrainingStopReason.EarlyStopped, result.StopReason);
        Assert.Equal(6, result.EpochsRun);
        Assert.Equal(5, stopping.StoppedEpoch);
        Assert.Equal(2, stopping.BestEpoch);
        Assert.Equal(3.0, stopping.BestScore);
        Assert.Contains("'loss' did not improve", result.Message);
        Assert.Equal(12, module.Calls);
    }

    [Fact]
    public void Fit_EarlyStoppingWithMinDelta_CountsOnlyImprovementsLargerThanIt()
    {
        // minDelta 0.5: 4.6 is not below 5 − 0.5 (wait 1), 4.4 is (best 4.4), 4.0 and 3.95 are not below 3.9: stop at epoch 4.
        double[] epochLoss = [5, 4.6, 4.4, 4.0, 3.95, 1, 1];
        var module = new ScriptedLossModule((epoch, _, _) => epochLoss[epoch]);
        var stopping = new EarlyStopping(patience: 2, minDelta: 0.5);
        var trainer = new Trainer<double>(maxEpochs: 7, callbacks: [stopping]);

        var result = trainer.Fit(module, TrainingData.Numbered(1));

        Assert.Equal(TrainingStopReason.EarlyStopped, result.StopReason);
        Assert.Equal(5, result.EpochsRun);
        Assert.Equal(2, stopping.BestEpoch);
    }

    [Fact]
    public void Fit_EarlyStoppingInMaxMode_WatchesALoggedMetric()
    {
        // Accuracy rises for three epochs, then falls: with patience 1 the fit stops after epoch 3.
        double[] accuracy = [0.5, 0.6, 0.7, 0.65, 0.9];
        var module = new ScriptedLossModule((_, _, _) => 1.0, (m, epoch, _) => m.Log("accuracy", accuracy[epoch]));
        var stopping = new EarlyStopping(monitor: "accuracy", patience: 1, mode: EarlyStoppingMode.Max);
        var trainer = new Trainer<double>(maxEpochs: 5, callbacks: [stopping]);

        var result = trainer.Fit(module, TrainingData.Numbered(2));

        Assert.Equal(TrainingStopReason.EarlyStopped, result.StopReason);
        Assert.Equal(4, result.EpochsRun);
        Assert.Equal(0.7, stopping.BestScore);
    }

    [Fact]
    public void Fit_EarlyStoppingOnNonFiniteMetric_StopsAtOnce()
    {
        var module = new ScriptedLossModule((_, _, _) => 1.0, (m, epoch, _) => m.Log("score", epoch == 1 ? double.NaN : 1.0));
        var trainer = new Trainer<double>(maxEpochs: 5, callbacks: [new EarlyStopping(monitor: "score", patience: 10)]);

        var result = trainer.Fit(module, TrainingData.Numbered(1));

        Assert.Equal(TrainingStopReason.EarlyStopped, result.StopReason);
        Assert.Equal(2, result.EpochsRun);
        Assert.Contains("NaN", result.Message);
    }

    [Fact]
    public void Fit_EarlyStoppingOnMissingMetric_NamesTheMetricsThatExist()
    {
        var module = new ScriptedLossModule((_, _, _) => 1.0, (m, _, _) => m.Log("accuracy", 0.5));
        var trainer = new Trainer<double>(maxEpochs: 2, callbacks: [new EarlyStopping(monitor: "val_loss")]);

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(module, TrainingData.Numbered(1)));

        Assert.Contains("'val_loss'", error.Message);
        Assert.Contains("loss, accuracy", error.Message);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void Fit_NonFiniteLoss_StopsAsDivergedWithTheStepIndex(double badLoss, string shown)
    {
        // Three batches per epoch; batch 1 of epoch 1 is global step 3 + 1 = 4.
        var module = new ScriptedLossModule((epoch, batch, _) => epoch == 1 && batch == 1 ? badLoss : 2.0);
        var recorder = new EpochRecorder();
        var trainer = new Trainer<double>(maxEpochs: 3, callbacks: [recorder]);

        var result = trainer.Fit(module, TrainingData.Numbered(3));

        Assert.Equal(TrainingStopReason.Diverged, result.StopReason);
        Assert.Equal(4, result.DivergedAtStep);
        Assert.Equal(4, result.Steps);
        Assert.Equal(4, module.Optimizer!.StepCount);
        Assert.Equal(1, result.EpochsRun);
        Assert.Contains(shown, result.Message);
        Assert.Contains("step 4", result.Message);
        Assert.True(double.IsFinite(module.Weight.Item()));
        Assert.Equal(0, Assert.Single(recorder.Epochs).Epoch);
    }

    [Fact]
    public void Fit_CancelledFromProgressMidEpoch_KeepsWholeLinesAndAUsableModel()
    {
        // Four batches per epoch; cancelling after batch 2 of epoch 1 lets that step finish, then stops before batch 3.
        using var cancellation = new CancellationTokenSource();
        var module = new LineModule(initialWeight: 0, learningRate: 0.01);
        var progress = new SyncProgress<TrainingProgress>(p =>
        {
            if (p.Epoch == 1 && p.BatchesDone == 2 && !p.EpochCompleted)
                cancellation.Cancel();
        });
        var batches = TrainingData.Numbered(4);
        var recorder = new EpochRecorder();
        var trainer = new Trainer<double>(maxEpochs: 5, callbacks: [recorder], progress: progress);

        var result = trainer.Fit(module, batches, cancellation.Token);

        Assert.Equal(TrainingStopReason.Cancelled, result.StopReason);
        Assert.Equal(1, result.EpochsRun);
        Assert.Single(result.History);
        Assert.Equal(6, result.Steps);
        Assert.Equal(6, module.Optimizer!.StepCount);
        Assert.Equal(6, module.WeightsSeen.Count);
        var recorded = Assert.Single(recorder.Epochs);
        Assert.Equal((0, 4L, result.History[0].Loss), (recorded.Epoch, recorded.Step, recorded.Loss));
        Assert.True(double.IsFinite(module.Weight.Item()));
        var resumed = new Trainer<double>(maxEpochs: 1).Fit(module, batches);
        Assert.Equal(TrainingStopReason.MaxEpochs, resumed.StopReason);
        Assert.Equal(10, module.Optimizer.StepCount);
    }

    [Fact]
    public void Fit_CancelledAtEpochEndReport_KeepsThatEpochAndStartsNoOther()
    {
        using var cancellation = new CancellationTokenSource();
        var module = new ScriptedLossModule((_, _, _) => 1.0);
        var progress = new SyncProgress<TrainingProgress>(p =>
        {
            if (p.EpochCompleted && p.Epoch == 1)
                cancellation.Cancel();
        });
        var trainer = new Trainer<double>(maxEpochs: 5, progress: progress);

        var result = trainer.Fit(module, TrainingData.Numbered(3), cancellation.Token);

        Assert.Equal(TrainingStopReason.Cancelled, result.StopReason);
        Assert.Equal(2, result.EpochsRun);
        Assert.Equal(6, module.Calls);
        Assert.Contains("before epoch 2", result.Message);
    }

    [Fact]
    public void Fit_Progress_ReportsEveryBatchAndEachCompletedEpoch()
    {
        var reports = new List<TrainingProgress>();
        var module = new ScriptedLossModule((_, batch, _) => batch + 1.0);
        var trainer = new Trainer<double>(maxEpochs: 2, progress: new SyncProgress<TrainingProgress>(reports.Add));

        trainer.Fit(module, TrainingData.Numbered(2));

        // Per epoch: batch 1 (running mean 1), batch 2 (mean of 1 and 2), then the completed epoch (1.5).
        Assert.Equal(6, reports.Count);
        Assert.Equal(new TrainingProgress(0, 2, 1, 1, 1.0, false), reports[0]);
        Assert.Equal(new TrainingProgress(0, 2, 2, 2, 1.5, false), reports[1]);
        Assert.Equal(new TrainingProgress(0, 2, 2, 2, 1.5, true), reports[2]);
        Assert.Equal(new TrainingProgress(1, 2, 2, 4, 1.5, true), reports[5]);
    }

    [Fact]
    public void Fit_NonScalarLoss_ThrowsNamingTheShape()
    {
        var module = new VectorLossModule();
        var trainer = new Trainer<double>(maxEpochs: 1);

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(module, TrainingData.Numbered(1)));

        Assert.Contains("[2]", error.Message);
        Assert.Contains("scalar loss", error.Message);
    }

    [Fact]
    public void Fit_EmptyLoader_ThrowsNamingTheLoader()
    {
        var trainer = new Trainer<double>(maxEpochs: 1);

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(new ScriptedLossModule((_, _, _) => 1.0), []));

        Assert.Equal("loader", error.ParamName);
    }

    [Fact]
    public void Constructor_ZeroEpochs_ThrowsNamingMaxEpochs()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<double>(maxEpochs: 0));

        Assert.Equal("maxEpochs", error.ParamName);
        Assert.Contains("at least 1", error.Message);
    }

    [Theory]
    [InlineData("loss")]
    [InlineData("step")]
    [InlineData("a,b")]
    [InlineData("")]
    public void Log_ReservedOrUnwritableName_Throws(string name)
    {
        var module = new ScriptedLossModule((_, _, _) => 1.0);

        var error = Assert.Throws<ArgumentException>(() => module.Log(name, 1.0));

        Assert.Equal("name", error.ParamName);
    }

    private sealed class VectorLossModule : TrainingModule<double>
    {
        private readonly Tensor<double> _weight;

        public VectorLossModule() => _weight = RegisterParameter("weight", Tensor.Ones<double>(2));

        public override Tensor<double> Forward(Tensor<double> input) => input * _weight;

        public override Tensor<double> TrainingStep(Batch<double> batch, int batchIndex) => _weight * 2.0;

        public override Optimizer<double> ConfigureOptimizer() => new TestSgd(Parameters(), 0.1);
    }
}
