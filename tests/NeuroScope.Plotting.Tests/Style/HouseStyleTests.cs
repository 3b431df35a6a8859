using NeuroScope.Plotting.Style;
using ScottPlot;
using SkiaSharp;

namespace NeuroScope.Plotting.Tests.Style;

public sealed class HouseStyleTests
{
    [Fact]
    public void HouseFont_IsTheEmbeddedDejaVuSansWithTheGlyphsThePicturesUse()
    {
        var face = HouseFont.Regular;

        Assert.Equal("DejaVu Sans", face.FamilyName);
        Assert.True(HouseFont.Bold.IsBold);
        using var font = new SKFont(face, 12);
        Assert.True(font.ContainsGlyphs("λₘₐₓ log₁₀ 10⁻³ Δθ · v − τ"), "the embedded font lacks a Greek, subscript or superscript glyph the pictures write");
    }

    [Fact]
    public void HouseFont_AfterRegister_ScottPlotResolvesTheFamilyToTheEmbeddedFaces()
    {
        HouseFont.Register();

        Assert.Same(HouseFont.Regular, Fonts.GetTypeface(HouseFont.Family, bold: false, italic: false));
        Assert.Same(HouseFont.Bold, Fonts.GetTypeface(HouseFont.Family, bold: true, italic: false));
        Assert.Equal(HouseFont.Family, Fonts.Default);
    }

    [Fact]
    public void ChartsNew_EveryTextOfThePlot_UsesTheHouseFamily()
    {
        var plot = Charts.New("title", "x", "y");
        plot.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0, 1 }).LegendText = "line";
        Charts.Legend(plot);

        Assert.Equal(HouseFont.Family, plot.Axes.Title.Label.FontName);
        Assert.Equal(HouseFont.Family, plot.Axes.Bottom.Label.FontName);
        Assert.Equal(HouseFont.Family, plot.Axes.Left.Label.FontName);
        Assert.Equal(HouseFont.Family, plot.Axes.Bottom.TickLabelStyle.FontName);
        Assert.Equal(HouseFont.Family, plot.Axes.Left.TickLabelStyle.FontName);
        Assert.Equal(HouseFont.Family, plot.Legend.FontName);
    }

    [Fact]
    public void Legend_SitsOutsideTheDataArea_SoNoDataPixelIsCovered()
    {
        // A line filling the whole data area from corner to corner: an inside legend in any corner would cover part of it.
        var plot = Charts.New("t", "x", "y");
        var line = plot.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0, 1 }, Colors.Red);
        line.LineWidth = 3;
        line.LegendText = "a long legend entry that would cover the line";
        Charts.Legend(plot);
        plot.Axes.SetLimits(0, 1, 0, 1);

        using var bitmap = SKBitmap.Decode(plot.GetImageBytes(600, 400, ImageFormat.Png));
        var data = plot.RenderManager.LastRender.DataRect;

        // Sample the diagonal inside the data area: every sample is red.
        for (int k = 1; k < 20; k++)
        {
            int x = (int)(data.Left + data.Width * k / 20), y = (int)(data.Bottom - data.Height * k / 20);
            var c = bitmap.GetPixel(x, y);
            Assert.True(c.Red > 180 && c.Green < 120, $"the line at ({x}, {y}) is covered: {c}");
        }
        Assert.True(data.Bottom < 400 - 40, "the legend panel below the axis takes no room");
    }

    [Theory]
    [InlineData(-3, "10⁻³")]
    [InlineData(0, "10⁰")]
    [InlineData(12, "10¹²")]
    public void PowerOfTen_WritesARealSuperscript(double exponent, string expected) =>
        Assert.Equal(expected, Charts.PowerOfTen(exponent));

    [Fact]
    public void Outline_IsDarkAroundLightColorsAndLightAroundDarkOnes()
    {
        Assert.Equal(HousePalette.Ink, Charts.Outline(Colors.White));
        Assert.Equal(Colors.White, Charts.Outline(HousePalette.Ink));
    }
}
