using NeuroScope.Experiments.Fit;

namespace NeuroScope.Experiments.Tests.Fit;

public class FitTargetsTests
{
    [Fact]
    public void Create_Poly_UsesGivenAndDefaultParameters()
    {
        var target = FitTargets.Create("poly", new Dictionary<string, double> { ["a"] = 2, ["d"] = 1 });

        double x = 1.5, expected = 2 * x * x * x + 0 * x * x + (-0.3) * x + 1;
        Assert.Equal(expected, target.Evaluate(x), 12);
    }

    [Fact]
    public void Create_SquareAndSawtooth_FollowTheirPeriodAndPhase()
    {
        var square = FitTargets.Create("square", new Dictionary<string, double> { ["period"] = 2, ["phase"] = 0.5 });
        var sawtooth = FitTargets.Create("sawtooth", new Dictionary<string, double> { ["period"] = 4 });

        Assert.Equal(1.0, square.Evaluate(0.75));
        Assert.Equal(-1.0, square.Evaluate(1.75));
        Assert.Equal(1.0, square.Evaluate(2.75));
        Assert.Equal(2 * (1.0 / 4) - 1, sawtooth.Evaluate(1.0), 12);
        Assert.Equal(2 * (1.0 / 4) - 1, sawtooth.Evaluate(5.0), 12);
    }

    [Fact]
    public void Create_Rbf2dAndSinCos2d_AreTwoDimensional()
    {
        var bump = FitTargets.Create("rbf2d", new Dictionary<string, double> { ["cx"] = 1, ["w"] = 2 });
        var wave = FitTargets.Create("sin_cos2d");

        Assert.Equal(2, bump.InputDimension);
        Assert.Equal(Math.Exp(-(1.0 + 4.0) / 8), bump.Evaluate(2, 2), 12);
        Assert.Equal(Math.Sin(0.3) + 0.5 * Math.Cos(0.4), wave.Evaluate(0.3, 0.4), 12);
    }

    [Fact]
    public void Create_Rbf_SumsItsBumps()
    {
        var target = FitTargets.Create("rbf", new Dictionary<string, double> { ["c4"] = 5, ["w4"] = 0.5, ["h4"] = 2 });

        double x = 4.6, expected = 0;
        foreach (var (c, w, h) in new[] { (-3.0, 0.8, 1.0), (0.0, 1.2, -0.7), (2.5, 0.6, 0.9), (5.0, 0.5, 2.0) })
            expected += h * Math.Exp(-(x - c) * (x - c) / (2 * w * w));
        Assert.Equal(expected, target.Evaluate(x), 12);
    }

    [Fact]
    public void FitTargets_UnknownFunction_ListsKnownNames()
    {
        var error = Assert.Throws<ConfigException>(() => FitTargets.Create("tangent"));

        Assert.Equal("target", error.Field);
        Assert.Contains("'tangent'", error.Message);
        Assert.Contains("sin, cos, sinc, poly", error.Message);
    }

    [Fact]
    public void Create_UnknownParameter_NamesTheAllowedOnes()
    {
        var error = Assert.Throws<ConfigException>(() => FitTargets.Create("poly", new Dictionary<string, double> { ["q"] = 1 }));

        Assert.Equal("targetParameters", error.Field);
        Assert.Contains("a, b, c, d", error.Message);
    }

    [Fact]
    public void FormatParameters_OfSin_IsEmptyBraces()
    {
        Assert.Equal("{}", FitTargets.Create("sin").FormatParameters());
    }
}
