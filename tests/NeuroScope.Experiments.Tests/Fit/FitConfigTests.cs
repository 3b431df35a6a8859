using NeuroScope.Experiments.Fit;

namespace NeuroScope.Experiments.Tests.Fit;

public class FitConfigTests
{
    [Fact]
    public void Defaults_AreThePlaygroundsAndValid()
    {
        var config = new FitConfig();

        config.Validate();
        Assert.Equal(1, config.InputDimension);
        Assert.Equal(500, config.Samples);
        Assert.Equal([-2 * Math.PI, 2 * Math.PI], config.Box);
        Assert.Equal(0.08, config.Noise);
        Assert.Equal("sin", config.Target);
        Assert.Equal([64, 64], config.Hidden);
        Assert.Equal("gd", config.Optimizer);
        Assert.Equal(0.01, config.LearningRate);
        Assert.Equal(5000, config.Steps);
        Assert.Equal(10, config.FrameEvery);
        Assert.Equal(20, config.SharpnessEvery);
        Assert.Equal(20, config.PowerIterations);
        Assert.Equal(1200, config.GridPoints);
        Assert.Equal(60, config.GridPoints2d);
        Assert.Equal("mse", config.Loss);
    }

    public static TheoryData<FitConfig, string, string> BadConfigs => new()
    {
        { new FitConfig { InputDimension = 3 }, "inputDimension", "1..2" },
        { new FitConfig { Target = "tangent" }, "target", "allowed: sin, cos" },
        { new FitConfig { LearningRate = -0.1 }, "learningRate", "positive" },
        { new FitConfig { Box = [1, 1] }, "box", "min must be less than its max" },
        { new FitConfig { Box = [2, 1] }, "box", "min must be less than its max" },
        { new FitConfig { Box = [0, 1, 2] }, "box", "min,max" },
        { new FitConfig { Expression = "sin(x" }, "expression", "position 6" },
        { new FitConfig { Target = "rbf2d" }, "target", "inputDimension is 1" },
        { new FitConfig { Optimizer = "lbfgs" }, "optimizer", "gd, momentum, adam" },
        { new FitConfig { Loss = "hinge" }, "loss", "mse, l1, huber" },
        { new FitConfig { Activation = "gelu" }, "activation", "tanh" },
        { new FitConfig { Steps = 0 }, "steps", "1..10000000" },
        { new FitConfig { Hidden = [64, 0] }, "hidden[1]", "1..4096" },
        { new FitConfig { Noise = -1 }, "noise", "0..1000000" },
        { new FitConfig { Pde = "heat1d", Rhs = "0" }, "pde", "poisson1d" },
        { new FitConfig { Pde = "poisson1d" }, "rhs", "right-hand side" },
        { new FitConfig { Pde = "poisson1d", Rhs = "x^" }, "rhs", "does not parse" },
        { new FitConfig { Pde = "poisson1d", Rhs = "0", Boundary = [0] }, "boundary", "two values" },
        { new FitConfig { Pde = "poisson2d", Rhs = "0" }, "inputDimension", "needs inputDimension 2" },
        { new FitConfig { DataFile = "/no/such/file.csv" }, "dataFile", "does not exist" },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Validate_BadField_NamesTheFieldAndWhatIsAllowed(FitConfig config, string field, string allowed)
    {
        var error = Assert.Throws<ConfigException>(config.Validate);

        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ":", error.Message);
        Assert.Contains(allowed, error.Message);
    }

    [Fact]
    public void Json_RoundTrip_KeepsEveryField()
    {
        var config = new FitConfig
        {
            InputDimension = 2, Samples = 123, Box = [-1, 2, -3, 4], Noise = 0.5, Seed = 7, Target = "rbf2d",
            TargetParameters = new() { ["w"] = 0.7 }, Hidden = [8, 4, 2], Activation = "relu", Optimizer = "adam",
            LearningRate = 0.003, Momentum = 0.5, Steps = 77, FrameEvery = 7, SharpnessEvery = 11, PowerIterations = 9,
            GridPadding = 0.25, GridPoints = 99, GridPoints2d = 21, Loss = "l1", L2 = 1e-4,
        };

        string json = ExperimentJson.Serialize(config);
        var back = ExperimentJson.Deserialize<FitConfig>(json, "config.json");

        Assert.Equal(json, ExperimentJson.Serialize(back));
        Assert.Equal(config.Box, back.Box);
        Assert.Equal(config.Hidden, back.Hidden);
        Assert.Equal(0.7, back.TargetParameters!["w"]);
        Assert.Contains("\"learningRate\": 0.003", json);
    }

    [Fact]
    public void Json_UnknownKey_IsRejected()
    {
        var error = Assert.Throws<ConfigException>(() => ExperimentJson.Deserialize<FitConfig>("{\"learningRat\": 0.1}", "config.json"));

        Assert.Contains("learningRat", error.Message);
    }
}
