using NeuroScope.Nn;

namespace NeuroScope.Tests.Nn;

public class ModuleTests
{
    private static readonly Tensor<double> Input = Tensor.Uniform([7, 2], -1.0, 1.0, 100);

    private static byte[] Saved<T>(Module<T> module) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        module.Save(stream);
        return stream.ToArray();
    }

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
    public void SaveLoad_File_RoundTripGivesIdenticalOutputs()
    {
        var trained = new Mlp<double>(2, [6, 4], 1, Activation.Tanh, new Random(6));
        var fresh = new Mlp<double>(2, [6, 4], 1, Activation.Tanh, new Random(7));
        string path = Path.Combine(Path.GetTempPath(), $"neuroscope-module-{Guid.NewGuid():N}.bin");
        try
        {
            trained.Save(path);
            fresh.Load(path);

            Assert.Equal(trained.Forward(Input).ToArray(), fresh.Forward(Input).ToArray());
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SaveLoad_Float_RoundTripIsExact()
    {
        var trained = new Mlp<float>(3, [4], 2, Activation.Relu, new Random(8));
        var fresh = new Mlp<float>(3, [4], 2, Activation.Relu, new Random(9));

        fresh.Load(new MemoryStream(Saved(trained)));

        Assert.Equal(trained.ParametersToVector().ToArray(), fresh.ParametersToVector().ToArray());
    }

    [Fact]
    public void Save_WritesDocumentedHeader()
    {
        var layer = new Linear<float>(3, 2, random: new Random(10));

        var bytes = Saved(layer);

        Assert.Equal("NSPM"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, BitConverter.ToInt32(bytes, 4));   // version
        Assert.Equal(4, BitConverter.ToInt32(bytes, 8));   // float32 values
        Assert.Equal(2, BitConverter.ToInt32(bytes, 12));  // parameters
        // 16 header bytes; "weight": 1 + 6, rank 4, dims 8, values 24; "bias": 1 + 4, rank 4, dims 4, values 8.
        Assert.Equal(16 + 7 + 4 + 8 + 24 + 5 + 4 + 4 + 8, bytes.Length);
    }

    [Fact]
    public void Load_FloatFileIntoDoubleModule_ConvertsValues()
    {
        var single = new Linear<float>(2, 3, random: new Random(11));
        var twin = new Linear<double>(2, 3, random: new Random(12));

        twin.Load(new MemoryStream(Saved(single)));

        Assert.Equal(Array.ConvertAll(single.ParametersToVector().ToArray(), v => (double)v), twin.ParametersToVector().ToArray());
    }

    [Fact]
    public void Load_DifferentShape_NamesParameterAndBothShapes()
    {
        var bytes = Saved(new Mlp<double>(2, [8], 1, random: new Random(13)));
        var other = new Mlp<double>(2, [6], 1, random: new Random(14));
        var before = other.ParametersToVector().ToArray();

        var error = Assert.Throws<InvalidOperationException>(() => other.Load(new MemoryStream(bytes)));

        Assert.Contains("'0.weight'", error.Message);
        Assert.Contains("[8, 2]", error.Message);
        Assert.Contains("[6, 2]", error.Message);
        Assert.Equal(before, other.ParametersToVector().ToArray());
    }

    [Fact]
    public void Load_DifferentNames_NamesBoth()
    {
        var bytes = Saved(new Sequential<double>(new Tanh<double>(), new Linear<double>(1, 1, random: new Random(15))));
        var other = new Sequential<double>(new Linear<double>(1, 1, random: new Random(16)), new Tanh<double>());

        var error = Assert.Throws<InvalidOperationException>(() => other.Load(new MemoryStream(bytes)));

        Assert.Contains("'1.weight'", error.Message);
        Assert.Contains("'0.weight'", error.Message);
    }

    [Fact]
    public void Load_DifferentCount_StatesCountsAndFirstMissing()
    {
        var bytes = Saved(new Linear<double>(2, 1, bias: false, random: new Random(17)));
        var other = new Linear<double>(2, 1, random: new Random(18));

        var error = Assert.Throws<InvalidOperationException>(() => other.Load(new MemoryStream(bytes)));

        Assert.Contains("holds 1 parameters but this Linear has 2", error.Message);
        Assert.Contains("'bias'", error.Message);
    }

    [Fact]
    public void Load_NotAParameterFile_ThrowsInvalidData()
    {
        var layer = new Linear<double>(1, 1, random: new Random(19));
        var truncated = Saved(layer)[..20];

        var notOurs = Assert.Throws<InvalidDataException>(() => layer.Load(new MemoryStream("hello world, not a model"u8.ToArray())));
        var cut = Assert.Throws<InvalidDataException>(() => layer.Load(new MemoryStream(truncated)));

        Assert.Contains("NSPM", notOurs.Message);
        Assert.Contains("truncated", cut.Message);
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
