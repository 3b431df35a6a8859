using NeuroScope.Experiments.Neuron;
using NeuroScope.Optim;

namespace NeuroScope.Experiments.Tests.Neuron;

public class MultiRecordingFitTests
{
    private static readonly NeuronConfig Config = new();

    private static NeuronProblem Recording(string current) => Config.Problem(Config.MakeTarget(Config.ParseCurrent("current", current)));

    [Fact]
    public void SilentRecordingAlone_HidesTheThreshold_WithAFiringRecordingBothAreRecovered()
    {
        var silent = Recording("18");
        var firing = Recording("pulse(start=20,stop=180,amplitude=25)");
        var settings = Config.FitSettings();

        var alone = NeuronFitter.Fit(silent, Config.Initial, settings);
        var both = NeuronFitter.Fit([silent, firing], Config.Initial, settings with { Iterations = 600 });

        Assert.Empty(silent.Target.SpikeTimes);
        Assert.NotEmpty(firing.Target.SpikeTimes);
        Assert.True(Math.Abs(alone.Final.VThreshold - -52.0) > 0.5, $"the silent recording alone gave v_threshold {alone.Final.VThreshold}");
        Assert.InRange(both.Final.Tau, 24.5, 25.5);
        Assert.InRange(both.Final.VThreshold, -52.5, -51.5);
    }

    [Fact]
    public void SeveralRecordings_LossAndGradientAreTheSumsOfTheirs()
    {
        var grid = new TimeGrid(0.1, 50.0);
        NeuronProblem P(double current) => new(NeuronTarget.Generate(new TargetConfig { Grid = grid, Current = InputCurrent.Constant(current) }), NeuronLoss.Voltage);
        var a = P(10);
        var b = P(30);
        var settings = new FitSettings { Parameters = ["tau"], Gradient = GradientSource.FiniteDifference, Optimizer = OptimizerKind.GradientDescent, LearningRate = 0.01, Iterations = 1 };
        var start = new LifParameters(20, -70, -55, -75);

        var sum = NeuronFitter.Fit([a, b], start, settings);
        var first = NeuronFitter.Fit(a, start, settings);
        var second = NeuronFitter.Fit(b, start, settings);

        Assert.Equal(first.History[0].Loss + second.History[0].Loss, sum.History[0].Loss, 12);
        Assert.Equal(first.History[0].Gradient![0] + second.History[0].Gradient![0], sum.History[0].Gradient![0], 9);
        Assert.Equal(20 - 0.01 * sum.History[0].Gradient![0], sum.Final.Tau, 12);
    }

    [Fact]
    public void SeveralRecordings_Surrogate_SumsTheGradients()
    {
        var grid = new TimeGrid(0.1, 50.0);
        NeuronProblem P(double current) => new(NeuronTarget.Generate(new TargetConfig { Grid = grid, Current = InputCurrent.Constant(current) }), NeuronLoss.Voltage);
        var settings = new FitSettings { Parameters = ["tau"], Gradient = GradientSource.Surrogate, Optimizer = OptimizerKind.GradientDescent, LearningRate = 0.01, Iterations = 1 };
        var start = new LifParameters(20, -70, -55, -75);

        var sum = NeuronFitter.Fit([P(10), P(12)], start, settings);
        var first = DifferentiableLif.Gradient(P(10), start, ["tau"]);
        var second = DifferentiableLif.Gradient(P(12), start, ["tau"]);

        Assert.Equal(first.Loss + second.Loss, sum.History[0].Loss, 12);
        Assert.Equal(first.Values[0] + second.Values[0], sum.History[0].Gradient![0], 12);
    }
}
