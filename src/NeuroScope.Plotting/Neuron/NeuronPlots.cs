using NeuroScope.Plotting.Style;
using NeuroScope.Plotting.Surfaces;
using NeuroScope.Experiments.Neuron;
using ScottPlot;
using SkiaSharp;

namespace NeuroScope.Plotting.Neuron;

/// <summary>
/// The neuron experiment's pictures: a voltage trace above its input current, learning curves, parameter paths,
/// learned against target traces, 1-D loss sweeps and a 2-D loss landscape (heat map with contours).
/// </summary>
public static class NeuronPlots
{
    /// <summary>File names SaveAll writes.</summary>
    public const string VoltageFile = "voltage.png", TargetVoltageFile = "target_voltage.png", LearningCurveFile = "learning_curve.png",
        ParameterPathsFile = "parameter_paths.png", TracesFile = "traces.png", RecordingsTracesFile = "traces_recordings.png", SweepsFile = "landscape_1d.png", LandscapeFile = "landscape_2d.png",
        Landscape3DFile = "landscape_3d.png";

    // Stacked panels share the widths beside their data areas, so the data areas line up; legends sit below each panel.
    private const float LeftAxisWidth = 86, RightAxisWidth = 36;

    /// <summary>
    /// Writes every picture the result has into <paramref name="directory"/>: voltage.png (initial neuron) and
    /// target_voltage.png; with fits learning_curve.png, parameter_paths.png and traces.png; with landscapes
    /// landscape_1d.png, landscape_2d.png and landscape_3d.png; traces_recordings.png for a later fit to several recordings. Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> SaveAll(NeuronResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var files = new List<string>
        {
            Voltage(result.Initial, result.Target.CurrentSamples, $"Initial neuron: tau {Format(result.Initial.Parameters.Tau)} ms, v_threshold {Format(result.Initial.Parameters.VThreshold)} mV",
                Path.Combine(directory, VoltageFile)),
            Voltage(new SimulationResult(result.Target.Grid, result.Target.Parameters, result.Target.Trace, result.Target.SpikeTimes), result.Target.CurrentSamples,
                $"Target neuron: tau {Format(result.Target.Parameters.Tau)} ms, v_threshold {Format(result.Target.Parameters.VThreshold)} mV",
                Path.Combine(directory, TargetVoltageFile)),
        };
        if (result.Runs.Count > 0)
        {
            files.Add(LearningCurves(result.Runs, "Learning curves", Path.Combine(directory, LearningCurveFile)));
            files.Add(ParameterPaths(result.Runs, Path.Combine(directory, ParameterPathsFile)));
            files.Add(TraceOverlay(result.Runs[0], Path.Combine(directory, TracesFile)));
            // A later fit to several recordings (the silent demo's) gets its own picture, beside the main fit's.
            var several = result.Runs.Skip(1).FirstOrDefault(r => r.Problems.Count > 1);
            if (several is not null)
                files.Add(TraceOverlay(several, Path.Combine(directory, RecordingsTracesFile)));
        }
        if (result.Sweeps.Count > 0)
            files.Add(Sweeps(result.Sweeps, Path.Combine(directory, SweepsFile)));
        if (result.Grid is { } grid)
        {
            files.Add(Landscape(grid, result.GridLoss, result.Target.Parameters, result.Main, Path.Combine(directory, LandscapeFile)));
            files.Add(Landscape3D(grid, result.GridLoss, result.Target.Parameters, result.Main, Path.Combine(directory, Landscape3DFile)));
        }
        return files;
    }

    /// <summary>Voltage (mV) with the threshold and reset lines and the spikes, above the input current (mV), against time (ms).</summary>
    public static string Voltage(SimulationResult simulation, IReadOnlyList<double> current, string title, string path)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(current);
        var times = simulation.Grid.Times();
        var parameters = simulation.Parameters;

        var voltage = Charts.New(title, "time (ms)", "membrane potential V (mV)");
        var trace = voltage.Add.ScatterLine(times, simulation.Trace);
        trace.LegendText = "V(t)";
        trace.LineWidth = 1.5f;
        trace.Color = HousePalette.Ink;
        AddLevel(voltage, parameters.VThreshold, HousePalette.Red, $"v_threshold {Format(parameters.VThreshold)} mV");
        AddLevel(voltage, parameters.VReset, HousePalette.Blue, $"v_reset {Format(parameters.VReset)} mV");
        AddSpikes(voltage, simulation.SpikeTimes, parameters.VThreshold, HousePalette.Red, $"spikes ({simulation.SpikeCount})", MarkerShape.FilledTriangleUp);
        Charts.Legend(voltage);
        voltage.Axes.SetLimitsY(parameters.VReset - 5, Math.Max(parameters.VThreshold, Max(simulation.Trace)) + 5);

        var input = Charts.New("Input current", "time (ms)", "I (mV, R = 1)");
        var samples = new double[times.Length];
        for (int i = 0; i < samples.Length; i++)
            samples[i] = current[Math.Min(i, current.Count - 1)];
        var line = input.Add.ScatterLine(times, samples);
        line.Color = HousePalette.Green;
        line.LineWidth = 2;
        double low = Math.Min(0, Min(samples)), high = Math.Max(1, Max(samples));
        input.Axes.SetLimitsY(low - 0.1 * (high - low), high + 0.1 * (high - low));
        return SaveStacked(path, (voltage, 440), (input, 240));
    }

    /// <summary>The loss of every run against the iteration, on a log scale.</summary>
    public static string LearningCurves(IReadOnlyList<NeuronFitRun> runs, string title, string path)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var plot = Charts.New(title, "iteration", "loss (log scale)");
        double floor = PositiveFloor(runs);
        for (int r = 0; r < runs.Count; r++)
        {
            var history = runs[r].Result.History;
            var x = new double[history.Count];
            var y = new double[history.Count];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = history[i].Iteration;
                y[i] = Math.Log10(Math.Max(double.IsFinite(history[i].Loss) ? history[i].Loss : floor, floor));
            }
            var line = plot.Add.ScatterLine(x, y, Color(r));
            line.LineWidth = r == 0 ? 2.5f : 1.5f;
            line.LegendText = runs[r].Label;
        }
        Charts.LogY(plot);
        Charts.Legend(plot);
        return Charts.Save(plot, path);
    }

    /// <summary>Each fitted parameter's value against the iteration for every run, with its true value as a dashed line.</summary>
    public static string ParameterPaths(IReadOnlyList<NeuronFitRun> runs, string path)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
            throw new ArgumentException("ParameterPaths: no runs to draw.", nameof(runs));
        var names = runs[0].Result.Names;
        var panels = new (Plot, int)[names.Count];
        for (int p = 0; p < names.Count; p++)
        {
            string name = names[p];
            var plot = Charts.New($"{name}: path of the fit against the true value", "iteration", $"{name} ({Unit(name)})");
            double truth = runs[0].Problem.Target.Parameters.Get(name);
            double low = truth, high = truth;
            for (int r = 0; r < runs.Count; r++)
            {
                int index = IndexOf(runs[r].Result.Names, name);
                if (index < 0)
                    continue;
                var history = runs[r].Result.History;
                var x = new double[history.Count];
                var y = new double[history.Count];
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] = history[i].Iteration;
                    y[i] = history[i].Values[index];
                    low = Math.Min(low, y[i]);
                    high = Math.Max(high, y[i]);
                }
                var line = plot.Add.ScatterLine(x, y, Color(r));
                line.LineWidth = r == 0 ? 2.5f : 1.5f;
                line.LegendText = runs[r].Label;
            }
            var level = plot.Add.HorizontalLine(truth, 2, HousePalette.Ink, LinePattern.Dashed);
            level.LegendText = $"true {name} = {Format(truth)}";
            double pad = Math.Max(0.5, 0.08 * (high - low));
            plot.Axes.SetLimitsY(low - pad, high + pad);
            Charts.Legend(plot);
            panels[p] = (plot, 420);
        }
        return SaveStacked(path, panels);
    }

    /// <summary>
    /// The learned neuron's trace over the target's, with both spike trains, and the initial trace faintly: one panel for a
    /// single recording; for a fit to several, a panel per recording with its input current beneath.
    /// </summary>
    public static string TraceOverlay(NeuronFitRun run, string path)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Problems.Count == 1)
            return Charts.Save(TracePanel(run, run.Problem, $"Learned and target traces ({run.Label})"), path, Charts.Width, Charts.Height);
        var panels = new List<(Plot, int)>();
        for (int i = 0; i < run.Problems.Count; i++)
        {
            var problem = run.Problems[i];
            panels.Add((TracePanel(run, problem, $"Recording {i + 1} of {run.Problems.Count}, {problem.Target.Config.Current.Name} ({run.Label})"), 400));
            var input = Charts.New($"Input current, recording {i + 1}", "time (ms)", "I (mV, R = 1)");
            var line = input.Add.ScatterLine(problem.Target.Grid.Times(), problem.Target.CurrentSamples);
            line.Color = HousePalette.Green;
            line.LineWidth = 2;
            double low = Math.Min(0, Min(problem.Target.CurrentSamples)), high = Math.Max(1, Max(problem.Target.CurrentSamples));
            input.Axes.SetLimitsY(low - 0.1 * (high - low), high + 0.1 * (high - low));
            panels.Add((input, 200));
        }
        return SaveStacked(path, [.. panels]);
    }

    private static Plot TracePanel(NeuronFitRun run, NeuronProblem problem, string title)
    {
        var target = problem.Target;
        var learned = problem.Simulate(run.Result.Final);
        var initial = problem.Simulate(run.Result.Initial);
        var times = target.Grid.Times();
        var plot = Charts.New(title, "time (ms)", "membrane potential V (mV)");
        var start = plot.Add.ScatterLine(times, initial.Trace, HousePalette.Muted.WithAlpha(0.6));
        start.LegendText = "initial";
        start.LineWidth = 1;
        var observed = plot.Add.ScatterLine(times, target.Trace, HousePalette.Ink);
        observed.LegendText = "target";
        observed.LineWidth = 2.5f;
        var fitted = plot.Add.ScatterLine(times, learned.Trace, HousePalette.Orange);
        fitted.LegendText = "learned";
        fitted.LineWidth = 1.5f;
        fitted.LinePattern = LinePattern.Dashed;
        double top = Math.Max(target.Parameters.VThreshold, learned.Parameters.VThreshold);
        AddSpikes(plot, target.SpikeTimes, top + 2.5, HousePalette.Ink, $"target spikes ({target.SpikeTimes.Length})", MarkerShape.FilledTriangleDown);
        AddSpikes(plot, learned.SpikeTimes, top + 1.0, HousePalette.Orange, $"learned spikes ({learned.SpikeCount})", MarkerShape.FilledCircle);
        Charts.Legend(plot);
        return plot;
    }

    /// <summary>One panel per sweep: the loss along one parameter, the true value, the current point and the minimum.</summary>
    public static string Sweeps(IReadOnlyList<NamedLandscape> sweeps, string path)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        if (sweeps.Count == 0)
            throw new ArgumentException("Sweeps: no landscapes to draw.", nameof(sweeps));
        var panels = new (Plot, int)[sweeps.Count];
        for (int s = 0; s < sweeps.Count; s++)
        {
            var sweep = sweeps[s];
            var landscape = sweep.Landscape;
            string name = landscape.Range.Name;
            var plot = Charts.New($"{sweep.Loss} along {name}", $"{name} ({Unit(name)})", "loss");
            var x = new List<double>();
            var y = new List<double>();
            for (int i = 0; i < landscape.Values.Length; i++)
            {
                if (!double.IsFinite(landscape.Losses[i]))
                    continue;
                x.Add(landscape.Values[i]);
                y.Add(landscape.Losses[i]);
            }
            var line = plot.Add.ScatterLine(x.ToArray(), y.ToArray(), Color(s));
            line.LineWidth = 2;
            line.LegendText = sweep.Loss;
            var truth = plot.Add.VerticalLine(sweep.TrueValue, 2, HousePalette.Ink, LinePattern.Dashed);
            truth.LegendText = $"true {Format(sweep.TrueValue)}";
            double center = landscape.CenterValue;
            if (center >= landscape.Range.Min && center <= landscape.Range.Max && center != sweep.TrueValue)
            {
                var current = plot.Add.VerticalLine(center, 1.5f, HousePalette.Muted, LinePattern.Dotted);
                current.LegendText = $"current {Format(center)}";
            }
            if (landscape.MinimumIndex >= 0)
            {
                Charts.Marker(plot, landscape.MinimumValue, landscape.MinimumLoss, MarkerShape.FilledDiamond, HousePalette.Red,
                    $"minimum {Format(landscape.MinimumValue)}");
            }
            Charts.Legend(plot);
            panels[s] = (plot, 380);
        }
        return SaveStacked(path, panels);
    }

    /// <summary>
    /// The 2-D landscape as a heat map of log10(loss) with contour lines, marking the current point, the grid minimum,
    /// the true parameters and, when given, the path of a fit over the two parameters.
    /// </summary>
    public static string Landscape(Landscape2D grid, string lossName, LifParameters truth, NeuronFitRun? fit, string path)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(truth);
        int rows = grid.YValues.Length, columns = grid.XValues.Length;
        double floor = double.PositiveInfinity, ceiling = double.NegativeInfinity;
        foreach (double v in grid.Losses)
        {
            if (double.IsFinite(v) && v > 0)
                floor = Math.Min(floor, v);
            if (double.IsFinite(v))
                ceiling = Math.Max(ceiling, v);
        }
        if (!double.IsFinite(floor))
            floor = 1e-12;
        // A flat region (loss 0) is drawn at the smallest positive loss, so the log scale stays finite.
        var intensities = new double[rows, columns];
        var points = new Coordinates3d[rows, columns];
        double highest = Math.Log10(Math.Max(ceiling, floor));
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                double v = grid.Losses[r, c];
                double z = double.IsFinite(v) ? Math.Log10(Math.Max(v, floor)) : double.NaN;
                intensities[r, c] = z;
                points[r, c] = new Coordinates3d(grid.XValues[c], grid.YValues[r], double.IsNaN(z) ? highest : z);
            }

        string x = grid.X.Name, y = grid.Y.Name;
        var plot = Charts.New($"log₁₀ of {lossName} over {x} and {y}", $"{x} ({Unit(x)})", $"{y} ({Unit(y)})");
        var heatmap = plot.Add.Heatmap(intensities);
        double dx = (grid.X.Max - grid.X.Min) / Math.Max(columns - 1, 1), dy = (grid.Y.Max - grid.Y.Min) / Math.Max(rows - 1, 1);
        heatmap.Extent = new CoordinateRect(grid.X.Min - dx / 2, grid.X.Max + dx / 2, grid.Y.Min - dy / 2, grid.Y.Max + dy / 2);
        // Row 0 holds the smallest y: draw it at the bottom.
        heatmap.FlipVertically = true;
        heatmap.Colormap = HousePalette.Colormap;
        heatmap.NaNCellColor = Colors.LightGray;
        Charts.ColorBar(plot, heatmap, "log₁₀ loss");
        if (rows >= 3 && columns >= 3)
        {
            var contours = plot.Add.ContourLines(points, 10);
            contours.LineColor = Colors.White.WithAlpha(0.7);
            contours.LineWidth = 1;
            contours.LabelStyle.IsVisible = false;
        }
        if (fit is not null)
        {
            int ix = IndexOf(fit.Result.Names, x), iy = IndexOf(fit.Result.Names, y);
            if (ix >= 0 && iy >= 0)
            {
                var history = fit.Result.History;
                var px = new double[history.Count];
                var py = new double[history.Count];
                for (int i = 0; i < px.Length; i++)
                {
                    px[i] = history[i].Values[ix];
                    py[i] = history[i].Values[iy];
                }
                var trail = plot.Add.ScatterLine(px, py, HousePalette.Orange);
                trail.LineWidth = 2;
                trail.LegendText = $"fit path ({fit.Label})";
            }
        }
        // The true parameters are a wide ring drawn first, so a grid minimum on them still shows inside it.
        double trueX = truth.Get(x), trueY = truth.Get(y);
        var trueMarker = Charts.Marker(plot, trueX, trueY, MarkerShape.OpenCircle, HousePalette.Red, "true parameters", 24);
        trueMarker.MarkerStyle.LineWidth = 3.5f;
        Charts.Marker(plot, grid.Center.Get(x), grid.Center.Get(y), MarkerShape.FilledCircle, HousePalette.Orange, "current (start)");
        if (grid.MinimumIndex.Row >= 0)
        {
            bool onTruth = Math.Abs(grid.Minimum.X - trueX) <= dx / 2 && Math.Abs(grid.Minimum.Y - trueY) <= dy / 2;
            Charts.Marker(plot, grid.Minimum.X, grid.Minimum.Y, MarkerShape.FilledDiamond, Colors.White,
                onTruth ? "grid minimum (inside the ring: at the true parameters)" : "grid minimum");
        }
        plot.Axes.SetLimits(grid.X.Min - dx / 2, grid.X.Max + dx / 2, grid.Y.Min - dy / 2, grid.Y.Max + dy / 2);
        Charts.Legend(plot);
        return Charts.Save(plot, path, Charts.Width, 640);
    }

    /// <summary>
    /// The 2-D landscape as a shaded 3-D surface of log10(loss), seen from the front left: the true parameters (red ring),
    /// the start (orange), the grid minimum (white diamond) and the fit's path (orange line) sit on the surface, each
    /// with a thin line down to the floor; a color bar gives the heights.
    /// </summary>
    public static string Landscape3D(Landscape2D grid, string lossName, LifParameters truth, NeuronFitRun? fit, string path, int width = Charts.Width, int height = 640)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(truth);
        int rows = grid.YValues.Length, columns = grid.XValues.Length;
        if (rows < 2 || columns < 2)
            throw new ArgumentException($"Landscape3D needs at least a 2 × 2 grid; it has {columns} × {rows}.", nameof(grid));
        var heights = LogHeights(grid);
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (double z in heights)
            if (double.IsFinite(z))
            {
                low = Math.Min(low, z);
                high = Math.Max(high, z);
            }
        if (!double.IsFinite(low))
            (low, high) = (0, 1);
        if (!(high > low))
            (low, high) = (low - 0.5, high + 0.5);
        var bounds = new SurfaceBounds(grid.XValues[0], grid.XValues[^1], grid.YValues[0], grid.YValues[^1], low, high);
        string x = grid.X.Name, y = grid.Y.Name;

        using var surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new InvalidOperationException("Landscape3D: could not create a drawing surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var titleFont = new SKFont(HouseFont.Regular, Charts.TitleSize);
        using var legendFont = new SKFont(HouseFont.Regular, Charts.LegendSize);
        using var ink = new SKPaint { IsAntialias = true, Color = HousePalette.ToSkia(HousePalette.Ink) };
        canvas.DrawText($"log₁₀ of {lossName} over {x} and {y}, in 3-D", width / 2f, 26, SKTextAlign.Center, titleFont, ink);
        // Seen from higher than the default, so more of the valley between the walls shows.
        var projection = new SurfaceProjection(new SKRect(70, 80, width - 170, height - 90), bounds, new SurfaceCamera(ElevationDegrees: 45));
        SurfaceRenderer.DrawBox(canvas, projection, bounds, $"{x} ({Unit(x)})", $"{y} ({Unit(y)})", "log₁₀ loss");
        SurfaceRenderer.DrawSurface(canvas, projection, bounds, grid.XValues, grid.YValues, heights, low, high);
        SurfaceRenderer.DrawColorBar(canvas, new SKRect(width - 120, 80, width - 104, height - 110), low, high, "log₁₀ loss");

        double Height(double px, double py) => Bilinear(grid.XValues, grid.YValues, heights, px, py) is var z && double.IsFinite(z) ? Math.Clamp(z, low, high) : low;
        var legend = new List<(string Label, SKColor Color, bool Ring)>();
        using var stem = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.2f, Color = new SKColor(40, 40, 40, 150) };
        if (fit is not null && IndexOf(fit.Result.Names, x) is var ix and >= 0 && IndexOf(fit.Result.Names, y) is var iy and >= 0)
        {
            using var trail = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2.5f, Color = HousePalette.ToSkia(HousePalette.Orange), StrokeJoin = SKStrokeJoin.Round };
            using var line = new SKPath();
            bool first = true;
            foreach (var step in fit.Result.History)
            {
                double px = step.Values[ix], py = step.Values[iy];
                if (!double.IsFinite(px) || !double.IsFinite(py))
                    continue;
                var point = projection.Project(Math.Clamp(px, bounds.XMin, bounds.XMax), Math.Clamp(py, bounds.YMin, bounds.YMax), Height(px, py));
                if (first)
                    line.MoveTo(point);
                else
                    line.LineTo(point);
                first = false;
            }
            canvas.DrawPath(line, trail);
            legend.Add(($"fit path ({fit.Label})", HousePalette.ToSkia(HousePalette.Orange), false));
        }
        void Mark(double px, double py, SKColor color, bool ring, float radius, string label)
        {
            if (px < bounds.XMin || px > bounds.XMax || py < bounds.YMin || py > bounds.YMax)
                return;
            var top = projection.Project(px, py, Height(px, py));
            canvas.DrawLine(projection.Project(px, py, low), top, stem);
            DrawMarker(canvas, top, color, ring, radius);
            legend.Add((label, color, ring));
        }
        double trueX = truth.Get(x), trueY = truth.Get(y);
        Mark(trueX, trueY, HousePalette.ToSkia(HousePalette.Red), true, 11, "true parameters");
        Mark(grid.Center.Get(x), grid.Center.Get(y), HousePalette.ToSkia(HousePalette.Orange), false, 6.5f, "current (start)");
        if (grid.MinimumIndex.Row >= 0)
            Mark(grid.Minimum.X, grid.Minimum.Y, SKColors.White, false, 5.5f, "grid minimum");

        // The legend below the box, in one row.
        float lx = 70, ly = height - 22;
        foreach (var (label, color, ring) in legend)
        {
            DrawMarker(canvas, new SKPoint(lx + 8, ly - 5), color, ring, ring ? 8 : 6);
            canvas.DrawText(label, lx + 22, ly, SKTextAlign.Left, legendFont, ink);
            lx += 40 + legendFont.MeasureText(label);
        }
        PictureFile.WritePng(path, surface);
        return path;
    }

    private static void DrawMarker(SKCanvas canvas, SKPoint at, SKColor color, bool ring, float radius)
    {
        var outline = Charts.Outline(new Color(color.Red, color.Green, color.Blue));
        using var edge = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = ring ? 5.5f : 1.5f, Color = HousePalette.ToSkia(outline) };
        using var fill = new SKPaint { IsAntialias = true, Style = ring ? SKPaintStyle.Stroke : SKPaintStyle.Fill, StrokeWidth = 3.5f, Color = color };
        canvas.DrawCircle(at, radius, edge);
        canvas.DrawCircle(at, radius, fill);
    }

    // log10 of each loss, row by row (index row·|x| + column); a loss of 0 is drawn at the smallest positive one, NaN stays NaN.
    private static double[] LogHeights(Landscape2D grid)
    {
        int rows = grid.YValues.Length, columns = grid.XValues.Length;
        double floor = double.PositiveInfinity;
        foreach (double v in grid.Losses)
            if (double.IsFinite(v) && v > 0)
                floor = Math.Min(floor, v);
        if (!double.IsFinite(floor))
            floor = 1e-12;
        var heights = new double[rows * columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                double v = grid.Losses[r, c];
                heights[r * columns + c] = double.IsFinite(v) ? Math.Log10(Math.Max(v, floor)) : double.NaN;
            }
        return heights;
    }

    // The height at (x, y) interpolated between the four grid points around it (NaN if one of them is NaN).
    private static double Bilinear(double[] xs, double[] ys, double[] z, double x, double y)
    {
        int i = Math.Clamp(Array.BinarySearch(xs, x) is var a && a < 0 ? ~a - 1 : a, 0, xs.Length - 2);
        int j = Math.Clamp(Array.BinarySearch(ys, y) is var b && b < 0 ? ~b - 1 : b, 0, ys.Length - 2);
        double tx = Math.Clamp((x - xs[i]) / (xs[i + 1] - xs[i]), 0, 1), ty = Math.Clamp((y - ys[j]) / (ys[j + 1] - ys[j]), 0, 1);
        int n = xs.Length;
        return (1 - ty) * ((1 - tx) * z[j * n + i] + tx * z[j * n + i + 1]) + ty * ((1 - tx) * z[(j + 1) * n + i] + tx * z[(j + 1) * n + i + 1]);
    }

    private static void AddLevel(Plot plot, double value, Color color, string label)
    {
        var line = plot.Add.HorizontalLine(value, 1.5f, color, LinePattern.Dashed);
        line.LegendText = label;
    }

    private static void AddSpikes(Plot plot, IReadOnlyList<double> times, double level, Color color, string label, MarkerShape shape)
    {
        if (times.Count == 0)
            return;
        var ys = new double[times.Count];
        Array.Fill(ys, level);
        var markers = plot.Add.Markers(times.ToArray(), ys, shape, 11, color);
        markers.LegendText = label;
    }

    private static string SaveStacked(string path, params (Plot Plot, int Height)[] panels)
    {
        int width = Charts.Width, height = 0;
        foreach (var panel in panels)
            height += panel.Height;
        using var surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new InvalidOperationException("SaveStacked: could not create a drawing surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        int top = 0;
        foreach (var (plot, panelHeight) in panels)
        {
            plot.Axes.Left.MinimumSize = LeftAxisWidth;
            plot.Axes.Right.MinimumSize = RightAxisWidth;
            // Each panel is rendered on its own (a plot clears the whole canvas it renders on), then placed.
            using var panel = SKBitmap.Decode(plot.GetImageBytes(width, panelHeight, ImageFormat.Png));
            canvas.DrawBitmap(panel, 0, top);
            top += panelHeight;
        }
        PictureFile.WritePng(path, surface);
        return path;
    }

    private static double PositiveFloor(IReadOnlyList<NeuronFitRun> runs)
    {
        double smallest = double.PositiveInfinity;
        foreach (var run in runs)
            foreach (var step in run.Result.History)
                if (double.IsFinite(step.Loss) && step.Loss > 0)
                    smallest = Math.Min(smallest, step.Loss);
        return double.IsFinite(smallest) ? Math.Max(smallest / 10, 1e-12) : 1e-12;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (names[i] == name)
                return i;
        return -1;
    }

    private static double Max(IReadOnlyList<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
            if (double.IsFinite(v))
                max = Math.Max(max, v);
        return max;
    }

    private static double Min(IReadOnlyList<double> values)
    {
        double min = double.PositiveInfinity;
        foreach (double v in values)
            if (double.IsFinite(v))
                min = Math.Min(min, v);
        return min;
    }

    private static Color Color(int index) => HousePalette.Series(index);

    private static string Unit(string name) => name == "tau" ? "ms" : "mV";

    private static string Format(double value) => (value + 0.0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
