using NeuroScope.Experiments.Copy;
using NeuroScope.Plotting.Copy;

namespace NeuroScope.Plotting.Tests.Copy;

public sealed class CopyPlotsTests : IDisposable
{
    private readonly TempFolder _temp = new("copy-plots");

    private string Folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WriteAll_AllWaysAndSweep_WritesDecodablePictures()
    {
        var result = CopyNumber.Run(new CopyConfig { MseEpochs = 50, RewardEpochs = 2000, PureEpochs = 2000, Sweep = true });

        var paths = CopyPlots.WriteAll(result, Folder);

        string[] expected = ["loss_mse.png", "loss_reward.png", "loss_pure.png", "reward.png", "outputs.png", "outputs_far.png", "sweep.png"];
        Assert.Equal(expected, paths.Select(Path.GetFileName));
        foreach (string path in paths)
            PngAssert.AssertValidPicture(path, minWidth: 800, minHeight: 500, minBytes: 10_000);
    }

    [Fact]
    public void WriteAll_OneWay_WritesOnlyItsPictures()
    {
        var result = CopyNumber.Run(new CopyConfig { Way = CopyWay.Pure, PureEpochs = 100 });

        var paths = CopyPlots.WriteAll(result, Folder);

        Assert.Equal(["loss_pure.png", "outputs.png", "outputs_far.png"], paths.Select(Path.GetFileName));
    }

    [Fact]
    public void LossCurve_PerfectFit_StillDrawsOnLogAxis()
    {
        var way = CopyNumber.Run(new CopyConfig { Way = CopyWay.Pure }).Pure!;
        string path = Path.Combine(Folder, "pure.png");
        Directory.CreateDirectory(Folder);

        CopyPlots.LossCurve(way, new CopyConfig(), path);

        PngAssert.AssertValidPicture(path, minWidth: 1, minHeight: 1);
    }

    [Fact]
    public void RewardCurve_WithoutTrace_Throws()
    {
        var way = CopyNumber.Run(new CopyConfig { Way = CopyWay.Pure, PureEpochs = 10 }).Pure!;

        var error = Assert.Throws<ArgumentException>(() => CopyPlots.RewardCurve(way, new CopyConfig(), Path.Combine(Folder, "r.png")));

        Assert.Equal("reward", error.ParamName);
    }
}
