using NeuroScope.Cli.Runs;

namespace NeuroScope.Cli.Tests.Runs;

/// <summary>The one metrics.csv reader of the board, the report and the sweep: series per column and stage, thinned without losing spikes, counters left out.</summary>
public sealed class MetricsFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroscope-metrics-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Downsample_LongSeries_KeepsTheEndsAndEverySpikeWithinTheLimit()
    {
        double[] x = [.. Enumerable.Range(0, 100_000).Select(i => (double)i)];
        double[] y = [.. x.Select(v => Math.Sin(v / 1000))];
        y[31_337] = 50;
        y[77_777] = -40;

        var kept = MetricsFile.Downsample("loss", 0, x, y, 2000);

        Assert.Equal(100_000, kept.Total);
        Assert.InRange(kept.X.Length, 1500, 2000);
        Assert.Equal((0.0, 99_999.0), (kept.X[0], kept.X[^1]));
        Assert.Contains(31_337.0, kept.X);
        Assert.Contains(77_777.0, kept.X);
        Assert.Equal(50, kept.Y.Max());
        Assert.Equal(-40, kept.Y.Min());
        Assert.True(kept.X.Zip(kept.X.Skip(1)).All(p => p.First < p.Second), "the kept points are not in x order");
    }

    [Fact]
    public void Downsample_ShortSeries_IsUnchanged()
    {
        var kept = MetricsFile.Downsample("loss", 0, [1, 2, 3], [3, 1, 2], 2000);

        Assert.Equal([1.0, 2, 3], kept.X);
        Assert.Equal([3.0, 1, 2], kept.Y);
    }

    [Fact]
    public void Read_CounterColumn_IsLeftOutLikeTheStep()
    {
        string path = Path.Combine(_folder, "metrics.csv");
        File.WriteAllText(path, "stage,step,epoch,loss\n0,1,1,0.5\n0,2,2,0.25\n");

        var view = MetricsFile.Read(path, 2000, ["epoch"]);

        Assert.Equal(["loss"], view.Columns);
        Assert.Equal(["loss"], view.Series.Select(s => s.Column));
        Assert.Equal(["stage", "step", "epoch", "loss"], view.Header);
    }

    [Fact]
    public void Read_StagesAndALineOnItsWay_OneSeriesPerStageAndOnlyWholeLines()
    {
        string path = Path.Combine(_folder, "metrics.csv");
        File.WriteAllText(path, "stage,step,loss\n0,1,0.5\n1,1,0.9\n0,2,0.25\n1,2,0.");

        var view = MetricsFile.Read(path, 2000, []);

        Assert.True(view.Cut);
        Assert.Equal(3, view.Rows);
        Assert.Equal([(0, new[] { 0.5, 0.25 }), (1, new[] { 0.9 })], view.Series.Select(s => (s.Stage, s.Y)));
    }
}
