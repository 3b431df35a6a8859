using System.Globalization;
using NeuroScope.Experiments.Files;
using NeuroScope.Tests.Training;
using NeuroScope.Training;

namespace NeuroScope.Experiments.Tests.Files;

public class CsvMetricsLoggerTests
{
    [Fact]
    public void CsvMetricsLogger_WritesHeaderAndOneFlushedLinePerEpoch_InInvariantFullPrecision()
    {
        // Epoch e has loss 1/(e + 3) and logs "half" = loss / 2; a comma-decimal culture must not leak into the file.
        using var folder = new TempFolder();
        var module = new ScriptedLossModule((epoch, _, _) => 1.0 / (epoch + 3), (m, epoch, _) => m.Log("half", 0.5 / (epoch + 3)));
        var linesAtEpochEnd = new List<int>();
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        var saved = CultureInfo.CurrentCulture;
        TrainingResult result;
        string[] lines;
        try
        {
            CultureInfo.CurrentCulture = culture;
            using var csv = new CsvMetricsLogger(folder.File("run/metrics.csv"));
            var progress = new SyncProgress<TrainingProgress>(p =>
            {
                if (p.EpochCompleted)
                    linesAtEpochEnd.Add(TrainingData.ReadLinesShared(csv.Path).Length);
            });
            var trainer = new Trainer<double>(maxEpochs: 3, callbacks: [csv], progress: progress);

            result = trainer.Fit(module, TrainingData.Numbered(2));
            lines = TrainingData.ReadLinesShared(csv.Path);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Equal([2, 3, 4], linesAtEpochEnd);
        Assert.Equal(4, lines.Length);
        Assert.Equal("epoch,step,loss,half", lines[0]);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var fields = lines[epoch + 1].Split(',');
            Assert.Equal(4, fields.Length);
            Assert.Equal(epoch, int.Parse(fields[0], CultureInfo.InvariantCulture));
            Assert.Equal(2 * (epoch + 1), long.Parse(fields[1], CultureInfo.InvariantCulture));
            Assert.Equal(result.History[epoch].Loss, double.Parse(fields[2], CultureInfo.InvariantCulture));
            Assert.Equal(1.0 / (epoch + 3), double.Parse(fields[2], CultureInfo.InvariantCulture));
            Assert.Equal(0.5 / (epoch + 3), double.Parse(fields[3], CultureInfo.InvariantCulture));
        }
        Assert.Equal("0.3333333333333333", lines[1].Split(',')[2]);
    }

    [Fact]
    public void CsvMetricsLogger_MetricFirstLoggedLater_WidensHeaderAndKeepsEarlierLines()
    {
        using var folder = new TempFolder();
        var module = new ScriptedLossModule((_, _, _) => 2.0, (m, epoch, _) =>
        {
            if (epoch >= 1)
                m.Log("accuracy", 0.25 * epoch);
        });
        string[] lines;
        using (var csv = new CsvMetricsLogger(folder.File("metrics.csv")))
        {
            new Trainer<double>(maxEpochs: 3, callbacks: [csv]).Fit(module, TrainingData.Numbered(1));
            lines = TrainingData.ReadLinesShared(csv.Path);
        }

        Assert.Equal(["epoch,step,loss,accuracy", "0,1,2,", "1,2,2,0.25", "2,3,2,0.5"], lines);
        Assert.False(File.Exists(folder.File("metrics.csv.tmp")));
    }

    [Fact]
    public void CsvMetricsLogger_TrainingCancelledMidEpoch_KeepsWholeLinesOfFinishedEpochs()
    {
        // Four batches per epoch; cancelling after batch 2 of epoch 1 stops before that epoch is recorded.
        using var folder = new TempFolder();
        using var cancellation = new CancellationTokenSource();
        var module = new LineModule(initialWeight: 0, learningRate: 0.01);
        var progress = new SyncProgress<TrainingProgress>(p =>
        {
            if (p.Epoch == 1 && p.BatchesDone == 2 && !p.EpochCompleted)
                cancellation.Cancel();
        });
        TrainingResult result;
        string[] lines;
        using (var csv = new CsvMetricsLogger(folder.File("metrics.csv")))
        {
            result = new Trainer<double>(maxEpochs: 5, callbacks: [csv], progress: progress).Fit(module, TrainingData.Numbered(4), cancellation.Token);
            lines = TrainingData.ReadLinesShared(csv.Path);
        }

        Assert.Equal(TrainingStopReason.Cancelled, result.StopReason);
        Assert.Equal(["epoch,step,loss", "0,4," + result.History[0].Loss.ToString("R", CultureInfo.InvariantCulture)], lines);
        Assert.EndsWith("\n", TrainingData.ReadAllShared(folder.File("metrics.csv")));
    }

    [Fact]
    public void CsvMetricsLogger_AfterDispose_RefusesToWrite()
    {
        using var folder = new TempFolder();
        var csv = new CsvMetricsLogger(folder.File("metrics.csv"));
        csv.Dispose();
        var module = new ScriptedLossModule((_, _, _) => 1.0);

        Assert.Throws<ObjectDisposedException>(() => new Trainer<double>(maxEpochs: 1, callbacks: [csv]).Fit(module, TrainingData.Numbered(1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void CsvMetricsLogger_BlankPath_ThrowsNamingPath(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => new CsvMetricsLogger(path));

        Assert.Equal("path", error.ParamName);
    }
}
