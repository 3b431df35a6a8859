using ImageMagick;
using NeuroScope.Experiments.Fit;
using NeuroScope.Plotting.Fit;
using SkiaSharp;

namespace NeuroScope.Plotting.Tests.Fit;

public sealed class FitAnimationTests : IDisposable
{
    private readonly TempFolder _temp = new("fit-plot");

    // The fake ffmpeg is written straight into the folder, so it must exist before a test starts.
    public FitAnimationTests() => Directory.CreateDirectory(Folder);

    private string Folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private static FitResult Run(int dimension = 1) => FunctionFit.Run(new FitConfig
    {
        InputDimension = dimension, Target = dimension == 1 ? "sin" : "sin_cos2d", Steps = 40, FrameEvery = 5,
        SharpnessEvery = 10, PowerIterations = 5, Hidden = [8], Samples = 60, GridPoints = 100, GridPoints2d = 12,
    });

    [Fact]
    public void Save_WithoutFfmpeg_WritesAGifWithOneFramePerFrameStep()
    {
        var result = Run();

        var outcome = FitAnimation.Save(result, Folder, new FitAnimationOptions(Width: 400, Height: 300, Ffmpeg: ""));

        Assert.Equal("gif", outcome.Format);
        Assert.Null(outcome.Warning);
        using var frames = new MagickImageCollection(outcome.Path);
        Assert.Equal(result.Frames.Count, frames.Count);
        Assert.Equal(8, frames.Count);
        Assert.Equal(400u, frames[0].Width);
        Assert.Equal(300u, frames[0].Height);
    }

    [Fact]
    public void Save_GifFrames_DecodeToTheRenderedDashboards()
    {
        var result = Run();
        var outcome = FitAnimation.Save(result, Folder, new FitAnimationOptions(Width: 400, Height: 300, Ffmpeg: ""));

        using var frames = new MagickImageCollection(outcome.Path);
        frames.Coalesce();
        using var expected = SKBitmap.Decode(FitDashboard.RenderPng(result, 3, 400, 300));
        using var pixels = frames[3].GetPixels();

        // The palette has 255 colors, so compare with a tolerance; a wrong or shifted frame differs by far more.
        long difference = 0;
        for (int y = 0; y < 300; y += 3)
            for (int x = 0; x < 400; x += 3)
            {
                var actual = pixels.GetPixel(x, y).ToColor()!;
                var want = expected.GetPixel(x, y);
                difference += Math.Abs(actual.R - want.Red) + Math.Abs(actual.G - want.Green) + Math.Abs(actual.B - want.Blue);
            }
        double mean = difference / (100.0 * 134 * 3);
        Assert.True(mean < 6, $"mean channel difference {mean}");
    }

    [Fact]
    public void Save_FailingFfmpeg_WarnsAndFallsBackToGif()
    {
        if (OperatingSystem.IsWindows())
            return;
        string fake = Path.Combine(Folder, "ffmpeg");
        File.WriteAllText(fake, "#!/bin/sh\necho 'Unknown encoder libx264' >&2\nexit 1\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var result = Run();

        var outcome = FitAnimation.Save(result, Folder, new FitAnimationOptions(Width: 400, Height: 300, Ffmpeg: fake));

        Assert.Equal("gif", outcome.Format);
        Assert.Contains("ffmpeg failed", outcome.Warning);
        Assert.True(File.Exists(Path.Combine(Folder, "animation.gif")));
        Assert.False(File.Exists(Path.Combine(Folder, "animation.mp4")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SavePng_Dashboard_DecodesAndIsNotBlank(int dimension)
    {
        var result = Run(dimension);

        string path = FitDashboard.SavePng(result, Path.Combine(Folder, "dashboard.png"));

        using var bitmap = PngAssert.DecodeValidPicture(path, FitDashboard.DefaultWidth, FitDashboard.DefaultHeight);
        Assert.Equal(FitDashboard.DefaultWidth, bitmap.Width);
        Assert.Equal(FitDashboard.DefaultHeight, bitmap.Height);
        int colors = PngAssert.DistinctColors(bitmap, stride: 7);
        Assert.True(colors > 20, $"only {colors} colors");
    }

    [Fact]
    public void RenderPng_2d_HasAColorBarBesideTheSurfaces()
    {
        var result = Run(2);

        using var bitmap = SKBitmap.Decode(FitDashboard.RenderPng(result));

        // The bar spans the top row's right edge: viridis yellow near its top, dark purple near its bottom.
        var top = bitmap.GetPixel(1002, 96);
        var bottom = bitmap.GetPixel(1002, 384);
        Assert.True(top.Red > 180 && top.Green > 180 && top.Blue < 120, $"no color bar top at (1002, 96): {top}");
        Assert.True(bottom.Red < 100 && bottom.Green < 60 && bottom.Blue > 60, $"no color bar bottom at (1002, 384): {bottom}");
    }

    [Fact]
    public void RenderPng_2d_ThePredictionSurfaceMovesBetweenFramesAndTheTargetStaysPut()
    {
        var result = Run(2);

        using var first = SKBitmap.Decode(FitDashboard.RenderPng(result, 0));
        using var last = SKBitmap.Decode(FitDashboard.RenderPng(result, -1));

        // Top row: the prediction's panel is the left ~490 pixels, the target's the next ~490 (rows 50..430).
        Assert.True(Changed(first, last, 0, 490, 60, 430) > 500, "the prediction surface did not change from the first frame to the last");
        Assert.Equal(0, Changed(first, last, 500, 975, 60, 430));
    }

    private static int Changed(SKBitmap a, SKBitmap b, int left, int right, int top, int bottom)
    {
        int count = 0;
        for (int y = top; y < bottom; y++)
            for (int x = left; x < right; x++)
                if (a.GetPixel(x, y) != b.GetPixel(x, y))
                    count++;
        return count;
    }

    [Fact]
    public void RenderPng_FrameOutOfRange_NamesTheAllowedRange()
    {
        var result = Run();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FitDashboard.RenderPng(result, 99));

        Assert.Contains("0..7", error.Message);
    }
}
