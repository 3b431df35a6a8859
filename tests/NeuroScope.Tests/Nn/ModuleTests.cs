using NeuroScope.Nn;

namespace NeuroScope.Tests.Nn;

public class ModuleTests
{
    private static readonly Tensor<double> Input = Tensor.Uniform([7, 2], -1.0, 1.0, 100);

    [Fact]
    public void ParametersToVector_ConcatenatesInNamedOrder_AndIsACopy()
    {
        var layer = new Linear<double>(2, 2, random: new Random(1));
        layer.SetWeight(new double[,] { { 1, 2 }, { 3, 4 } });
        layer.SetBias([5, 6]);

        var vector = layer.ParametersToVector();
        vector.AsSpan()[0] = 100;

        Assert.Equal([100.0, 2, 3, 4, 5, 6], vector.ToArray());
        Assert.Equal(1.0, layer.Weight[0, 0]);
        Assert.Equal(6, layer.ParameterCount);
    }

    [Fact]
    public void VectorToParameters_RoundTrip_ReproducesOutputs()
    {
        var source = new Mlp<double>(2, [5, 3], 1, random: new Random(2));
        var copy = new Mlp<double>(2, [5, 3], 1, random: new Random(3));

        copy.VectorToParameters(source.ParametersToVector());

        Assert.Equal(source.ParametersToVector().ToArray(), copy.ParametersToVector().ToArray());
        Assert.Equal(source.Forward(Input).ToArray(), copy.Forward(Input).ToArray());
    }

    [Fact]
    public void VectorToParameters_WritesInPlace_KeepingParameterTensors()
    {
        var layer = new Linear<double>(1, 2, random: new Random(4));
        var weight = layer.Weight;

        layer.VectorToParameters(Tensor.FromArray(new[] { 1.0, 2, 3, 4 }));

        Assert.Same(weight, layer.Parameter("weight"));
        Assert.Equal([1.0, 2], layer.Weight.ToArray());
        Assert.Equal([3.0, 4], layer.Bias!.ToArray());
    }

    [Fact]
    public void VectorToParameters_WrongLength_StatesBothCounts()
    {
        var mlp = new Mlp<double>(2, [2], 1, random: new Random(5));

        var error = Assert.Throws<ArgumentException>(() => mlp.VectorToParameters(Tensor.Zeros<double>(5)));

        Assert.Equal("vector", error.ParamName);
        Assert.Contains("5 values", error.Message);
        Assert.Contains($"{mlp.ParameterCount} parameter values", error.Message);
    }

    [Fact]
    public void State_NamesEveryParameterInOrder_AndIsACopy()
    {
        var layer = new Linear<double>(2, 2, random: new Random(6));
        layer.SetWeight(new double[,] { { 1, 2 }, { 3, 4 } });
        layer.SetBias([5, 6]);

        var state = layer.State();
        state["weight"].AsSpan()[0] = 100;

        Assert.Equal(["weight", "bias"], state.Keys);
        Assert.Equal([2, 2], state["weight"].Shape);
        Assert.Equal([100.0, 2, 3, 4], state["weight"].ToArray());
        Assert.Equal([5.0, 6], state["bias"].ToArray());
        Assert.Equal(1.0, layer.Weight[0, 0]);
    }

    [Fact]
    public void LoadState_RoundTrip_GivesIdenticalOutputs()
    {
        var trained = new Mlp<double>(2, [6, 4], 1, Activation.Tanh, new Random(7));
        var fresh = new Mlp<double>(2, [6, 4], 1, Activation.Tanh, new Random(8));

        fresh.LoadState(trained.State());

        Assert.Equal(trained.Forward(Input).ToArray(), fresh.Forward(Input).ToArray());
    }

    [Fact]
    public void LoadState_DifferentShape_NamesParameterAndBothShapes_AndLeavesTheModuleUntouched()
    {
        var state = new Mlp<double>(2, [8], 1, random: new Random(13)).State();
        var other = new Mlp<double>(2, [6], 1, random: new Random(14));
        var before = other.ParametersToVector().ToArray();

        var error = Assert.Throws<InvalidOperationException>(() => other.LoadState(state, "'checkpoint.nspm'"));

        Assert.Equal("Load: parameter '0.weight' has shape [8, 2] in 'checkpoint.nspm' but [6, 2] in this Mlp.", error.Message);
        Assert.Equal(before, other.ParametersToVector().ToArray());
    }

    [Fact]
    public void LoadState_DifferentNames_NamesBoth()
    {
        var state = new Sequential<double>(new Tanh<double>(), new Linear<double>(1, 1, random: new Random(15))).State();
        var other = new Sequential<double>(new Linear<double>(1, 1, random: new Random(16)), new Tanh<double>());

        var error = Assert.Throws<InvalidOperationException>(() => other.LoadState(state));

        Assert.Equal("Load: parameter #0 is '1.weight' in the state but '0.weight' in this Sequential; it was saved from a different architecture.", error.Message);
    }

    [Fact]
    public void LoadState_DifferentCount_StatesCountsAndFirstMissing()
    {
        var state = new Linear<double>(2, 1, bias: false, random: new Random(17)).State();
        var other = new Linear<double>(2, 1, random: new Random(18));

        var error = Assert.Throws<InvalidOperationException>(() => other.LoadState(state));

        Assert.Equal("Load: the state holds 1 parameters but this Linear has 2; the first one missing from the state is 'bias'.", error.Message);
    }

    [Fact]
    public void Freeze_ParameterGetsNoGradient_OthersDo()
    {
        var mlp = new Mlp<double>(2, [3], 1, random: new Random(20));
        mlp.Freeze("0.weight");

        Losses.Mse(mlp.Forward(Input), Tensor.Zeros<double>(7, 1)).Backward();

        Assert.False(mlp.Parameter("0.weight").RequiresGrad);
        Assert.Null(mlp.Parameter("0.weight").Grad);
        Assert.NotNull(mlp.Parameter("0.bias").Grad);
        Assert.NotNull(mlp.Parameter("2.weight").Grad);
        Assert.All(mlp.GradientsToVector().ToArray()[..6], g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void Unfreeze_ParameterGetsGradientAgain()
    {
        var mlp = new Mlp<double>(2, [3], 1, random: new Random(21));
        mlp.Freeze("2.bias");
        mlp.Unfreeze("2.bias");

        Losses.Mse(mlp.Forward(Input), Tensor.Zeros<double>(7, 1)).Backward();

        // d/db mean((y − 0)²) = 2·mean(y) for the output bias.
        double expected = 2 * mlp.Forward(Input).Mean().Item();
        Assert.Equal(expected, mlp.Parameter("2.bias").Grad!.Item(), 1e-12);
    }
}
