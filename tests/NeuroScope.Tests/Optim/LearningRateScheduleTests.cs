using NeuroScope.Optim;

namespace NeuroScope.Tests.Optim;

public class LearningRateScheduleTests
{
    private static Sgd<double> Optimizer(double learningRate) => new([Tensor.Zeros<double>(1).RequireGrad()], learningRate);

    [Fact]
    public void StepLr_LearningRates_DecayEveryStepSizeEpochs()
    {
        // PyTorch's StepLR: lr = lr₀·γ^⌊epoch / stepSize⌋.
        var optimizer = Optimizer(0.8);
        ILearningRateSchedule schedule = new StepLr<double>(optimizer, stepSize: 3, gamma: 0.5);
        var rates = new double[8];

        for (int epoch = 1; epoch <= rates.Length; epoch++)
        {
            schedule.Step();
            rates[epoch - 1] = optimizer.LearningRate;
        }

        for (int epoch = 1; epoch <= rates.Length; epoch++)
            Assert.Equal(0.8 * Math.Pow(0.5, epoch / 3), rates[epoch - 1], 1e-15);
        Assert.Equal(8, schedule.Epoch);
        Assert.Equal(optimizer.LearningRate, schedule.LearningRate);
    }

    [Fact]
    public void ExponentialLr_LearningRates_DecayEveryEpoch()
    {
        var optimizer = Optimizer(0.3);
        ILearningRateSchedule schedule = new ExponentialLr<double>(optimizer, gamma: 0.9);
        var rates = new double[5];

        for (int epoch = 1; epoch <= rates.Length; epoch++)
        {
            schedule.Step();
            rates[epoch - 1] = schedule.LearningRate;
        }

        for (int epoch = 1; epoch <= rates.Length; epoch++)
            Assert.Equal(0.3 * Math.Pow(0.9, epoch), rates[epoch - 1], 1e-15);
    }

    [Fact]
    public void Schedule_BeforeAnyStep_LeavesInitialLearningRate()
    {
        var optimizer = Optimizer(0.25);

        var schedule = new StepLr<double>(optimizer, stepSize: 1);

        Assert.Equal(0, schedule.Epoch);
        Assert.Equal(0.25, schedule.LearningRate);
        Assert.Equal(0.25, schedule.InitialLearningRate);
    }

    [Fact]
    public void Schedule_ChangesTheRateTheOptimizerSteps()
    {
        var p = Tensor.FromArray([1.0], 1).RequireGrad();
        var optimizer = new GradientDescent<double>([p], 0.5);
        var schedule = new ExponentialLr<double>(optimizer, gamma: 0.5);
        p.Sum().Backward();
        schedule.Step();

        optimizer.Step();

        Assert.Equal(1.0 - 0.25, p.Item());
    }

    [Theory]
    [InlineData(0, 0.1, "stepSize")]
    [InlineData(2, 0.0, "gamma")]
    [InlineData(2, double.NaN, "gamma")]
    public void StepLr_BadSetting_ThrowsNamingParameter(int stepSize, double gamma, string parameter)
    {
        var optimizer = Optimizer(0.1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StepLr<double>(optimizer, stepSize, gamma));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter + " = ", error.Message);
    }

    [Fact]
    public void ExponentialLr_NegativeGamma_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialLr<double>(Optimizer(0.1), -0.5));

        Assert.Equal("gamma", error.ParamName);
    }
}
