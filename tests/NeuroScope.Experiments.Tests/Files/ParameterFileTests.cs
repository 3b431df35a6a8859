using NeuroScope.Experiments.Files;
using NeuroScope.Nn;

namespace NeuroScope.Experiments.Tests.Files;

public class ParameterFileTests
{
    private static readonly Tensor<double> Input = Tensor.Uniform([7, 2], -1.0, 1.0, 100);

    private static byte[] Saved<T>(Module<T> module) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        module.Save(stream);
        return stream.ToArray();
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
    public void SaveLoad_ScalarParameter_KeepsItsValueAndRankZero()
    {
        var fresh = new ScalarBias(0.0);

        fresh.Load(new MemoryStream(Saved(new ScalarBias(1.5))));

        Assert.Equal(0, fresh.Bias.Rank);
        Assert.Equal(1.5, fresh.Bias.Item());
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
    public void Load_DifferentShape_NamesTheFileParameterAndBothShapes()
    {
        var bytes = Saved(new Mlp<double>(2, [8], 1, random: new Random(13)));
        var other = new Mlp<double>(2, [6], 1, random: new Random(14));
        string path = Path.Combine(Path.GetTempPath(), $"neuroscope-module-{Guid.NewGuid():N}.nspm");
        File.WriteAllBytes(path, bytes);
        var before = other.ParametersToVector().ToArray();
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => other.Load(path));

            Assert.Equal($"Load: parameter '0.weight' has shape [8, 2] in '{path}' but [6, 2] in this Mlp.", error.Message);
            Assert.Equal(before, other.ParametersToVector().ToArray());
        }
        finally
        {
            File.Delete(path);
        }
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

    private sealed class ScalarBias : Module<double>
    {
        public ScalarBias(double value) => Bias = RegisterParameter("bias", Tensor.Scalar(value));

        public Tensor<double> Bias { get; }

        public override Tensor<double> Forward(Tensor<double> input) => input + Bias;
    }
}
