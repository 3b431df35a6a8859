using System.Globalization;
using NeuroScope.Experiments.Dose;
using ScottPlot;

namespace NeuroScope.Plotting.Dose;

/// <summary>The pictures of a dose-response run: the learned curve, the target bump, loss and bias per epoch, the finder's curve, the loss against the final bias, and the diagram of the net.</summary>
public static class DosePlots
{
    /// <summary>The file name of the learned curve (effectiveness against dose, before and after training).</summary>
    public const string CurveFile = "dose_curve.png";

    /// <summary>The file name of the target shape.</summary>
    public const string TargetFile = "dose_target.png";

    /// <summary>The file name of the loss per epoch.</summary>
    public const string LossFile = "dose_loss.png";

    /// <summary>The file name of the bias per epoch.</summary>
    public const string BiasFile = "dose_bias.png";

    /// <summary>The file name of the learning-rate finder's curve.</summary>
    public const string FinderFile = "dose_lr_find.png";

    /// <summary>The file name of the loss as a function of the final bias.</summary>
    public const string LossVsBiasFile = "dose_loss_vs_bias.png";

    /// <summary>The file name of the diagram of the net.</summary>
    public const string NetFile = "dose_net.png";

    /// <summary>Writes every picture that <paramref name="result"/> has data for into <paramref name="folder"/> and returns their paths.</summary>
    public static IReadOnlyList<string> SaveAll(DoseResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var paths = new List<string>
        {
            Curve(result, Path.Combine(folder, CurveFile)),
            Target(result, Path.Combine(folder, TargetFile)),
            Loss(result, Path.Combine(folder, LossFile)),
            Bias(result, Path.Combine(folder, BiasFile)),
        };
        if (result.Trainer is not null)
            paths.Add(Finder(result.Trainer.Finder, Path.Combine(folder, FinderFile)));
        paths.Add(LossVsBias(result, Path.Combine(folder, LossVsBiasFile)));
        paths.Add(DoseNetDiagram.Save(Path.Combine(folder, NetFile), result.Config.InitialBias, LearnedBias(result)));
        return paths;
    }

    /// <summary>Effectiveness against dose before training (left) and after (right): the fine curve, the 11-point grid, and the three training points.</summary>
    public static string Curve(DoseResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        var before = Find(result, "before training")!;
        var left = Charts.New($"Before training (final bias = {F(before.Bias, 2)})", "Dose (0 = none, 1 = full)", "Effectiveness");
        AddCurve(left, result, before, DoseColors.Before, LinePattern.Solid, 2.5f, MarkerShape.FilledCircle);
        AddTrainingPoints(left, result);
        Charts.Legend(left);
        double peak = Math.Max(Max(before.Fine), 1.2);
        left.Axes.SetLimits(-0.04, 1.04, -0.05 * peak, 1.08 * peak);

        var right = Charts.New("After training: the middle dose works", "Dose (0 = none, 1 = full)", "Effectiveness");
        if (Find(result, "plain loop") is { } plain)
            AddCurve(right, result, plain, DoseColors.Plain, LinePattern.Solid, 4f, MarkerShape.FilledCircle);
        if (Find(result, "trainer") is { } trainer)
            AddCurve(right, result, trainer, DoseColors.Trainer, LinePattern.Dashed, 2.5f, MarkerShape.OpenCircle);
        AddTrainingPoints(right, result);
        Charts.Legend(right);
        right.Axes.SetLimits(-0.04, 1.04, -0.06, 1.12);
        return Panels.SaveSideBySide(path, [left, right], 640, 500);
    }

    /// <summary>The target shape: the training targets and the bump the net draws at the exact minimizer, with the sum s(x) + b* it rectifies.</summary>
    public static string Target(DoseResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        var exact = Find(result, "exact minimum")!;
        var plot = Charts.New("The target: a middle dose works, none and a full dose don't", "Dose (0 = none, 1 = full)", "Effectiveness");
        var preActivation = new double[result.FineDoses.Count];
        for (int i = 0; i < preActivation.Length; i++)
            preActivation[i] = result.FineBranchSums[i] + exact.Bias;
        var sum = plot.Add.ScatterLine(A(result.FineDoses), preActivation, DoseColors.Before);
        sum.LinePattern = LinePattern.Dashed;
        sum.LineWidth = 2;
        sum.LegendText = $"before the final ReLU: s(x) + b*, b* = {F(exact.Bias, 4)}";
        var bump = plot.Add.ScatterLine(A(result.FineDoses), A(exact.Fine), DoseColors.Exact);
        bump.LineWidth = 4;
        bump.LegendText = "the bump: relu(s(x) + b*)";
        bump.FillY = true;
        bump.FillYColor = DoseColors.Exact.WithAlpha(0.15);
        AddTrainingPoints(plot, result, "targets");
        Charts.Legend(plot);
        plot.Axes.SetLimits(-0.04, 1.04, -0.35, 1.45);
        return Charts.Save(plot, path);
    }

    /// <summary>The loss per epoch of each way that ran, on a log axis, with the plain loop's stop threshold.</summary>
    public static string Loss(DoseResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = Charts.New("Training loss per epoch", "Epoch", "Loss (log scale)");
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        void Add(IReadOnlyList<DoseEpoch> history, Color color, string label, MarkerShape marker)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var epoch in history)
            {
                // A loss of exactly 0 (float32 can reach it) has no logarithm; the point is left out.
                if (epoch.Loss > 0 && double.IsFinite(epoch.Loss))
                {
                    xs.Add(epoch.Epoch + 1);
                    ys.Add(Math.Log10(epoch.Loss));
                    low = Math.Min(low, ys[^1]);
                    high = Math.Max(high, ys[^1]);
                }
            }
            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), color);
            line.LineWidth = 2.5f;
            line.MarkerSize = 6;
            line.MarkerShape = marker;
            line.LegendText = label;
        }
        if (result.Plain is { } plain)
        {
            Add(plain.History, DoseColors.Plain, $"plain loop: total of the 3 squared errors (lr {plain.LearningRate.ToString(CultureInfo.InvariantCulture)})", MarkerShape.FilledCircle);
            var rule = plot.Add.HorizontalLine(Math.Log10(Math.Max(result.Config.StopLoss, 1e-300)), 1.5f, DoseColors.Plain, LinePattern.Dotted);
            rule.LegendText = $"stop rule: total < {result.Config.StopLoss.ToString(CultureInfo.InvariantCulture)}";
            low = Math.Min(low, rule.Y);
            high = Math.Max(high, rule.Y);
        }
        if (result.Trainer is { } trainer)
            Add(trainer.History, DoseColors.Trainer, $"trainer: mean of {trainer.Samples} batch losses (lr {F(trainer.LearningRate, 5)})", MarkerShape.FilledSquare);
        Charts.LogY(plot);
        IntegerEpochs(plot);
        if (double.IsFinite(low))
            plot.Axes.SetLimitsY(Math.Floor(low) - 0.3, Math.Ceiling(high) + 0.6);
        Charts.Legend(plot);
        return Charts.Save(plot, path);
    }

    /// <summary>The final bias per epoch of each way that ran (epoch 0 is the start), with the exact minimizer.</summary>
    public static string Bias(DoseResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = Charts.New("The final bias per epoch", "Epoch (0 = before training)", "Final bias");
        void Add(double start, IReadOnlyList<DoseEpoch> history, Color color, string label, MarkerShape marker, LinePattern pattern)
        {
            var xs = new double[history.Count + 1];
            var ys = new double[history.Count + 1];
            ys[0] = start;
            for (int i = 0; i < history.Count; i++)
            {
                xs[i + 1] = history[i].Epoch + 1;
                ys[i + 1] = history[i].Bias;
            }
            var line = plot.Add.Scatter(xs, ys, color);
            line.LineWidth = 2.5f;
            line.MarkerSize = 6;
            line.MarkerShape = marker;
            line.LinePattern = pattern;
            line.LegendText = label;
        }
        if (result.Plain is { } plain)
            Add(plain.InitialBias, plain.History, DoseColors.Plain, $"plain loop: {F(plain.FinalBias, 4)} after {plain.Steps} steps", MarkerShape.FilledCircle, LinePattern.Solid);
        if (result.Trainer is { } trainer)
            Add(trainer.BiasAtFitStart, trainer.History, DoseColors.Trainer, $"trainer: {F(trainer.FinalBias, 4)} after {trainer.History.Count} epochs", MarkerShape.FilledSquare, LinePattern.Solid);
        var minimum = plot.Add.HorizontalLine(result.Minimum.Bias, 2, DoseColors.Exact, LinePattern.Dashed);
        minimum.LegendText = $"exact minimizer b* = {F(result.Minimum.Bias, 4)}";
        IntegerEpochs(plot);
        Charts.Legend(plot);
        return Charts.Save(plot, path);
    }

    /// <summary>The finder's smoothed loss against the learning rate (log axis), with the suggestion marked.</summary>
    public static string Finder(FinderCurve finder, string path)
    {
        ArgumentNullException.ThrowIfNull(finder);
        var plot = Charts.New("Learning-rate finder: loss while the learning rate grows", "Learning rate (log scale)", "Smoothed training loss (β = 0.98)");
        var xs = Charts.Log10(finder.LearningRates);
        // Each trial is one batch, so the smoothed loss zigzags with the batch it saw (the first batch can score 0); the
        // trials are drawn as points on a thin line, and a moving average over 5 trials shows the trend the rule follows.
        var line = plot.Add.Scatter(xs, A(finder.Losses), DoseColors.Trainer.WithAlpha(0.55));
        line.LineWidth = 1;
        line.MarkerSize = 4;
        line.LegendText = $"smoothed loss at each of {finder.LearningRates.Count} trials";
        var trend = plot.Add.ScatterLine(xs, MovingAverage(finder.Losses, 5), DoseColors.Trainer.Darken(0.25));
        trend.LineWidth = 3;
        trend.LegendText = "trend: mean of 5 neighbouring trials";
        if (finder.SuggestedIndex is { } index)
        {
            var guide = plot.Add.VerticalLine(xs[index], 1.5f, DoseColors.Suggestion, LinePattern.Dotted);
            guide.ExcludeFromLegend = true;
            Charts.Marker(plot, xs[index], finder.Losses[index], MarkerShape.FilledCircle, DoseColors.Suggestion,
                $"suggested lr = {F(finder.SuggestedLearningRate!.Value, 5)}: the steepest drop between neighbouring trials");
        }
        Charts.LogX(plot);
        Charts.Legend(plot);
        return Charts.Save(plot, path);
    }

    /// <summary>The training loss as a function of the final bias over a wide range (left) and near the minimum (right), with the learned biases and the exact minimizer marked.</summary>
    public static string LossVsBias(DoseResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        var curve = result.LossCurve;
        var wide = Charts.New("Loss against the final bias", "Final bias b", "Total loss L(b)");
        var line = wide.Add.ScatterLine(A(curve.Biases), A(curve.Losses), DoseColors.Data);
        line.LineWidth = 2.5f;
        line.LegendText = "L(b) = Σ (relu(s + b) − y)²";
        AddBiasMarkers(wide, result, near: false, scale: 1);
        Charts.Legend(wide);

        // Near b* the loss is (s₂ + b − 1)², so the window is wide enough to separate the markers it holds.
        double center = result.Minimum.Bias, half = 0.02;
        foreach (double? b in new[] { result.Plain?.FinalBias, result.Trainer?.FinalBias })
            if (b is { } value && Math.Abs(value - center) < 1)
                half = Math.Max(half, 1.4 * Math.Abs(value - center));
        var xs = new double[201];
        var ys = new double[201];
        double peak = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            xs[i] = center - half + 2 * half * i / (xs.Length - 1);
            ys[i] = DoseResponse.LossAt(result.BranchSums, result.Targets, xs[i]);
            peak = Math.Max(peak, ys[i]);
        }
        // The zoomed losses are tiny; they are shown in units of 10^k so the ticks read as plain numbers.
        int exponent = peak > 0 ? (int)Math.Floor(Math.Log10(peak)) : 0;
        double scale = Math.Pow(10, -exponent);
        for (int i = 0; i < ys.Length; i++)
            ys[i] *= scale;
        var near = Charts.New("Near the minimum", "Final bias b", exponent == 0 ? "Total loss L(b)" : $"Total loss L(b)  (× {Charts.PowerOfTen(exponent)})");
        var zoom = near.Add.ScatterLine(xs, ys, DoseColors.Data);
        zoom.LineWidth = 2.5f;
        zoom.LegendText = "L(b)";
        AddBiasMarkers(near, result, near: true, scale);
        Charts.Legend(near);
        near.Axes.SetLimitsX(center - half, center + half);
        return Panels.SaveSideBySide(path, [wide, near], 640, 500);
    }

    private static void AddBiasMarkers(Plot plot, DoseResult result, bool near, double scale)
    {
        double Loss(double b) => scale * DoseResponse.LossAt(result.BranchSums, result.Targets, b);
        if (!near)
        {
            double start = result.Config.InitialBias;
            Charts.Marker(plot, start, Loss(start), MarkerShape.FilledCircle, DoseColors.Before, $"start b = {F(start, 2)}");
        }
        Charts.Marker(plot, result.Minimum.Bias, scale * result.Minimum.Loss, MarkerShape.FilledDiamond, DoseColors.Exact,
            $"exact minimum b* = {F(result.Minimum.Bias, 4)}", near ? 16 : 14);
        if (result.Plain is { } plain)
        {
            Charts.Marker(plot, plain.FinalBias, Loss(plain.FinalBias), MarkerShape.OpenCircle, DoseColors.Plain,
                $"plain loop b = {F(plain.FinalBias, 4)}", near ? 16 : 12);
        }
        if (result.Trainer is { } trainer)
        {
            Charts.Marker(plot, trainer.FinalBias, Loss(trainer.FinalBias), MarkerShape.OpenSquare, DoseColors.Trainer,
                $"trainer b = {F(trainer.FinalBias, 4)}", near ? 16 : 12);
        }
    }

    private static void AddCurve(Plot plot, DoseResult result, EffectivenessCurve curve, Color color, LinePattern pattern, float width, MarkerShape gridMarker)
    {
        var line = plot.Add.ScatterLine(A(result.FineDoses), A(curve.Fine), color);
        line.LineWidth = width;
        line.LinePattern = pattern;
        line.LegendText = $"{curve.Label} (b = {F(curve.Bias, 4)})";
        // The 11-point grid, joined as the original plot joined it: it shows a wide triangle where the fine grid shows the narrow bump.
        var grid = plot.Add.Scatter(A(result.GridDoses), A(curve.Grid), color);
        grid.MarkerShape = gridMarker;
        grid.MarkerSize = 9;
        grid.LineWidth = 1;
        grid.LinePattern = LinePattern.Dotted;
        grid.LegendText = $"{curve.Label} at the 11 doses 0, 0.1, …, 1";
    }

    private static void AddTrainingPoints(Plot plot, DoseResult result, string label = "training data")
    {
        var points = plot.Add.Markers(A(result.Doses), A(result.Targets), MarkerShape.FilledSquare, 13, DoseColors.Data);
        points.LegendText = $"{label}: (0, 0), (0.5, 1), (1, 0)";
    }

    // Epochs are whole numbers; a short run would otherwise get ticks at 1.5, 2.5, ….
    private static void IntegerEpochs(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    private static EffectivenessCurve? Find(DoseResult result, string label)
    {
        foreach (var curve in result.Curves)
            if (curve.Label == label)
                return curve;
        return null;
    }

    private static double? LearnedBias(DoseResult result) => result.Plain?.FinalBias ?? result.Trainer?.FinalBias;

    // A centered moving average over `window` points (fewer at the ends), skipping values that are not finite.
    private static double[] MovingAverage(IReadOnlyList<double> values, int window)
    {
        var result = new double[values.Count];
        int half = window / 2;
        for (int i = 0; i < result.Length; i++)
        {
            double sum = 0;
            int count = 0;
            for (int k = Math.Max(0, i - half); k <= Math.Min(values.Count - 1, i + half); k++)
                if (double.IsFinite(values[k]))
                {
                    sum += values[k];
                    count++;
                }
            result[i] = count > 0 ? sum / count : double.NaN;
        }
        return result;
    }

    private static double Max(IReadOnlyList<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
            max = Math.Max(max, v);
        return max;
    }

    private static double[] A(IReadOnlyList<double> values)
    {
        var array = new double[values.Count];
        for (int i = 0; i < array.Length; i++)
            array[i] = values[i];
        return array;
    }

    private static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
