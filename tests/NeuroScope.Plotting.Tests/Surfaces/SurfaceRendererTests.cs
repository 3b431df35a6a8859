using NeuroScope.Plotting.Surfaces;
using SkiaSharp;

namespace NeuroScope.Plotting.Tests.Surfaces;

public sealed class SurfaceRendererTests
{
    private static readonly SurfaceBounds Unit = new(0, 10, -5, 5, 0, 1);

    [Fact]
    public void Project_StraightDownOrthographic_MapsTheFloorOntoTheSquareLikeAMap()
    {
        var projection = new SurfaceProjection(new SKRect(0, 0, 100, 100), Unit, new SurfaceCamera(0, 90, double.PositiveInfinity));

        var topLeft = projection.Project(0, 5, 0);
        var bottomRight = projection.Project(10, -5, 0);
        var center = projection.Project(5, 0, 0.5);

        Assert.Equal(0, topLeft.X, 0.5);
        Assert.Equal(0, topLeft.Y, 0.5);
        Assert.Equal(100, bottomRight.X, 0.5);
        Assert.Equal(100, bottomRight.Y, 0.5);
        Assert.Equal(50, center.X, 0.5);
        Assert.Equal(50, center.Y, 0.5);
    }

    [Fact]
    public void Project_LevelView_ShowsHeightUpAndXToTheRight()
    {
        var projection = new SurfaceProjection(new SKRect(0, 0, 200, 200), Unit, new SurfaceCamera(0, 0, double.PositiveInfinity));

        var low = projection.Project(0, 0, 0);
        var high = projection.Project(0, 0, 1);
        var right = projection.Project(10, 0, 0);

        Assert.True(high.Y < low.Y, "a higher point is drawn higher");
        Assert.True(right.X > low.X, "larger x is drawn further right");
        // The box is as tall as HeightRatio of its width: the height spans that fraction of the x extent.
        Assert.Equal(SurfaceProjection.HeightRatio, (low.Y - high.Y) / (right.X - low.X), 3);
    }

    [Fact]
    public void Project_DefaultCamera_TheNearestFloorCornerIsTheLowestAndTheNearest()
    {
        var projection = new SurfaceProjection(new SKRect(0, 0, 400, 300), Unit, SurfaceCamera.Default);
        var corners = new[] { (0.0, -5.0), (10.0, -5.0), (0.0, 5.0), (10.0, 5.0) };

        var lowest = corners.MaxBy(c => projection.Project(c.Item1, c.Item2, 0).Y);
        var nearest = corners.MinBy(c => projection.Depth(c.Item1, c.Item2, 0));

        Assert.Equal((0.0, -5.0), lowest);
        Assert.Equal((0.0, -5.0), nearest);
        Assert.True(projection.Depth(0, -5, 1) < projection.Depth(0, -5, 0), "seen from above, a higher point is nearer");
    }

    [Fact]
    public void Project_FitsTheWholeBoxInsideTheRectangle()
    {
        var rect = new SKRect(20, 30, 320, 230);
        var projection = new SurfaceProjection(rect, Unit, SurfaceCamera.Default);

        foreach (double x in (double[])[0, 10])
            foreach (double y in (double[])[-5, 5])
                foreach (double z in (double[])[0, 1])
                {
                    var p = projection.Project(x, y, z);
                    Assert.InRange(p.X, rect.Left - 0.5f, rect.Right + 0.5f);
                    Assert.InRange(p.Y, rect.Top - 0.5f, rect.Bottom + 0.5f);
                }
    }

    [Fact]
    public void DrawSurface_TwoDifferentSurfaces_GiveDifferentPictures_AndTheSameSurfaceTheSame()
    {
        double[] xs = Linspace(0, 10, 25), ys = Linspace(-5, 5, 25);
        double[] bowl = Grid(xs, ys, (x, y) => ((x - 5) * (x - 5) + y * y) / 50);
        double[] ridge = Grid(xs, ys, (x, y) => 0.5 + 0.5 * Math.Sin(x));

        using var a = Render(xs, ys, bowl);
        using var b = Render(xs, ys, ridge);
        using var again = Render(xs, ys, bowl);

        Assert.True(Difference(a, b) > 2_000, "two different surfaces drew nearly the same picture");
        Assert.Equal(0, Difference(a, again));
    }

    [Fact]
    public void DrawSurface_PaintsQuadsInsideTheBox_AndLeavesOutThoseWithAMissingCorner()
    {
        double[] xs = Linspace(0, 10, 11), ys = Linspace(-5, 5, 11);
        double[] flat = Grid(xs, ys, (_, _) => 0.5);
        double[] holes = (double[])flat.Clone();
        Array.Fill(holes, double.NaN);

        using var drawn = Render(xs, ys, flat);
        using var empty = Render(xs, ys, holes);

        Assert.True(Colored(drawn) > 5_000, "the surface drew almost nothing");
        Assert.Equal(0, Colored(empty));
    }

    [Fact]
    public void DrawColorBar_RunsFromTheLowColorAtTheBottomToTheHighColorAtTheTop()
    {
        using var bitmap = new SKBitmap(200, 300);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            SurfaceRenderer.DrawColorBar(canvas, new SKRect(20, 20, 40, 280), -1, 1, "value");
        }

        var top = bitmap.GetPixel(30, 25);
        var bottom = bitmap.GetPixel(30, 275);

        // Viridis: yellow at the top, dark purple at the bottom.
        Assert.True(top.Red > 200 && top.Green > 200 && top.Blue < 100, $"top {top}");
        Assert.True(bottom.Red < 90 && bottom.Green < 40 && bottom.Blue > 60, $"bottom {bottom}");
    }

    [Theory]
    [InlineData(0, 1, 5, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(-12.5, 12.5, 5, new[] { -10.0, -5, 0, 5, 10 })]
    public void NiceTicks_AreRoundValuesInsideTheRange(double min, double max, int count, double[] expected) =>
        Assert.Equal(expected, SurfaceRenderer.NiceTicks(min, max, count));

    private static SKBitmap Render(double[] xs, double[] ys, double[] z)
    {
        var bitmap = new SKBitmap(new SKImageInfo(320, 240, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        var projection = new SurfaceProjection(new SKRect(10, 10, 310, 230), Unit, SurfaceCamera.Default);
        SurfaceRenderer.DrawSurface(canvas, projection, Unit, xs, ys, z, 0, 1);
        return bitmap;
    }

    private static long Difference(SKBitmap a, SKBitmap b)
    {
        long sum = 0;
        for (int y = 0; y < a.Height; y += 2)
            for (int x = 0; x < a.Width; x += 2)
            {
                SKColor p = a.GetPixel(x, y), q = b.GetPixel(x, y);
                sum += Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue);
            }
        return sum / 100;
    }

    private static int Colored(SKBitmap bitmap)
    {
        int count = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (bitmap.GetPixel(x, y) != SKColors.White)
                    count++;
        return count;
    }

    private static double[] Linspace(double a, double b, int n) => Enumerable.Range(0, n).Select(i => a + (b - a) * i / (n - 1)).ToArray();

    private static double[] Grid(double[] xs, double[] ys, Func<double, double, double> f)
    {
        var z = new double[xs.Length * ys.Length];
        for (int j = 0; j < ys.Length; j++)
            for (int i = 0; i < xs.Length; i++)
                z[j * xs.Length + i] = f(xs[i], ys[j]);
        return z;
    }
}
