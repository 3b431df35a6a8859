using NeuroScope.Experiments.Dose;

namespace NeuroScope.Experiments.Tests.Dose;

public sealed class DoseResponseTests
{
    [Fact]
    public void ExactMinimizer_DerivedByHand_OnlyTheMiddleDoseIsActive()
    {
        double minimizer = DoseMath.ExactMinimizer;

        Assert.Equal(-16.01, minimizer, 12);
        Assert.True(DoseMath.BranchSum(0) + minimizer <= 0);
        Assert.True(DoseMath.BranchSum(1) + minimizer <= 0);
        Assert.True(DoseMath.BranchSum(0.5) + minimizer > 0);
    }

    [Fact]
    public void Run_Float32_BothFinalBiasesWithinHundredthOfExactMinimizer()
    {
        var result = DoseResponse.Run(new DoseConfig());

        Assert.InRange(result.Plain!.FinalBias, DoseMath.ExactMinimizer - 0.01, DoseMath.ExactMinimizer + 0.01);
        Assert.InRange(result.Trainer!.FinalBias, DoseMath.ExactMinimizer - 0.01, DoseMath.ExactMinimizer + 0.01);
        Assert.Equal(DoseMath.ExactMinimizer, result.Minimum.Bias, 5);
        Assert.Equal(1, result.Minimum.ActiveDoses);
    }

    [Fact]
    public void Run_Float64_BothFinalBiasesWithinHundredthOfExactMinimizer()
    {
        var result = DoseResponse.Run(new DoseConfig { Dtype = "float64" });

        Assert.InRange(result.Plain!.FinalBias, DoseMath.ExactMinimizer - 0.01, DoseMath.ExactMinimizer + 0.01);
        Assert.InRange(result.Trainer!.FinalBias, DoseMath.ExactMinimizer - 0.01, DoseMath.ExactMinimizer + 0.01);
        Assert.Equal(DoseMath.ExactMinimizer, result.Minimum.Bias, 12);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void PlainLoop_StopsByTotalLossRule_BeforeStepping(string dtype)
    {
        // Near b* only the middle dose is active: total = e², e = b − b*, and one step with the accumulated gradient 2e gives
        // e ← e − 0.1·2e = 0.8e. From b = 0, e₀ = 16.01; the loop stops at the first epoch k with e_k² < 1e-4, before stepping.
        int expectedSteps = 0;
        for (double e = -DoseMath.ExactMinimizer; e * e >= 1e-4; e *= 0.8)
            expectedSteps++;

        var plain = DoseResponse.Run(new DoseConfig { Mode = "plain", Dtype = dtype }).Plain!;

        Assert.Equal(PlainStopReason.LossRule, plain.StopReason);
        Assert.Equal(expectedSteps, plain.Steps);
        Assert.Equal(expectedSteps + 1, plain.History.Count);
        Assert.True(plain.History[^1].Loss < 1e-4);
        Assert.True(plain.History[^2].Loss >= 1e-4);
        // The stopping epoch took no step: its bias is the previous epoch's.
        Assert.Equal(plain.History[^2].Bias, plain.History[^1].Bias);
        Assert.Equal(DoseMath.ExactMinimizer + -DoseMath.ExactMinimizer * Math.Pow(0.8, expectedSteps), plain.FinalBias, 3);
        Assert.Equal($"Num steps: {expectedSteps}", plain.Log[^2]);
    }

    [Fact]
    public void PlainLoop_FirstSteps_MatchHandDerivedUpdates()
    {
        // At b = 0: the gradient is 2(s(0.5) + 0 − 1) = 32.02 (relu'(0) = 0 for the other two doses), so b₁ = −3.202;
        // after that e ← 0.8e with e = b − b*.
        double e0 = -DoseMath.ExactMinimizer;

        var plain = DoseResponse.Run(new DoseConfig { Mode = "plain", Dtype = "float64", Epochs = 3, StopLoss = 0 }).Plain!;

        Assert.Equal(-0.1 * 2 * e0, plain.History[0].Bias, 10);
        Assert.Equal(e0 * e0, plain.History[0].Loss, 8);
        Assert.Equal(DoseMath.ExactMinimizer + 0.8 * 0.8 * e0, plain.History[1].Bias, 10);
        Assert.Equal(DoseMath.ExactMinimizer + 0.8 * 0.8 * 0.8 * e0, plain.History[2].Bias, 10);
        Assert.Equal("Final bias, before optimization: 0.0000", plain.Log[0]);
        Assert.Equal("Step: 0 Final Bias: -3.2020", plain.Log[1]);
    }

    [Fact]
    public void PlainLoop_RuleNeverMet_RunsToEpochCap()
    {
        // Five steps leave e = 16.01·0.8⁵ ≈ 5.2, far above the threshold.
        var plain = DoseResponse.Run(new DoseConfig { Mode = "plain", Epochs = 5 }).Plain!;

        Assert.Equal(PlainStopReason.EpochCap, plain.StopReason);
        Assert.Equal(5, plain.Steps);
        Assert.Equal(5, plain.History.Count);
    }

    [Fact]
    public void Trainer_Suggestion_IsOneOfTheLearningRatesTried()
    {
        var trainer = DoseResponse.Run(new DoseConfig { Mode = "trainer" }).Trainer!;

        var finder = trainer.Finder;
        Assert.Equal(100, finder.LearningRates.Count);
        Assert.Equal(100, finder.Losses.Count);
        Assert.Equal(0.001, finder.LearningRates[0], 12);
        Assert.Equal(1.0, finder.LearningRates[^1], 12);
        Assert.NotNull(finder.SuggestedIndex);
        Assert.Equal(finder.LearningRates[finder.SuggestedIndex!.Value], finder.SuggestedLearningRate);
        Assert.Contains(finder.SuggestedLearningRate!.Value, finder.LearningRates);
        Assert.Equal(finder.SuggestedLearningRate.Value, trainer.LearningRate);
        Assert.Equal(34, trainer.History.Count);
        Assert.Equal(34 * 300, trainer.Steps);
    }

    [Fact]
    public void Trainer_FitStartsFromTheBiasBeforeTheFinder()
    {
        // One epoch of per-sample SGD from b = 0, by hand: only x = 0.5 with s + b > 0 has a gradient, 2(s + b − 1).
        var config = new DoseConfig { Mode = "trainer", TrainerEpochs = 1, Dtype = "float64" };

        var trainer = DoseResponse.Run(config).Trainer!;

        Assert.Equal(0, trainer.BiasBeforeFinder);
        Assert.Equal(trainer.BiasBeforeFinder, trainer.BiasAfterFinder);
        Assert.Equal(trainer.BiasBeforeFinder, trainer.BiasAtFitStart);
        double b = 0, lr = trainer.LearningRate;
        double[] doses = [0, 0.5, 1], targets = [0, 1, 0];
        for (int i = 0; i < 300; i++)
        {
            double z = DoseMath.BranchSum(doses[i % 3]) + b;
            if (z > 0)
                b -= lr * 2 * (z - targets[i % 3]);
        }
        Assert.Equal(b, trainer.History[0].Bias, 9);
    }

    [Fact]
    public void Run_Float32Defaults_ReproduceTheReferenceRun()
    {
        // The numbers the same net prints in float32 PyTorch (plain loop) and PyTorch Lightning (trainer).
        var result = DoseResponse.Run(new DoseConfig());

        Assert.Equal(34, result.Plain!.Steps);
        Assert.Equal("-16.0019", result.Plain.FinalBias.ToString("F4", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("lr_find() suggests 0.00214 for the learning rate.", result.Trainer!.Log[0]);
        Assert.Equal("-16.0098", result.Trainer.FinalBias.ToString("F4", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Run_ConfigRoundTripsThroughJson_ReplaysToTheSameNumbers()
    {
        var config = new DoseConfig { LearningRate = 0.05, Epochs = 60, TrainerEpochs = 5 };
        var first = DoseResponse.Run(config);

        var replayed = DoseResponse.Run(ExperimentJson.Deserialize<DoseConfig>(ExperimentJson.Serialize(config), "config.json"));

        Assert.Equal(config, replayed.Config);
        Assert.Equal(first.Plain!.FinalBias, replayed.Plain!.FinalBias);
        Assert.Equal(first.Plain.History, replayed.Plain.History);
        Assert.Equal(first.Trainer!.FinalBias, replayed.Trainer!.FinalBias);
        Assert.Equal(first.Trainer.History, replayed.Trainer.History);
        Assert.Equal(first.Trainer.Finder.Losses, replayed.Trainer.Finder.Losses);
    }

    [Fact]
    public void Run_ReportsProgressPerEpochWithLossBiasAndLearningRate()
    {
        var reports = new List<ExperimentProgress>();
        var progress = new SyncProgress(reports.Add);

        var result = DoseResponse.Run(new DoseConfig { TrainerEpochs = 3 }, progress);

        var plainEpochs = reports.FindAll(r => r.Stage == "plain" && r.Metrics is not null);
        var trainerEpochs = reports.FindAll(r => r.Stage == "trainer" && r.Metrics is not null);
        Assert.Equal(result.Plain!.History.Count, plainEpochs.Count);
        Assert.Equal(3, trainerEpochs.Count);
        Assert.Equal(result.Trainer!.FinalBias, trainerEpochs[^1].Metrics!["bias"]);
        Assert.Equal(result.Trainer.LearningRate, trainerEpochs[^1].Metrics!["lr"]);
        Assert.Contains(reports, r => r.Message == result.Trainer.Log[0]);
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => DoseResponse.Run(new DoseConfig(), cancellationToken: cancel.Token));
    }

    [Fact]
    public void LossCurve_MatchesTheClosedFormAndIsLowestNearTheMinimizer()
    {
        var result = DoseResponse.Run(new DoseConfig { Mode = "plain", Dtype = "float64" });

        var curve = result.LossCurve;
        int lowest = 0;
        for (int k = 0; k < curve.Biases.Count; k++)
        {
            double b = curve.Biases[k];
            double expected = Math.Pow(Math.Max(b, 0), 2) + Math.Pow(Math.Max(DoseMath.BranchSum(0.5) + b, 0) - 1, 2) + Math.Pow(Math.Max(DoseMath.BranchSum(1) + b, 0), 2);
            Assert.Equal(expected, curve.Losses[k], 9);
            if (curve.Losses[k] < curve.Losses[lowest])
                lowest = k;
        }
        double spacing = curve.Biases[1] - curve.Biases[0];
        Assert.InRange(curve.Biases[lowest], DoseMath.ExactMinimizer - spacing, DoseMath.ExactMinimizer + spacing);
    }

    [Fact]
    public void ExactMinimum_TwoActiveDoses_IsTheMeanOfTheirGaps()
    {
        // s = (1, 2), y = (3, 5): for b > −1 both are active and L = (1 + b − 3)² + (2 + b − 5)², minimized at b = (2 + 3)/2.
        var minimum = DoseResponse.ExactMinimum([1, 2], [3, 5]);

        Assert.Equal(2.5, minimum.Bias, 12);
        Assert.Equal(0.5, minimum.Loss, 12);
        Assert.Equal(2, minimum.ActiveDoses);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void PlainLoop_CompiledEpochs_EqualTheDynamicEngineBitForBit(string dtype)
    {
        var config = new DoseConfig { Mode = "plain", Dtype = dtype };

        var plain = DoseResponse.Run(config).Plain!;
        var (losses, biases) = dtype == "float32" ? DynamicPlainLoop<float>(config) : DynamicPlainLoop<double>(config);

        Assert.Equal(losses, plain.History.Select(epoch => epoch.Loss).ToArray());
        Assert.Equal(biases, plain.History.Select(epoch => epoch.Bias).ToArray());
    }

    // The script's loop on the dynamic engine: per sample (out − target)² and Backward(), the gradients accumulating over
    // the epoch; the rule total < stopLoss is checked before stepping.
    private static (double[] Losses, double[] Biases) DynamicPlainLoop<T>(DoseConfig config)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var net = new DoseNet<T>(config.InitialBias);
        var optimizer = new NeuroScope.Optim.Sgd<T>(net.Parameters(), config.LearningRate);
        var losses = new List<double>();
        var biases = new List<double>();
        for (int epoch = 0; epoch < config.Epochs; epoch++)
        {
            double total = 0;
            for (int i = 0; i < DoseResponse.Doses.Count; i++)
            {
                var difference = net.Forward(Tensor.Scalar(T.CreateTruncating(DoseResponse.Doses[i]))) - Tensor.Scalar(T.CreateTruncating(DoseResponse.Targets[i]));
                var loss = difference * difference;
                loss.Backward();
                total += double.CreateTruncating(loss.Item());
            }
            losses.Add(total);
            if (total < config.StopLoss)
            {
                biases.Add(net.Bias);
                break;
            }
            optimizer.Step();
            optimizer.ZeroGrad();
            biases.Add(net.Bias);
        }
        return (losses.ToArray(), biases.ToArray());
    }

    private sealed class SyncProgress(Action<ExperimentProgress> handler) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => handler(value);
    }
}
