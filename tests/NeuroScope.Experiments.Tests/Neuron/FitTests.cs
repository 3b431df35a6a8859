using NeuroScope.Experiments.Neuron;
using NeuroScope.Optim;

namespace NeuroScope.Experiments.Tests.Neuron;

public class FitTests
{
    private static readonly LifParameters QuietStart = new(tau: 20.0, vRest: -70.0, vThreshold: -52.0, vReset: -75.0);

    [Fact]
    public void RecoveryDemo_SurrogateRecoversTauAndThresholdWithinHalf()
    {
        var config = new NeuronConfig();

        var result = NeuronFitter.Fit(config.Problems()[0], config.Initial, config.FitSettings());

        var rows = result.Recovery(config.Target);
        Assert.Equal(["tau", "v_threshold"], rows.Select(r => r.Name));
        Assert.All(rows, row => Assert.True(Math.Abs(row.Error) <= 0.5, $"{row.Name}: learned {row.Learned}, true {row.True}"));
        Assert.Equal(config.Iterations + 1, result.History.Count);
        Assert.True(result.FinalLoss < result.History[0].Loss / 1000, $"loss {result.History[0].Loss} → {result.FinalLoss}");
    }

    [Fact]
    public void GradientDescent_OnFiniteDifferences_MatchesHandDerivedStepWithScale()
    {
        var problem = SubThresholdProblem.Create();
        var settings = new FitSettings
        {
            Parameters = ["tau"], Gradient = GradientSource.FiniteDifference, Optimizer = OptimizerKind.GradientDescent,
            LearningRate = 0.01, Iterations = 1, StepScales = new Dictionary<string, double> { ["tau"] = 2.0 },
        };

        var result = NeuronFitter.Fit(problem, QuietStart, settings);

        // u = θ/2 takes the step −lr·(2·g), so θ moves by −lr·2²·g.
        double g = FiniteDifference.Gradient(problem, QuietStart, ["tau"]).Values[0];
        Assert.Equal(g, result.History[0].Gradient![0], 12);
        Assert.Equal(20.0 - 0.01 * 4.0 * g, result.Final.Tau, 12);
        Assert.Null(result.History[^1].Gradient);
    }

    [Fact]
    public void Momentum_OnFiniteDifferences_FollowsPyTorchRule()
    {
        var problem = SubThresholdProblem.Create();
        var settings = new FitSettings
        {
            Parameters = ["tau"], Gradient = GradientSource.FiniteDifference, Optimizer = OptimizerKind.Momentum,
            LearningRate = 0.05, Momentum = 0.9, Iterations = 2,
        };

        var result = NeuronFitter.Fit(problem, QuietStart, settings);

        // b₁ = g₀, θ₁ = θ₀ − lr·b₁; b₂ = 0.9·b₁ + g₁, θ₂ = θ₁ − lr·b₂.
        double g0 = FiniteDifference.Gradient(problem, QuietStart, ["tau"]).Values[0];
        double tau1 = 20.0 - 0.05 * g0;
        double g1 = FiniteDifference.Gradient(problem, QuietStart with { Tau = tau1 }, ["tau"]).Values[0];
        double tau2 = tau1 - 0.05 * (0.9 * g0 + g1);
        Assert.Equal(tau1, result.History[1].Values[0], 12);
        Assert.Equal(tau2, result.Final.Tau, 12);
    }

    [Fact]
    public void Adam_OnSurrogate_FirstStepIsLearningRateTimesScaleAgainstTheGradientSign()
    {
        var config = new NeuronConfig();
        var problem = config.Problems()[0];
        var settings = config.FitSettings() with { Iterations = 1 };

        var result = NeuronFitter.Fit(problem, config.Initial, settings);

        // Adam's bias-corrected first step is m̂/√v̂ = g/|g| per parameter: a step of lr·scale against sign(g).
        var g = DifferentiableLif.Gradient(problem, config.Initial, settings.Parameters, settings.Surrogate);
        Assert.Equal(20.0 - 0.2 * 1.0 * Math.Sign(g["tau"]), result.Final.Tau, 6);
        Assert.Equal(-55.0 - 0.2 * 0.5 * Math.Sign(g["v_threshold"]), result.Final.VThreshold, 6);
    }

    [Theory]
    [InlineData(GradientSource.FiniteDifference)]
    [InlineData(GradientSource.Surrogate)]
    public void BothSources_BelowThreshold_RecoverTau(GradientSource source)
    {
        var problem = SubThresholdProblem.Create();
        var settings = new FitSettings { Parameters = ["tau"], Gradient = source, Optimizer = OptimizerKind.Adam, LearningRate = 0.2, Beta2 = 0.99, Iterations = 200 };

        var result = NeuronFitter.Fit(problem, QuietStart, settings);

        Assert.True(Math.Abs(result.Final.Tau - 25.0) < 0.05, $"tau {result.Final.Tau}");
    }

    [Fact]
    public void LossEvery_SkipsOnlyTheRecordedLosses_NotTheSteps()
    {
        var problem = NeuronExperiment.BenchmarkProblem();
        var everyStep = NeuronExperiment.BenchmarkSettings with { LossEvery = 1, Iterations = 40 };
        var sparse = everyStep with { LossEvery = 10 };

        var full = NeuronFitter.Fit(problem, NeuronExperiment.BenchmarkStart, everyStep);
        var skipped = NeuronFitter.Fit(problem, NeuronExperiment.BenchmarkStart, sparse);

        Assert.Equal(full.Final.Tau, skipped.Final.Tau);
        Assert.Equal(full.Final.VThreshold, skipped.Final.VThreshold);
        Assert.Equal(full.FinalLoss, skipped.FinalLoss);
        Assert.All(skipped.History.Where(h => h.Iteration % 10 != 0 && h.Iteration != 40), h => Assert.True(double.IsNaN(h.Loss)));
        Assert.All(skipped.History.Where(h => h.Iteration % 10 == 0), h => Assert.Equal(full.History[h.Iteration].Loss, h.Loss));
        Assert.True(skipped.Simulations < full.Simulations);
    }

    [Fact]
    public void FiniteDifferenceBenchmark_LearnsTauAndLeavesTheSilentThreshold()
    {
        var problem = NeuronExperiment.BenchmarkProblem();
        NeuronFitter.Fit(problem, NeuronExperiment.BenchmarkStart, NeuronExperiment.BenchmarkSettings);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = NeuronFitter.Fit(problem, NeuronExperiment.BenchmarkStart, NeuronExperiment.BenchmarkSettings);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Empty(problem.Target.SpikeTimes);
        Assert.Equal(25.0001, result.Final.Tau, 2);
        Assert.Equal(-55.0, result.Final.VThreshold);
        Assert.Equal(200, result.Steps);
        // ±h in two parameters per step, the centre only at step 0 (the settings record the loss every 200 steps), one at the end.
        Assert.Equal(4 * 200 + 1 + 1, result.Simulations);
        // The history (201 small entries) is most of it; no simulation allocates its trace.
        Assert.True(allocated < 200_000, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Fit_LossTolerance_StopsAtTheFirstPointBelowIt()
    {
        var problem = SubThresholdProblem.Create();
        var settings = new FitSettings { Parameters = ["tau"], Gradient = GradientSource.FiniteDifference, LearningRate = 0.5, Iterations = 500, LossTolerance = 1e-3 };

        var result = NeuronFitter.Fit(problem, QuietStart, settings);

        Assert.Equal(FitStop.LossTolerance, result.Stop);
        Assert.True(result.FinalLoss <= 1e-3);
        Assert.True(result.History[^2].Loss > 1e-3);
    }

    [Fact]
    public void Fit_RelativeTolerance_StopsWhenStepsBecomeSmall()
    {
        var problem = SubThresholdProblem.Create();
        var settings = new FitSettings
        {
            Parameters = ["tau"], Gradient = GradientSource.FiniteDifference, Optimizer = OptimizerKind.GradientDescent,
            LearningRate = 0.5, Iterations = 10_000, RelativeTolerance = 1e-6,
        };

        var result = NeuronFitter.Fit(problem, QuietStart, settings);

        Assert.Equal(FitStop.RelativeChange, result.Stop);
        Assert.True(result.Steps < 10_000);
        var (last, previous) = (result.History[^1].Values[0], result.History[^2].Values[0]);
        Assert.True(Math.Abs(last - previous) <= 1e-6 * Math.Abs(previous));
    }

    [Fact]
    public void Fit_StepIntoInvalidParameters_KeepsTheLastValidPointAndSaysWhy()
    {
        var problem = SubThresholdProblem.Create();
        var settings = new FitSettings { Parameters = ["tau"], Gradient = GradientSource.FiniteDifference, Optimizer = OptimizerKind.GradientDescent, LearningRate = 1e4, Iterations = 5 };

        var result = NeuronFitter.Fit(problem, QuietStart with { Tau = 40 }, settings);

        Assert.Equal(FitStop.InvalidParameters, result.Stop);
        Assert.Contains("tau", result.Message);
        Assert.True(result.Final.Tau > 0);
    }

    [Fact]
    public void Fit_SurrogateOnSpikeTimingLoss_SaysToUseFiniteDifferences()
    {
        var problem = SubThresholdProblem.Create() with { Loss = NeuronLoss.SpikeTiming };

        var error = Assert.Throws<ArgumentException>(() => NeuronFitter.Fit(problem, QuietStart, new FitSettings()));

        Assert.Contains("spike timing loss (timing)", error.Message);
        Assert.Contains("finite differences", error.Message);
    }

    [Theory]
    [InlineData("LearningRate")]
    [InlineData("Beta2")]
    [InlineData("StepScales")]
    [InlineData("Parameters")]
    public void FitSettings_BadValue_NamesTheSetting(string setting)
    {
        var settings = setting switch
        {
            "LearningRate" => new FitSettings { LearningRate = -1 },
            "Beta2" => new FitSettings { Beta2 = 1.0 },
            "StepScales" => new FitSettings { StepScales = new Dictionary<string, double> { ["tau"] = 0 } },
            _ => new FitSettings { Parameters = ["tau", "threshold"] },
        };

        var error = Assert.ThrowsAny<ArgumentException>(() => settings.Validate());

        Assert.Contains(setting == "Parameters" ? "'threshold'" : setting, error.Message);
    }

    [Fact]
    public void Cancellation_StopsTheFit()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.Throws<OperationCanceledException>(() => NeuronFitter.Fit(SubThresholdProblem.Create(), QuietStart, new FitSettings(), null, cancel.Token));
    }
}
