using NeuroScope.Training;

namespace NeuroScope.Tests.Training;

public class LearningRateFinderTests
{
    private const double Beta = 0.98;

    [Fact]
    public void LearningRateAt_EndpointsAndSteps_FollowLightningsExponentialSchedule()
    {
        const double min = 1e-6, max = 10;
        const int n = 50;
        double ratio = Math.Pow(max / min, 1.0 / n); // one step of the geometric grid

        double first = LearningRateFinder<double>.LearningRateAt(0, min, max, n);
        double second = LearningRateFinder<double>.LearningRateAt(1, min, max, n);
        double last = LearningRateFinder<double>.LearningRateAt(n - 1, min, max, n);

        Assert.Equal(min, first);
        // Lightning's off-by-one: step 1 already uses exponent 2/n, so it is two grid steps above step 0.
        Assert.Equal(min * ratio * ratio, second, min * 1e-12);
        for (int k = 1; k < n - 1; k++)
        {
            double here = LearningRateFinder<double>.LearningRateAt(k, min, max, n);
            double next = LearningRateFinder<double>.LearningRateAt(k + 1, min, max, n);
            Assert.Equal(ratio, next / here, 1e-12);
            Assert.Equal(min * Math.Pow(max / min, (k + 1.0) / n), here, here * 1e-14);
        }
        Assert.Equal(max, last, max * 1e-14);
    }

    [Fact]
    public void Find_SetsTheScheduledLearningRateBeforeEveryStep()
    {
        var module = new LineModule(initialWeight: 0.5, learningRate: 0.05);
        var finder = new LearningRateFinder<double>(minLearningRate: 1e-5, maxLearningRate: 1e-1, numTraining: 20, earlyStopThreshold: null);

        var result = finder.Find(module, TrainingData.Numbered(4));

        var expected = Enumerable.Range(0, 20).Select(k => LearningRateFinder<double>.LearningRateAt(k, 1e-5, 1e-1, 20)).ToArray();
        Assert.Equal(LearningRateFinderStopReason.Completed, result.StopReason);
        Assert.Equal(20, result.StepsRun);
        Assert.Equal(expected, result.LearningRates);
        Assert.Equal(expected, module.Optimizer!.LearningRatesSeen);
    }

    [Fact]
    public void Find_SmoothedLosses_MatchHandComputedSequence()
    {
        // avg_k = β·avg_(k−1) + (1 − β)·loss_k; Lightning divides by 1 − β^(s + 1) with s = k + 1 the global step after step k.
        double[] raw = [3, 1, 4, 1, 5, 9, 2, 6];
        var module = new ScriptedLossModule((_, _, call) => raw[call]);
        var finder = new LearningRateFinder<double>(numTraining: raw.Length, earlyStopThreshold: null);
        var expected = new double[raw.Length];
        double average = 0;
        for (int k = 0; k < raw.Length; k++)
        {
            average = Beta * average + (1 - Beta) * raw[k];
            expected[k] = average / (1 - Math.Pow(Beta, k + 2));
        }

        var result = finder.Find(module, TrainingData.Numbered(3));

        Assert.Equal(0.06 / 0.0396, result.Losses[0], 12);                             // 0.02·3 / (1 − 0.98²)
        Assert.Equal((0.98 * 0.06 + 0.02 * 1) / (1 - 0.98 * 0.98 * 0.98), result.Losses[1], 12);
        Assert.Equal(expected.Length, result.Losses.Count);
        for (int k = 0; k < expected.Length; k++)
            Assert.Equal(expected[k], result.Losses[k], 12);
    }

    [Fact]
    public void Find_LossThatBlowsUp_StopsAtTheFirstStepAboveFourTimesTheBest()
    {
        // Loss 1 for steps 0–5, then 1000. While the loss is constant the smoothed value rises from
        // 0.02/(1 − 0.98²) ≈ 0.505 (the best) towards 1, below 4·0.505; step 6 jumps to ≈ 135 and stops the run.
        var module = new ScriptedLossModule((_, _, call) => call < 6 ? 1.0 : 1000.0);
        var finder = new LearningRateFinder<double>(numTraining: 50);

        var result = finder.Find(module, TrainingData.Numbered(5));

        double best = 0.02 / (1 - Beta * Beta);
        Assert.Equal(LearningRateFinderStopReason.Diverged, result.StopReason);
        Assert.Equal(7, result.StepsRun);
        Assert.Equal(7, result.Losses.Count);
        Assert.Equal(7, result.LearningRates.Count);
        Assert.Equal(best, result.Losses.Min(), 14);
        Assert.All(result.Losses.Take(6), loss => Assert.True(loss <= 4 * best));
        Assert.True(result.Losses[6] > 4 * best);
        Assert.Contains("step 6", result.StopMessage);
        Assert.Equal(7, module.Calls);
    }

    [Fact]
    public void Find_WithoutThreshold_RunsThroughTheBlowUp()
    {
        var module = new ScriptedLossModule((_, _, call) => call < 6 ? 1.0 : 1000.0);
        var finder = new LearningRateFinder<double>(numTraining: 12, earlyStopThreshold: null);

        var result = finder.Find(module, TrainingData.Numbered(5));

        Assert.Equal(LearningRateFinderStopReason.Completed, result.StopReason);
        Assert.Equal(12, result.StepsRun);
    }

    [Fact]
    public void Find_NaNLoss_StopsAtThatStepAndSaysWhy()
    {
        var module = new ScriptedLossModule((_, _, call) => call == 3 ? double.NaN : 1.0);
        var finder = new LearningRateFinder<double>(numTraining: 20, earlyStopThreshold: null);

        var result = finder.Find(module, TrainingData.Numbered(5));

        Assert.Equal(LearningRateFinderStopReason.NonFiniteLoss, result.StopReason);
        Assert.Equal(4, result.StepsRun);
        Assert.True(double.IsNaN(result.Losses[3]));
        Assert.Contains("step 3", result.StopMessage);
        Assert.Contains("NaN", result.StopMessage);
    }

    [Fact]
    public void Find_RestoresParameterValuesAndOptimizerState()
    {
        // Three ordinary momentum steps first, so the optimizer has a step count and non-zero buffers to restore.
        var batches = TrainingData.Numbered(4);
        var module = new LineModule(initialWeight: 0.5, learningRate: 0.05, momentum: 0.9);
        var optimizer = (TestSgd)module.ConfigureOptimizer();
        for (int i = 1; i <= 3; i++)
        {
            optimizer.ZeroGrad();
            module.TrainingStep(batches[i], i).Backward();
            optimizer.Step();
        }
        double weightBefore = module.Weight.Item();
        var stateBefore = optimizer.SaveState();
        module.WeightsSeen.Clear();
        var finder = new LearningRateFinder<double>(minLearningRate: 1e-4, maxLearningRate: 0.5, numTraining: 30, earlyStopThreshold: null);

        var result = finder.Find(module, batches, optimizer);

        var stateAfter = optimizer.SaveState();
        Assert.Equal(30, result.StepsRun);
        Assert.Contains(module.WeightsSeen, w => Math.Abs(w - weightBefore) > 1e-3); // the run really moved the weight
        Assert.Equal(weightBefore, module.Weight.Item());
        Assert.Equal(0.05, optimizer.LearningRate);
        Assert.Equal(stateBefore.StepCount, stateAfter.StepCount);
        Assert.Equal(stateBefore.Buffers["momentum.0"], stateAfter.Buffers["momentum.0"]);
        Assert.NotEqual(0.0, stateAfter.Buffers["momentum.0"][0]);
        Assert.Equal(0.0, module.Weight.Grad!.Item());
    }

    [Fact]
    public void Find_CancelledMidRun_StopsBetweenStepsAndRestores()
    {
        using var cancellation = new CancellationTokenSource();
        var module = new LineModule(initialWeight: 0.5, learningRate: 0.05);
        var batches = TrainingData.Numbered(3);
        var finder = new LearningRateFinder<double>(minLearningRate: 1e-3, maxLearningRate: 1, numTraining: 40, earlyStopThreshold: null);
        int steps = 0;
        var cancellingBatches = batches.Select(b =>
        {
            if (++steps == 5)
                cancellation.Cancel();
            return b;
        });

        var result = finder.Find(module, cancellingBatches, cancellationToken: cancellation.Token);

        Assert.Equal(LearningRateFinderStopReason.Cancelled, result.StopReason);
        Assert.Equal(5, result.StepsRun);
        Assert.Equal(0.5, module.Weight.Item());
        Assert.Equal(0.05, module.Optimizer!.LearningRate);
    }

    [Fact]
    public void Find_LoaderShorterThanTheRun_IsEnumeratedAgain()
    {
        var module = new ScriptedLossModule((_, _, _) => 1.0);
        var finder = new LearningRateFinder<double>(numTraining: 8, earlyStopThreshold: null);

        finder.Find(module, TrainingData.Numbered(3));

        Assert.Equal([0, 1, 2, 0, 1, 2, 0, 1], module.BatchIndices);
        Assert.Equal([0.0, 1, 2, 0, 1, 2, 0, 1], module.BatchInputs);
    }

    [Fact]
    public void Find_EmptyLoader_ThrowsNamingTheLoaderAndRestores()
    {
        var module = new LineModule(initialWeight: 0.5, learningRate: 0.05);
        var finder = new LearningRateFinder<double>();

        var error = Assert.Throws<ArgumentException>(() => finder.Find(module, []));

        Assert.Equal("loader", error.ParamName);
        Assert.Equal(0.05, module.Optimizer!.LearningRate);
    }

    [Fact]
    public void Find_DefaultSuggestion_UsesTheConfiguredRule()
    {
        var module = new LineModule(initialWeight: 0, learningRate: 0.05);
        var finder = new LearningRateFinder<double>(minLearningRate: 1e-4, maxLearningRate: 0.1, numTraining: 40,
            earlyStopThreshold: null, rule: SuggestionRule.Valley);

        var result = finder.Find(module, TrainingData.Numbered(4));

        Assert.Equal(SuggestionRule.Valley, result.Suggested.Rule);
        Assert.Equal(result.Suggestion(rule: SuggestionRule.Valley), result.Suggested);
        Assert.True(result.Suggested.HasValue);
    }

    public static TheoryData<Func<object>, string> BadSettings() => new()
    {
        { () => new LearningRateFinder<double>(minLearningRate: 0), "minLearningRate" },
        { () => new LearningRateFinder<double>(minLearningRate: 1e-3, maxLearningRate: 1e-3), "maxLearningRate" },
        { () => new LearningRateFinder<double>(maxLearningRate: double.PositiveInfinity), "maxLearningRate" },
        { () => new LearningRateFinder<double>(numTraining: 0), "numTraining" },
        { () => new LearningRateFinder<double>(earlyStopThreshold: 0), "earlyStopThreshold" },
        { () => new LearningRateFinder<double>(beta: 1), "beta" },
        { () => LearningRateFinder<double>.LearningRateAt(100, 1e-8, 1, 100), "step" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Constructor_BadSetting_ThrowsNamingIt(Func<object> create, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => create());

        Assert.Equal(parameter, error.ParamName);
    }
}
