using NeuroScope.Plotting.Style;
using NeuroScope.Experiments.Copy;
using ScottPlot;

namespace NeuroScope.Plotting.Copy;

/// <summary>The copy experiment's pictures: loss per epoch of each way, the reward way's reward, outputs against inputs, the sweep.</summary>
public static class CopyPlots
{
    // More points than pixels only slow the renderer; raw noisy series are thinned to this many.
    private const int MaxRawPoints = 4000;

    private static readonly Color[] WayColors = [HousePalette.Blue, HousePalette.Red, HousePalette.Green];

    /// <summary>Writes every picture of <paramref name="result"/> into <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> WriteAll(CopyResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var way in result.Ways)
            if (way.Losses.Length > 0)
                paths.Add(LossCurve(way, result.Config, Path.Combine(directory, $"loss_{Name(way.Way)}.png")));
        if (result.Reward is { Trace: not null } reward && reward.Epochs > 0)
            paths.Add(RewardCurve(reward, result.Config, Path.Combine(directory, "reward.png")));
        if (result.Ways.Count > 0)
        {
            paths.Add(OutputVsInput(result.Ways, Path.Combine(directory, "outputs.png")));
            paths.Add(ErrorFarOut(result.Ways, result.Config.ProbeInputs, Path.Combine(directory, "outputs_far.png")));
        }
        if (result.Sweep.Count > 0)
            paths.Add(SweepLosses(result.Sweep, Path.Combine(directory, "sweep.png")));
        return paths;
    }

    /// <summary>
    /// The way's loss per epoch on a log y axis. The reward way's loss penalty − reward is shifted by +m, its floor, so
    /// it is ≥ 0 and fits a log axis; single-sample ways show each epoch faintly and a moving average boldly.
    /// </summary>
    public static string LossCurve(CopyWayResult way, CopyConfig config, string path)
    {
        ArgumentNullException.ThrowIfNull(way);
        ArgumentNullException.ThrowIfNull(config);
        var (title, label) = way.Way switch
        {
            CopyWay.Mse => ($"MSE + SGD: full-batch loss per epoch ({Dtype(way.Dtype)}, lr {way.LearningRate})", "MSE loss"),
            CopyWay.Reward => ($"Reward and penalty: loss per epoch ({Dtype(way.Dtype)}, {config.DescribeReward()})", "penalty − reward + m  (0 = perfect)"),
            _ => ($"Framework-free: squared error per sample (double, lr {way.LearningRate})", "(x − y)²"),
        };
        double shift = way.Way == CopyWay.Reward ? config.RewardM : 0;
        var values = new double[way.Losses.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = way.Losses[i] + shift;

        var plot = Charts.New(title, "epoch", label + " (log scale)");
        Color color = WayColors[(int)way.Way - 1];
        var epochs = Epochs(values.Length);
        double floor = PositiveFloor(values);
        if (way.Way == CopyWay.Mse)
        {
            var line = plot.Add.ScatterLine(epochs, Charts.Log10(values, floor), color);
            line.LineWidth = 2;
            line.LegendText = "loss";
        }
        else
        {
            var (xs, ys) = Thin(epochs, values);
            var raw = plot.Add.ScatterPoints(xs, Charts.Log10(ys, floor), color.WithAlpha(0.25));
            raw.MarkerSize = 2;
            raw.LegendText = "each epoch (one sample)";
            var smooth = MovingAverage(values, Math.Max(1, values.Length / 100));
            var (sx, sy) = Thin(epochs, smooth);
            var line = plot.Add.ScatterLine(sx, Charts.Log10(sy, floor), color.Darken(0.3));
            line.LineWidth = 2.5f;
            line.LegendText = $"moving average of {Math.Max(1, values.Length / 100)} epochs";
        }
        Charts.LogY(plot);
        Charts.Legend(plot);
        return Charts.Save(plot, path);
    }

    /// <summary>The reward way's reward and penalty per epoch: each epoch faintly, and their moving averages.</summary>
    public static string RewardCurve(CopyWayResult reward, CopyConfig config, string path)
    {
        ArgumentNullException.ThrowIfNull(reward);
        ArgumentNullException.ThrowIfNull(config);
        var trace = reward.Trace ?? throw new ArgumentException("RewardCurve needs the reward way's result, which carries a trace.", nameof(reward));
        var plot = Charts.New($"Reward way: reward and penalty per epoch ({config.DescribeReward()})", "epoch (log scale)", "value per epoch");
        // A log epoch axis: the objective does its work in the first few hundred epochs, then holds.
        var epochs = Charts.Log10(Epochs(trace.Reward.Length), 1);
        int window = Math.Max(1, trace.Reward.Length / 1000);

        var (rx, ry) = Thin(epochs, trace.Reward);
        var rawReward = plot.Add.ScatterPoints(rx, ry, WayColors[1].WithAlpha(0.2));
        rawReward.MarkerSize = 2;
        var (px, py) = Thin(epochs, trace.Penalty);
        var rawPenalty = plot.Add.ScatterPoints(px, py, HousePalette.Muted.WithAlpha(0.3));
        rawPenalty.MarkerSize = 2;
        var (sx, sy) = Thin(epochs, MovingAverage(trace.Reward, window));
        var rewardLine = plot.Add.ScatterLine(sx, sy, WayColors[1].Darken(0.2));
        rewardLine.LineWidth = 2.5f;
        rewardLine.LegendText = config.RewardShape == RewardShape.Exp ? $"reward m·exp(−e/s), mean of {window}" : $"reward m·(1 − e), mean of {window}";
        var (qx, qy) = Thin(epochs, MovingAverage(trace.Penalty, window));
        var penaltyLine = plot.Add.ScatterLine(qx, qy, HousePalette.Ink);
        penaltyLine.LineWidth = 2;
        penaltyLine.LegendText = $"penalty f·e where e > t, mean of {window}";
        var best = plot.Add.HorizontalLine(config.RewardM, 1, HousePalette.Ink.WithAlpha(0.5), LinePattern.Dashed);
        best.LegendText = "best reward m (e = 0)";
        Charts.LogX(plot);
        Charts.Legend(plot);
        return Charts.Save(plot, path);
    }

    /// <summary>
    /// Each way's learned y = w·x + b against the identity over the training range [0, 10] and beyond it (top), and
    /// the difference y − x, too small to see in the top panel (bottom).
    /// </summary>
    public static string OutputVsInput(IReadOnlyList<CopyWayResult> ways, string path, double minInput = -10, double maxInput = 30)
    {
        ArgumentNullException.ThrowIfNull(ways);
        var top = Charts.New("Output against input: the learned lines and the identity", "input x", "model output y");
        var bottom = Charts.New("Difference from the identity: y − x (double)", "input x", "y − x");
        foreach (var plot in new[] { top, bottom })
        {
            var span = plot.Add.HorizontalSpan(0, 10, HousePalette.TrainingRegion);
            span.LegendText = "training inputs [0, 10]";
        }
        var identity = top.Add.Line(minInput, minInput, maxInput, maxInput);
        identity.Color = HousePalette.Ink;
        identity.LinePattern = LinePattern.Dashed;
        identity.LineWidth = 1.5f;
        identity.LegendText = "identity y = x";
        var zero = bottom.Add.HorizontalLine(0, 1.5f, HousePalette.Ink, LinePattern.Dashed);
        zero.LegendText = "identity: y − x = 0";
        foreach (var way in ways)
        {
            Color color = WayColors[(int)way.Way - 1];
            var line = top.Add.Line(minInput, way.Weight * minInput + way.Bias, maxInput, way.Weight * maxInput + way.Bias);
            line.Color = color.WithAlpha(0.8);
            line.LineWidth = 2;
            line.LegendText = $"{Name(way.Way)}: y = {way.Weight:F4}·x {(way.Bias < 0 ? "−" : "+")} {Math.Abs(way.Bias):F4}";
            double slope = way.Weight - 1;
            var difference = bottom.Add.Line(minInput, slope * minInput + way.Bias, maxInput, slope * maxInput + way.Bias);
            difference.Color = color;
            difference.LineWidth = 2;
            difference.LegendText = Name(way.Way);
        }
        top.Axes.SetLimits(minInput, maxInput, minInput, maxInput);
        Charts.Legend(top);
        bottom.Axes.SetLimitsX(minInput, maxInput);
        Charts.Legend(bottom);

        // Equal widths beside the two data areas, so the panels' x axes line up.
        foreach (var plot in new[] { top, bottom })
            plot.Axes.Left.MinimumSize = 70;
        var figure = new Multiplot();
        figure.AddPlot(top);
        figure.AddPlot(bottom);
        foreach (var plot in figure.GetPlots())
            if (!ReferenceEquals(plot, top) && !ReferenceEquals(plot, bottom))
                figure.RemovePlot(plot);
        string temporary = path + ".tmp.png";
        figure.SavePng(temporary, Charts.Width, Charts.Height * 3 / 2);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>
    /// |y − x| of each way from x = 0.1 to past the largest probe input, on log–log axes, in float64 (solid) and
    /// float32 (dashed): far from the training range the error grows as |w − 1|·x, and float32 adds its rounding of x.
    /// </summary>
    public static string ErrorFarOut(IReadOnlyList<CopyWayResult> ways, IReadOnlyList<double> probeInputs, string path)
    {
        ArgumentNullException.ThrowIfNull(ways);
        ArgumentNullException.ThrowIfNull(probeInputs);
        double largest = 10;
        foreach (double x in probeInputs)
            largest = Math.Max(largest, Math.Abs(x));
        const int Points = 400;
        double logMin = -1, logMax = Math.Ceiling(Math.Log10(largest) + 0.5);
        var xs = new double[Points];
        for (int i = 0; i < Points; i++)
            xs[i] = Math.Pow(10, logMin + (logMax - logMin) * i / (Points - 1));
        const double Floor = 1e-16;

        var plot = Charts.New("Distance from the identity, far beyond the training range", "input x (log scale)", "|y − x| (log scale; exact 0 drawn at 10⁻¹⁶)");
        var logXs = Charts.Log10(xs, Floor);
        foreach (var way in ways)
        {
            var parameters = way.ToParameters();
            var error64 = new double[Points];
            var error32 = new double[Points];
            for (int i = 0; i < Points; i++)
            {
                error64[i] = Math.Abs(parameters.PredictFloat64(xs[i]) - xs[i]);
                error32[i] = Math.Abs(parameters.PredictFloat32(xs[i]) - xs[i]);
            }
            Color color = WayColors[(int)way.Way - 1];
            var line64 = plot.Add.ScatterLine(logXs, Charts.Log10(error64, Floor), color);
            line64.LineWidth = 2;
            line64.LegendText = $"{Name(way.Way)}, float64";
            var line32 = plot.Add.ScatterLine(logXs, Charts.Log10(error32, Floor), color.WithAlpha(0.7));
            line32.LineWidth = 1.5f;
            line32.LinePattern = LinePattern.Dashed;
            line32.LegendText = $"{Name(way.Way)}, float32 (dashed)";
        }
        bool labelled = false;
        foreach (double probe in probeInputs)
            if (probe > 0)
            {
                var marker = plot.Add.VerticalLine(Math.Log10(probe), 1.5f, HousePalette.Muted, LinePattern.Dotted);
                if (!labelled)
                    marker.LegendText = "probe inputs: " + string.Join(", ", probeInputs.Select(p => p.ToString("G12", System.Globalization.CultureInfo.InvariantCulture)));
                labelled = true;
            }
        var training = plot.Add.HorizontalSpan(logMin, 1, HousePalette.TrainingRegion);
        training.LegendText = "training inputs (x ≤ 10)";
        Charts.LogX(plot);
        Charts.LogY(plot);
        Charts.Legend(plot);
        return Charts.Save(plot, path);
    }

    /// <summary>The sweep's MSE loss per epoch for each (epochs, learning rate), on log–log axes.</summary>
    public static string SweepLosses(IReadOnlyList<CopyWayResult> sweep, string path)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var plot = Charts.New("Sweep of the MSE way: loss per epoch, and where each run ends", "epoch (log scale)", "MSE loss (log scale)");
        for (int k = 0; k < sweep.Count; k++)
        {
            var entry = sweep[k];
            if (entry.Losses.Length == 0)
                continue;
            // Runs with one learning rate share their start, so shorter runs are prefixes of longer ones; the marker at
            // each run's end is what tells them apart.
            Color color = HousePalette.Series(k);
            var logLosses = Charts.Log10(entry.Losses, PositiveFloor(entry.Losses));
            var line = plot.Add.ScatterLine(Charts.Log10(Epochs(entry.Losses.Length), 1), logLosses, color.WithAlpha(0.6));
            line.LineWidth = 2;
            Charts.Marker(plot, Math.Log10(entry.Losses.Length), logLosses[^1], MarkerShape.FilledCircle, color,
                $"{entry.Epochs} epochs, lr {entry.LearningRate}: final loss {entry.FinalLoss:G3}");
        }
        Charts.LogX(plot);
        Charts.LogY(plot);
        Charts.Legend(plot);
        return Charts.Save(plot, path);
    }

    private static string Name(CopyWay way) => way.ToString().ToLowerInvariant();

    private static string Dtype(CopyDtype dtype) => dtype == CopyDtype.Float32 ? "float32" : "float64";

    private static double[] Epochs(int count)
    {
        var epochs = new double[count];
        for (int i = 0; i < count; i++)
            epochs[i] = i + 1;
        return epochs;
    }

    /// <summary>The smallest positive value, so zeros (an exact fit) sit at the bottom of a log axis instead of at 1e-300.</summary>
    private static double PositiveFloor(IReadOnlyList<double> values)
    {
        double floor = double.PositiveInfinity;
        foreach (double v in values)
            if (v > 0 && v < floor)
                floor = v;
        return double.IsFinite(floor) ? floor : 1e-12;
    }

    /// <summary>The mean of the last <paramref name="window"/> values at each point, summed afresh each time: a running sum would lose values spanning 30 decades to cancellation.</summary>
    private static double[] MovingAverage(IReadOnlyList<double> values, int window)
    {
        var result = new double[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            int start = Math.Max(0, i - window + 1);
            double sum = 0;
            for (int j = start; j <= i; j++)
                sum += values[j];
            result[i] = sum / (i - start + 1);
        }
        return result;
    }

    private static (double[] Xs, double[] Ys) Thin(double[] xs, IReadOnlyList<double> ys)
    {
        int stride = Math.Max(1, (xs.Length + MaxRawPoints - 1) / MaxRawPoints);
        int count = (xs.Length + stride - 1) / stride;
        var tx = new double[count];
        var ty = new double[count];
        for (int i = 0, j = 0; i < xs.Length; i += stride, j++)
        {
            tx[j] = xs[i];
            ty[j] = ys[i];
        }
        return (tx, ty);
    }
}
