using NeuroScope.Experiments.Dose;

namespace NeuroScope.Experiments.Tests.Dose;

public sealed class DoseConfigTests
{
    [Fact]
    public void Defaults_AreTheReferenceSettings()
    {
        var config = new DoseConfig();

        config.Validate();
        Assert.Equal("both", config.Mode);
        Assert.Equal(0.1, config.LearningRate);
        Assert.Equal(100, config.Epochs);
        Assert.Equal("float32", config.Dtype);
        Assert.Equal(300, config.TrainerSamples);
        Assert.Equal(0.01, config.TrainerLearningRate);
        Assert.Equal(0.001, config.FinderMinLearningRate);
        Assert.Equal(1.0, config.FinderMaxLearningRate);
        Assert.Equal(100, config.FinderTrials);
        Assert.Null(config.FinderEarlyStopThreshold);
        Assert.Equal(34, config.TrainerEpochs);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Validate_NonPositiveLearningRate_NamesTheField(double learningRate)
    {
        var config = new DoseConfig { LearningRate = learningRate };

        var error = Assert.Throws<ConfigException>(config.Validate);

        Assert.Equal("learningRate", error.Field);
        Assert.Contains("positive", error.Message);
    }

    [Fact]
    public void Validate_ZeroEpochs_NamesTheFieldAndRange()
    {
        var config = new DoseConfig { Epochs = 0 };

        var error = Assert.Throws<ConfigException>(config.Validate);

        Assert.Equal("epochs", error.Field);
        Assert.Contains("1..1000000", error.Message);
    }

    [Fact]
    public void Validate_UnknownMode_ListsTheModes()
    {
        var config = new DoseConfig { Mode = "fast" };

        var error = Assert.Throws<ConfigException>(config.Validate);

        Assert.Equal("mode", error.Field);
        Assert.Contains("'fast'", error.Message);
        Assert.Contains("plain, trainer, both", error.Message);
    }

    [Fact]
    public void Validate_UnknownDtype_ListsTheTypes()
    {
        var config = new DoseConfig { Dtype = "float16" };

        var error = Assert.Throws<ConfigException>(config.Validate);

        Assert.Equal("dtype", error.Field);
        Assert.Contains("float32, float64", error.Message);
    }

    [Fact]
    public void Validate_FinderRangeReversed_NamesTheMaximum()
    {
        var config = new DoseConfig { FinderMinLearningRate = 0.5, FinderMaxLearningRate = 0.1 };

        var error = Assert.Throws<ConfigException>(config.Validate);

        Assert.Equal("finderMaxLearningRate", error.Field);
    }

    [Fact]
    public void Json_UnknownKey_IsRejected()
    {
        const string json = """{ "mode": "plain", "learningrate2": 0.1 }""";

        var error = Assert.Throws<ConfigException>(() => ExperimentJson.Deserialize<DoseConfig>(json, "config.json"));

        Assert.Contains("learningrate2", error.Message);
    }

    [Fact]
    public void Json_RoundTrip_KeepsEveryField()
    {
        var config = new DoseConfig { Mode = "trainer", LearningRate = 0.2, Epochs = 7, Dtype = "float64", InitialBias = -2, FinderEarlyStopThreshold = 4 };

        var back = ExperimentJson.Deserialize<DoseConfig>(ExperimentJson.Serialize(config), "config.json");

        Assert.Equal(config, back);
    }
}
