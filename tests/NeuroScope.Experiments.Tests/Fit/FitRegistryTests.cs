using NeuroScope.Experiments.Fit;
using NeuroScope.Nn;

namespace NeuroScope.Experiments.Tests.Fit;

public class FitRegistryTests
{
    [Fact]
    public void Run_HuberLoss_TrainsOnNnLossesHuber()
    {
        var config = new FitConfig { Loss = "huber", Hidden = [], Samples = 40, Noise = 0.5, Steps = 1, FrameEvery = 1, SharpnessEvery = 0, GridPoints = 20 };

        var result = FunctionFit.Run(config);

        // The same initial linear model the run builds (its weights are seeded seed + 1), on the run's own samples.
        var model = new Mlp<double>(1, [], 1, Activation.Tanh, new Random(config.Seed + 1));
        var x = Tensor.FromArray(result.TrainingInputs, config.Samples, 1);
        var y = Tensor.FromArray(result.TrainingTargets!, config.Samples, 1);
        double huber = Losses.Huber(model.Forward(x), y).Item();
        Assert.Equal(huber, result.Losses[0], 12);
        Assert.NotEqual(Losses.Mse(model.Forward(x), y).Item(), result.Losses[0], 6);
    }

    [Fact]
    public void FitConfig_UnknownLoss_ListsTheRegistry()
    {
        var error = Assert.Throws<ConfigException>(() => new FitConfig { Loss = "hinge" }.Validate());

        Assert.Contains("mse, l1, huber", error.Message);
    }

    [Theory]
    [InlineData("poisson1d", 1)]
    [InlineData("helmholtz1d", 1)]
    [InlineData("poisson2d", 2)]
    public void FitConfig_PdeInTheWrongDimension_NamesTheDimensionItNeeds(string pde, int dimension)
    {
        var config = new FitConfig { Pde = pde, Rhs = "0", InputDimension = 3 - dimension, Box = [0, 1] };

        var error = Assert.Throws<ConfigException>(config.Validate);

        Assert.Equal(dimension, FitPde.Get(pde).Dimension);
        Assert.Contains($"needs inputDimension {dimension}", error.Message);
    }
}
