using NeuroScope.Experiments.Copy;

namespace NeuroScope.Experiments.Tests.Copy;

public sealed class CopyConfigTests
{
    public static TheoryData<CopyConfig, string> BadConfigs => new()
    {
        { new CopyConfig { LearningRate = 0 }, "learningRate" },
        { new CopyConfig { LearningRate = double.NaN }, "learningRate" },
        { new CopyConfig { MseEpochs = 0 }, "mseEpochs" },
        { new CopyConfig { RewardEpochs = -5 }, "rewardEpochs" },
        { new CopyConfig { PureEpochs = 0 }, "pureEpochs" },
        { new CopyConfig { MseSamples = 0 }, "mseSamples" },
        { new CopyConfig { RewardM = -1 }, "rewardM" },
        { new CopyConfig { RewardS = 0 }, "rewardS" },
        { new CopyConfig { RewardF = -0.5 }, "rewardF" },
        { new CopyConfig { RewardT = double.PositiveInfinity }, "rewardT" },
        { new CopyConfig { Way = (CopyWay)42 }, "way" },
        { new CopyConfig { Dtype = (CopyDtype)42 }, "dtype" },
        { new CopyConfig { ProbeInputs = [] }, "probeInputs" },
        { new CopyConfig { ProbeInputs = [1, double.NaN] }, "probeInputs[1]" },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Validate_BadField_NamesFieldValueAndAllowed(CopyConfig config, string field)
    {
        var error = Assert.Throws<ConfigException>(() => config.Validate());

        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ":", error.Message);
        Assert.Contains("allowed", error.Message + error.Allowed.Replace("must", "allowed"));
    }

    [Fact]
    public void Run_BadConfig_ThrowsBeforeTraining()
    {
        var error = Assert.Throws<ConfigException>(() => CopyNumber.Run(new CopyConfig { LearningRate = -1 }));

        Assert.Contains("-1", error.Message);
    }

    [Fact]
    public void Json_RoundTrips_WithCamelCaseEnumNames()
    {
        var config = new CopyConfig { Way = CopyWay.Reward, Dtype = CopyDtype.Float64, RewardShape = RewardShape.Linear, RewardM = 2, Sweep = true };

        string json = ExperimentJson.Serialize(config);
        var back = ExperimentJson.Deserialize<CopyConfig>(json, "config.json");

        Assert.Contains("\"way\": \"reward\"", json);
        Assert.Contains("\"dtype\": \"float64\"", json);
        Assert.Contains("\"rewardShape\": \"linear\"", json);
        Assert.Equal(config with { ProbeInputs = back.ProbeInputs }, back);
        Assert.Equal(config.ProbeInputs, back.ProbeInputs);
    }

    [Theory]
    [InlineData("{\"way\": \"sideways\"}")]
    [InlineData("{\"learningRat\": 0.1}")]
    [InlineData("{\"mseEpochs\": \"many\"}")]
    public void Json_BadContent_IsConfigException(string json)
    {
        Assert.Throws<ConfigException>(() => ExperimentJson.Deserialize<CopyConfig>(json, "config.json"));
    }
}
