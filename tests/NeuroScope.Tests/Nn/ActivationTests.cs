using NeuroScope.Nn;

namespace NeuroScope.Tests.Nn;

public class ActivationTests
{
    public static TheoryData<Activation, Func<double, double>> Closed => new()
    {
        { Activation.Tanh, Math.Tanh },
        { Activation.Relu, x => Math.Max(x, 0) },
        { Activation.Sigmoid, x => 1 / (1 + Math.Exp(-x)) },
        { Activation.Softplus, x => Math.Log(1 + Math.Exp(x)) },
        { Activation.Identity, x => x },
    };

    [Theory]
    [MemberData(nameof(Closed))]
    public void Create_ModuleMatchesClosedForm(Activation activation, Func<double, double> f)
    {
        var module = Activations.Create<double>(activation);
        double[] x = [-3, -0.5, 0, 0.7, 2.5];

        var y = module.Forward(Tensor.FromArray(x));

        Assert.Equal(activation.ToString(), module.GetType().Name.Split('`')[0]);
        for (int i = 0; i < x.Length; i++)
            Assert.Equal(f(x[i]), y.AsSpan()[i], 1e-12);
        Assert.Empty(module.NamedParameters());
    }

    [Theory]
    [InlineData("tanh", Activation.Tanh)]
    [InlineData("ReLU", Activation.Relu)]
    [InlineData(" SIGMOID ", Activation.Sigmoid)]
    [InlineData("Softplus", Activation.Softplus)]
    [InlineData("identity", Activation.Identity)]
    public void Parse_IgnoresCaseAndSpaces(string name, Activation expected)
    {
        var parsed = Activations.Parse(name);

        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("gelu")]
    [InlineData("2")]
    [InlineData("")]
    public void Parse_UnknownName_ListsKnownNames(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Activations.Parse(name));

        Assert.Equal("name", error.ParamName);
        Assert.Contains($"'{name}'", error.Message);
        Assert.Contains("tanh, relu, sigmoid, softplus, identity", error.Message);
        Assert.False(Activations.TryParse(name, out _));
    }

    [Fact]
    public void Relu_Backward_PassesGradientOnlyWherePositive()
    {
        var x = Tensor.FromArray(new[] { -1.0, 2.0, -0.5, 3.0 }).RequireGrad();

        new Relu<double>().Forward(x).Sum().Backward();

        Assert.Equal([0.0, 1.0, 0.0, 1.0], x.Grad!.ToArray());
    }
}
