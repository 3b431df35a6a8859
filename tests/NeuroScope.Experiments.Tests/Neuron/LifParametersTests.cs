using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

public class LifParametersTests
{
    [Fact]
    public void Defaults_AreTheTutorialAndTargetNeurons()
    {
        var tutorial = new LifParameters();
        var target = LifParameters.TargetDefault;

        Assert.Equal((20.0, -70.0, -55.0, -80.0), (tutorial.Tau, tutorial.VRest, tutorial.VThreshold, tutorial.VReset));
        Assert.Equal((25.0, -70.0, -52.0, -75.0), (target.Tau, target.VRest, target.VThreshold, target.VReset));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    public void Constructor_NonPositiveTau_NamesTauValueAndRule(double tau)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LifParameters(tau: tau));

        Assert.Equal("tau", error.ParamName);
        Assert.Contains("greater than 0", error.Message);
        Assert.Contains(tau.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Theory]
    [InlineData(-55.0)]
    [InlineData(-40.0)]
    public void Constructor_ResetAtOrAboveThreshold_NamesResetAndThreshold(double reset)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LifParameters(vReset: reset));

        Assert.Equal("v_reset", error.ParamName);
        Assert.Contains("below v_threshold (-55 mV)", error.Message);
        Assert.Contains($"was {reset:G6} mV", error.Message);
    }

    [Fact]
    public void With_InvalidCombinationFromWithExpression_IsCaughtBySimulator()
    {
        var bad = LifParameters.Default with { VReset = -50.0 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LifSimulator.Simulate(bad, new TimeGrid(), InputCurrent.Constant(10)));

        Assert.Equal("v_reset", error.ParamName);
    }

    [Fact]
    public void GetAndWith_UnknownName_ListsKnownNames()
    {
        var p = LifParameters.Default;

        var error = Assert.Throws<ArgumentException>(() => p.Get("threshold"));
        var error2 = Assert.Throws<ArgumentException>(() => p.With("v_thresh", 1.0));

        Assert.Contains("'threshold'", error.Message);
        Assert.Contains("tau, v_rest, v_threshold, v_reset", error.Message);
        Assert.Contains("tau, v_rest, v_threshold, v_reset", error2.Message);
    }

    [Fact]
    public void WithNames_SetsEachNamedValueAndRoundTrips()
    {
        string[] names = ["v_threshold", "tau"];

        var p = LifParameters.Default.With(names, [-50.0, 30.0]);

        Assert.Equal(30.0, p.Tau);
        Assert.Equal(-50.0, p.VThreshold);
        Assert.Equal([-50.0, 30.0], p.ToArray(names));
    }

    [Fact]
    public void InitialVoltage_FollowsTheDefinitions()
    {
        var p = new LifParameters(tau: 10, vRest: -65, vThreshold: -50, vReset: -75);

        Assert.Equal(-65.0, p.InitialVoltage(InitialCondition.Rest));
        Assert.Equal(-57.5, p.InitialVoltage(InitialCondition.Depolarized));
        Assert.Equal(-75.0, p.InitialVoltage(InitialCondition.Hyperpolarized));
        Assert.Equal(-50.0, p.InitialVoltage(InitialCondition.Threshold));
    }
}
