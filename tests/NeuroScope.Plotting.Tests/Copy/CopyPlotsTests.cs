using NeuroScope.Experiments.Copy;
using NeuroScope.Plotting.Copy;
using SkiaSharp;

namespace NeuroScope.Plotting.Tests.Copy;

public sealed class CopyPlotsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "copy-plots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void WriteAll_AllWaysAndSweep_WritesDecodablePictures()
    {
        var result = CopyNumber.Run(new CopyConfig { MseEpochs = 50, RewardEpochs = 2000, PureEpochs = 2000, Sweep = true });

        var paths = CopyPlots.WriteAll(result, _directory);

        string[] expected = ["loss_mse.png", "loss_reward.png", "loss_pure.png", "reward.png", "outputs.png", "outputs_far.png", "sweep.png"];
        Assert.Equal(expected, paths.Select(Path.GetFileName));
        foreach (string path in paths)
        {
            using var bitmap = SKBitmap.Decode(path);
            Assert.NotNull(bitmap);
            Assert.True(bitmap.Width >= 800 && bitmap.Height >= 500, $"{path}: {bitmap.Width}x{bitmap.Height}");
            Assert.True(new FileInfo(path).Length > 10_000, $"{path} is nearly empty");
        }
    }

    [Fact]
    public void WriteAll_OneWay_WritesOnlyItsPictures()
    {
        var result = CopyNumber.Run(new CopyConfig { Way = CopyWay.Pure, PureEpochs = 100 });

        var paths = CopyPlots.WriteAll(result, _directory);

        Assert.Equal(["loss_pure.png", "outputs.png", "outputs_far.png"], paths.Select(Path.GetFileName));
    }

    [Fact]
    public void LossCurve_PerfectFit_StillDrawsOnLogAxis()
    {
        var way = CopyNumber.Run(new CopyConfig { Way = CopyWay.Pure }).Pure!;
        string path = Path.Combine(_directory, "pure.png");
        Directory.CreateDirectory(_directory);

        CopyPlots.LossCurve(way, new CopyConfig(), path);

        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
    }

    [Fact]
    public void RewardCurve_WithoutTrace_Throws()
    {
        var way = CopyNumber.Run(new CopyConfig { Way = CopyWay.Pure, PureEpochs = 10 }).Pure!;

        var error = Assert.Throws<ArgumentException>(() => CopyPlots.RewardCurve(way, new CopyConfig(), Path.Combine(_directory, "r.png")));

        Assert.Equal("reward", error.ParamName);
    }
}
