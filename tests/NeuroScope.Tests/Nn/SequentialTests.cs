using NeuroScope.Nn;

namespace NeuroScope.Tests.Nn;

public class SequentialTests
{
    [Fact]
    public void Sequential_NamesChildrenByPosition_AndComposesInOrder()
    {
        var first = new Linear<double>(1, 1, random: new Random(1));
        first.SetWeight(new double[,] { { 2 } });
        first.SetBias([-1]);
        var model = new Sequential<double>(first, new Relu<double>(), new Identity<double>());
        var x = Tensor.FromArray(new[] { -1.0, 0.25, 3.0 }, 3, 1);

        var y = model.Forward(x);

        Assert.Equal(["0", "1", "2"], model.NamedChildren().Select(c => c.Name));
        Assert.Equal(["0.weight", "0.bias"], model.NamedParameters().Select(p => p.Name));
        // relu(2x − 1)
        Assert.Equal([0.0, 0.0, 5.0], y.ToArray());
        Assert.Equal(3, model.Count);
        Assert.Same(first, model[0]);
    }

    [Fact]
    public void Sequential_Empty_IsIdentity()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0 });

        var y = new Sequential<double>().Forward(x);

        Assert.Equal(x.ToArray(), y.ToArray());
    }

    [Fact]
    public void Sequential_NullModule_Throws()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new Sequential<double>(new Tanh<double>(), null!));

        Assert.Contains("module 1", error.Message);
    }
}
