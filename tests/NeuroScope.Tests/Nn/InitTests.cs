using NeuroScope.Nn;

namespace NeuroScope.Tests.Nn;

public class InitTests
{
    // [out, in] = [400, 600]: 240 000 samples estimate a standard deviation to about 0.15%, so 2% is a wide margin
    // that still catches a wrong fan (400 vs 600 is 22%) or a missing √3 (42%).
    private const int Out = 400, In = 600;

    private static (double Mean, double Std) Moments(Tensor<double> t)
    {
        var values = t.ToArray();
        double mean = values.Average();
        return (mean, Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average()));
    }

    private static void AssertMoments(Tensor<double> t, double expectedStd)
    {
        var (mean, std) = Moments(t);
        Assert.InRange(std, 0.98 * expectedStd, 1.02 * expectedStd);
        Assert.InRange(mean, -0.02 * expectedStd, 0.02 * expectedStd);
    }

    [Fact]
    public void XavierUniform_HasStdGainTimesSqrtTwoOverFanSum_AndBound()
    {
        var w = Tensor.Zeros<double>(Out, In);
        double gain = 5.0 / 3.0, bound = gain * Math.Sqrt(6.0 / (In + Out));

        Init.XavierUniform(w, new Random(1), gain);

        AssertMoments(w, gain * Math.Sqrt(2.0 / (In + Out)));
        Assert.All(w.ToArray(), v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void XavierNormal_HasStdGainTimesSqrtTwoOverFanSum()
    {
        var w = Tensor.Zeros<double>(Out, In);

        Init.XavierNormal(w, new Random(2));

        AssertMoments(w, Math.Sqrt(2.0 / (In + Out)));
    }

    [Theory]
    [InlineData(FanMode.FanIn, In)]
    [InlineData(FanMode.FanOut, Out)]
    public void KaimingUniform_HasStdGainOverSqrtFan_AndBound(FanMode mode, int fan)
    {
        var w = Tensor.Zeros<double>(Out, In);
        double bound = Math.Sqrt(2) * Math.Sqrt(3.0 / fan);

        Init.KaimingUniform(w, new Random(3), mode: mode);

        AssertMoments(w, Math.Sqrt(2) / Math.Sqrt(fan));
        Assert.All(w.ToArray(), v => Assert.InRange(v, -bound, bound));
    }

    [Theory]
    [InlineData(FanMode.FanIn, In)]
    [InlineData(FanMode.FanOut, Out)]
    public void KaimingNormal_HasStdGainOverSqrtFan(FanMode mode, int fan)
    {
        var w = Tensor.Zeros<double>(Out, In);

        Init.KaimingNormal(w, new Random(4), gain: 1.0, mode: mode);

        AssertMoments(w, 1.0 / Math.Sqrt(fan));
    }

    [Fact]
    public void KaimingNormal_Float_HasExpectedStd()
    {
        var w = Tensor.Zeros<float>(Out, In);

        Init.KaimingNormal(w, new Random(5));

        AssertMoments(w.ToDouble(), Math.Sqrt(2.0 / In));
    }

    [Fact]
    public void Fans_IncludeTheReceptiveField_AsPyTorch()
    {
        var kernel = Tensor.Zeros<double>(16, 8, 3, 3);

        var (fanIn, fanOut) = Init.Fans(kernel);

        Assert.Equal(8 * 9, fanIn);
        Assert.Equal(16 * 9, fanOut);
    }

    [Fact]
    public void Fans_Vector_ThrowsNamingTheShape()
    {
        var error = Assert.Throws<ArgumentException>(() => Init.XavierUniform(Tensor.Zeros<double>(5), new Random(6)));

        Assert.Contains("XavierUniform", error.Message);
        Assert.Contains("[5]", error.Message);
    }

    [Fact]
    public void Initializers_SameSeed_GiveSameValues()
    {
        var a = Init.XavierNormal(Tensor.Zeros<double>(3, 4), new Random(7));
        var b = Init.XavierNormal(Tensor.Zeros<double>(3, 4), new Random(7));

        Assert.Equal(a.ToArray(), b.ToArray());
    }

    [Fact]
    public void ZerosAndConstant_FillInPlace()
    {
        var t = Tensor.Ones<float>(2, 3);

        var same = Init.Constant(t, 0.5);
        var zeros = Init.Zeros(Tensor.Ones<double>(4));

        Assert.Same(t, same);
        Assert.All(t.ToArray(), v => Assert.Equal(0.5f, v));
        Assert.All(zeros.ToArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void NegativeGain_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Init.KaimingUniform(Tensor.Zeros<double>(2, 2), new Random(8), gain: -1));

        Assert.Equal("gain", error.ParamName);
    }
}
