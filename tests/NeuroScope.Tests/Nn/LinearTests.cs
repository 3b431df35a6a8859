using NeuroScope.Nn;

namespace NeuroScope.Tests.Nn;

public class LinearTests
{
    [Fact]
    public void Forward_MatchesHandComputedAffineMap()
    {
        var layer = new Linear<double>(3, 2, random: new Random(1));
        layer.SetWeight(new double[,] { { 1, 2, 3 }, { -1, 0.5, 4 } });
        layer.SetBias([0.25, -2]);
        var x = Tensor.FromArray(new double[,] { { 1, 0, -1 }, { 2, 3, 0.5 } });

        var y = layer.Forward(x);

        // Row r, output o: Σᵢ x[r,i]·W[o,i] + b[o].
        double[] expected =
        [
            1 * 1 + 0 * 2 + -1 * 3 + 0.25, 1 * -1 + 0 * 0.5 + -1 * 4 - 2,
            2 * 1 + 3 * 2 + 0.5 * 3 + 0.25, 2 * -1 + 3 * 0.5 + 0.5 * 4 - 2,
        ];
        Assert.Equal([2, 2], y.Shape.ToArray());
        Assert.Equal(expected, y.ToArray());
    }

    [Fact]
    public void Forward_Float_MatchesHandComputedAffineMap()
    {
        var layer = new Linear<float>(2, 1, random: new Random(1));
        layer.SetWeight(new float[,] { { 0.5f, -2f } });
        layer.SetBias([1f]);

        var y = layer.Forward(Tensor.FromArray(new float[] { 4f, 1f, 2f, 3f }, 2, 2));

        Assert.Equal([0.5f * 4 - 2 * 1 + 1, 0.5f * 2 - 2 * 3 + 1], y.ToArray());
    }

    [Fact]
    public void Forward_WithoutBias_IsPureProduct()
    {
        var layer = new Linear<double>(2, 2, bias: false, random: new Random(2));
        layer.SetWeight(new double[,] { { 1, 2 }, { 3, 4 } });

        var y = layer.Forward(Tensor.FromArray(new double[] { 1, 1 }, 1, 2));

        Assert.Null(layer.Bias);
        Assert.Equal(["weight"], layer.NamedParameters().Select(p => p.Name));
        Assert.Equal([3.0, 7.0], y.ToArray());
    }

    [Fact]
    public void Forward_VectorAndBatchedInputs_KeepLeadingDimensions()
    {
        var layer = new Linear<double>(2, 3, random: new Random(3));
        var rows = Tensor.Uniform([4, 2], -1.0, 1.0, 4);

        var matrix = layer.Forward(rows);
        var vector = layer.Forward(rows.Rows(1, 1).Reshape(2));
        var batched = layer.Forward(rows.Reshape(2, 2, 2));

        Assert.Equal([3], vector.Shape.ToArray());
        Assert.Equal(matrix.Rows(1, 1).ToArray(), vector.ToArray());
        Assert.Equal([2, 2, 3], batched.Shape.ToArray());
        Assert.Equal(matrix.ToArray(), batched.ToArray());
    }

    [Fact]
    public void DefaultInit_StaysWithinOneOverSqrtFanIn_AndFillsTheRange()
    {
        const int inFeatures = 50;
        double bound = 1 / Math.Sqrt(inFeatures);

        var layer = new Linear<double>(inFeatures, 400, random: new Random(5));

        double[] weights = layer.Weight.ToArray(), biases = layer.Bias!.ToArray();
        Assert.All(weights, w => Assert.InRange(w, -bound, bound));
        Assert.All(biases, b => Assert.InRange(b, -bound, bound));
        // 20 000 uniform draws reach within 1% of both ends; a narrower init (e.g. a forgotten √3) would not.
        Assert.True(weights.Max() > 0.99 * bound && weights.Min() < -0.99 * bound);
        // The variance of U(−b, b) is b²/3.
        double variance = weights.Select(w => w * w).Average();
        Assert.InRange(variance, 0.95 * bound * bound / 3, 1.05 * bound * bound / 3);
    }

    [Fact]
    public void DefaultInit_SameSeed_GivesSameValues()
    {
        var a = new Linear<float>(4, 3, random: new Random(42));
        var b = new Linear<float>(4, 3, random: new Random(42));
        var c = new Linear<float>(4, 3, random: new Random(43));

        Assert.Equal(a.ParametersToVector().ToArray(), b.ParametersToVector().ToArray());
        Assert.NotEqual(a.ParametersToVector().ToArray(), c.ParametersToVector().ToArray());
    }

    [Fact]
    public void Backward_GivesHandDerivedGradients()
    {
        var layer = new Linear<double>(2, 1, random: new Random(6));
        layer.SetWeight(new double[,] { { 2, -1 } });
        layer.SetBias([0.5]);
        var x = Tensor.FromArray(new double[,] { { 1, 2 }, { 3, -1 } });

        layer.Forward(x).Sum().Backward();

        // d/dW Σ_r (x_r·w + b) = Σ_r x_r; d/db = number of rows.
        Assert.Equal([4.0, 1.0], layer.Weight.Grad!.ToArray());
        Assert.Equal([2.0], layer.Bias!.Grad!.ToArray());
    }

    [Fact]
    public void Forward_WrongInputWidth_NamesExpectedAndActual()
    {
        var layer = new Linear<double>(3, 2, random: new Random(7));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros<double>(5, 4)));

        Assert.Equal("input", error.ParamName);
        Assert.Contains("inFeatures = 3", error.Message);
        Assert.Contains("[5, 4]", error.Message);
    }

    [Fact]
    public void Constructor_NonPositiveSizes_Throw()
    {
        var inError = Assert.Throws<ArgumentOutOfRangeException>(() => new Linear<double>(0, 2));
        var outError = Assert.Throws<ArgumentOutOfRangeException>(() => new Linear<double>(2, -1));

        Assert.Equal("inFeatures", inError.ParamName);
        Assert.Equal("outFeatures", outError.ParamName);
    }

    [Fact]
    public void SetWeightAndBias_WrongShapes_Throw()
    {
        var layer = new Linear<double>(3, 2, random: new Random(8));
        var noBias = new Linear<double>(3, 2, bias: false, random: new Random(8));

        var weightError = Assert.Throws<ArgumentException>(() => layer.SetWeight(new double[3, 2]));
        var biasError = Assert.Throws<ArgumentException>(() => layer.SetBias([1.0]));
        Assert.Throws<InvalidOperationException>(() => noBias.SetBias([1.0, 2.0]));

        Assert.Contains("[3, 2]", weightError.Message);
        Assert.Contains("[2, 3]", weightError.Message);
        Assert.Contains("1 values", biasError.Message);
    }

    [Fact]
    public void SetWeight_KeepsTheParameterTensor()
    {
        var layer = new Linear<double>(1, 1, random: new Random(9));
        var before = layer.Parameter("weight");

        layer.SetWeight(new double[,] { { 3 } });

        Assert.Same(before, layer.Weight);
        Assert.Equal(3.0, layer.Weight.Item());
    }
}
