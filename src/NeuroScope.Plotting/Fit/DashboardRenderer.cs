using System.Globalization;
using NeuroScope.Experiments.Fit;
using ScottPlot;
using SkiaSharp;
using NeuroScope.Optim;

namespace NeuroScope.Plotting.Fit;

/// <summary>
/// Draws the 2×2 dashboard of a fit. Axes, labels, legends and everything that does not move (the target, the
/// training interval, the samples, the 2/lr line) are rendered once with ScottPlot onto a background with fixed,
/// whole-run axis limits; each frame then copies that background and draws only what moves (prediction, histories
/// up to the frame's step, the step text) with SkiaSharp in the same coordinates. That makes a frame cost a few
/// milliseconds instead of four full chart renders, and the axes stand still while the animation plays.
/// </summary>
internal sealed class DashboardRenderer : IDisposable
{
    private const int HeaderHeight = 46;
    private static readonly SKColor PredictionColor = new(31, 119, 180);
    private static readonly SKColor LossColor = new(31, 119, 180);
    private static readonly SKColor GeneralizationColor = new(214, 39, 40);
    private static readonly SKColor SharpnessColor = new(44, 160, 44);
    private static readonly SKColor ProjectionColor = new(148, 103, 189);
    private static readonly IColormap HeatColors = new ScottPlot.Colormaps.Viridis();

    /// <summary>A sans-serif family that is installed: ScottPlot's choice when the system has it, else DejaVu Sans.</summary>
    private static readonly string SansFont = ResolveSans();

    private readonly FitResult _result;
    private readonly SKImage _background;
    private readonly Area _fit, _losses, _sharpness, _projection;
    private readonly Area? _fitTarget;
    private readonly double _colorMin, _colorMax;
    private readonly SKTypeface _typeface;
    private readonly string _title;

    public DashboardRenderer(FitResult result, int width, int height)
    {
        _result = result;
        Width = width;
        Height = height;
        _typeface = SKTypeface.FromFamilyName(SansFont) ?? SKTypeface.Default;
        _title = Title(result);
        int panelWidth = width / 2, panelHeight = (height - HeaderHeight) / 2;
        PixelRect Cell(int column, int row) => new(column * panelWidth, (column + 1) * panelWidth,
            HeaderHeight + row * panelHeight, HeaderHeight + (row + 1) * panelHeight);

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        var grid = result.Grid;
        (_colorMin, _colorMax) = ColorRange(result);
        if (grid.InputDimension == 1)
            _fit = RenderFit1d(canvas, Cell(0, 0));
        else
        {
            var cell = Cell(0, 0);
            int half = (int)(cell.Width / 2);
            _fit = RenderHeat(canvas, new PixelRect(cell.Left, cell.Left + half, cell.Top, cell.Bottom), "Prediction", null);
            _fitTarget = RenderHeat(canvas, new PixelRect(cell.Left + half, cell.Right, cell.Top, cell.Bottom),
                double.IsNaN(_colorMin) ? "Target (unknown)" : "Target (same colors)", grid.Target);
        }
        _losses = RenderLosses(canvas, Cell(1, 0));
        _sharpness = RenderSharpness(canvas, Cell(0, 1));
        _projection = RenderProjection(canvas, Cell(1, 1));
        _background = surface.Snapshot();
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Draws frame <paramref name="frame"/> onto <paramref name="canvas"/> (Width × Height).</summary>
    public void Render(SKCanvas canvas, int frame)
    {
        canvas.DrawImage(_background, 0, 0);
        int step = _result.FrameSteps[frame];
        using var line = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2, StrokeJoin = SKStrokeJoin.Round };
        using var dot = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };

        if (_result.Grid.InputDimension == 1)
        {
            line.Color = PredictionColor;
            DrawCurve(canvas, _fit, _result.Grid.X, _result.Frames[frame], _result.Grid.X.Length, line, logY: false);
        }
        else
            DrawHeat(canvas, _fit, _result.Frames[frame]);

        // Loss every step (thinned to about two points per pixel), generalization error at every frame so far.
        int stride = Math.Max(1, _result.Losses.Length / (2 * (int)Math.Max(1, _losses.Rect.Width)));
        line.Color = LossColor;
        line.StrokeWidth = 1.6f;
        DrawSeries(canvas, _losses, count: Math.Min(step, _result.Losses.Length), stride, i => i + 1, i => _result.Losses[i], line, logY: true);
        line.Color = GeneralizationColor;
        line.StrokeWidth = 2;
        DrawSeries(canvas, _losses, frame + 1, 1, i => _result.FrameSteps[i], i => _result.GeneralizationErrors[i], line, logY: true);

        int measured = CountUpTo(_result.SharpnessSteps, step);
        line.Color = SharpnessColor;
        DrawSeries(canvas, _sharpness, measured, 1, i => _result.SharpnessSteps[i], i => _result.Sharpness[i], line, logY: false);
        dot.Color = SharpnessColor;
        DrawLastDot(canvas, _sharpness, measured, i => _result.SharpnessSteps[i], i => _result.Sharpness[i], dot, logY: false);
        line.Color = ProjectionColor;
        line.StrokeWidth = 1.4f;
        DrawSeries(canvas, _projection, measured, 1, i => _result.SharpnessSteps[i], i => _result.Projections[i], line, logY: true);
        dot.Color = ProjectionColor;
        DrawLastDot(canvas, _projection, measured, i => _result.SharpnessSteps[i], i => _result.Projections[i], dot, logY: true);

        DrawHeader(canvas, frame, step);
    }

    /// <summary>A frame as an RGBA bitmap of Width × Height.</summary>
    public SKBitmap RenderBitmap(int frame)
    {
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        RenderInto(bitmap, frame);
        return bitmap;
    }

    /// <summary>Draws a frame into <paramref name="bitmap"/> (RGBA, Width × Height), so one bitmap can serve many frames.</summary>
    public void RenderInto(SKBitmap bitmap, int frame)
    {
        using var canvas = new SKCanvas(bitmap);
        Render(canvas, frame);
        canvas.Flush();
    }

    public void Dispose() => _background.Dispose();

    private void DrawHeader(SKCanvas canvas, int frame, int step)
    {
        using var font = new SKFont(_typeface, 17);
        using var bold = new SKFont(_typeface, 19) { Embolden = true };
        using var paint = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        int lossIndex = Math.Clamp(step - 1, 0, Math.Max(0, _result.Losses.Length - 1));
        double loss = _result.Losses.Length == 0 ? double.NaN : _result.Losses[lossIndex];
        string text = string.Create(CultureInfo.InvariantCulture,
            $"Step {step} / {_result.Config.Steps}     training loss {Format(loss)}     generalization error {Format(_result.GeneralizationErrors[frame])}");
        canvas.DrawText(_title, 14, 20, SKTextAlign.Left, bold, paint);
        paint.Color = new SKColor(60, 60, 60);
        canvas.DrawText(text, 14, 41, SKTextAlign.Left, font, paint);
    }

    private static string Format(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString("0.000e+00", CultureInfo.InvariantCulture);

    private static string Title(FitResult result)
    {
        var c = result.Config;
        string widths = string.Join("-", [c.InputDimension.ToString(CultureInfo.InvariantCulture), .. c.Hidden.Select(h => h.ToString(CultureInfo.InvariantCulture)), "1"]);
        string optimizer = Optimizers.Parse(c.Optimizer) switch
        {
            OptimizerKind.GradientDescent => "gradient descent",
            OptimizerKind.Momentum => $"momentum {c.Momentum.ToString(CultureInfo.InvariantCulture)}",
            _ => "Adam",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.TargetDescription}  ·  MLP {widths} {c.Activation}  ·  {optimizer}, lr {c.LearningRate}");
    }

    private static int CountUpTo(int[] steps, int step)
    {
        int count = 0;
        while (count < steps.Length && steps[count] <= step)
            count++;
        return count;
    }

    // ---- static parts -------------------------------------------------------------------------------------

    private Area RenderFit1d(SKCanvas canvas, PixelRect rect)
    {
        var grid = _result.Grid;
        var plot = Charts.New(_result.Config.IsPde ? "Solution u(x)" : "Fit", "x", _result.Config.IsPde ? "u" : "y");
        var box = grid.Box;
        var span = plot.Add.HorizontalSpan(box.XMin, box.XMax);
        span.FillStyle.Color = Colors.Gray.WithAlpha(0.13);
        span.LineStyle.Width = 0;
        span.LegendText = _result.Config.IsPde ? "domain" : "training interval";
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        if (_result.TrainingTargets is { } targets)
        {
            var samples = plot.Add.ScatterPoints(_result.TrainingInputs, targets);
            samples.Color = Colors.Black.WithAlpha(0.35);
            samples.MarkerSize = 3;
            samples.LegendText = "samples";
            Extend(targets, ref low, ref high);
        }
        bool hasTarget = false;
        foreach (double t in grid.Target)
            hasTarget |= double.IsFinite(t);
        if (hasTarget)
        {
            var target = plot.Add.ScatterLine(grid.X, grid.Target);
            target.Color = Colors.Black;
            target.LineWidth = 1.6f;
            target.LinePattern = LinePattern.Dashed;
            target.LegendText = _result.Config.IsPde ? $"exact ({_result.ExactSource})" : "target";
            Extend(grid.Target, ref low, ref high);
        }
        if (!double.IsFinite(low) || !(high > low))
            Extend(_result.Frames[^1], ref low, ref high);
        if (!double.IsFinite(low) || !(high > low))
            (low, high) = (-1, 1);
        double pad = 0.15 * (high - low);
        plot.Axes.SetLimits(grid.X[0], grid.X[^1], low - pad, high + pad);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "prediction", LineColor = ToScott(PredictionColor), LineWidth = 2 });
        ShowLegend(plot, Alignment.LowerLeft);
        return RenderPanel(plot, canvas, rect, grid.X[0], grid.X[^1], low - pad, high + pad);
    }

    private Area RenderHeat(SKCanvas canvas, PixelRect rect, string title, double[]? values)
    {
        var grid = _result.Grid;
        var plot = Charts.New(title, "x", "y");
        double dx = (grid.X[^1] - grid.X[0]) / (grid.X.Length - 1), dy = (grid.Y[^1] - grid.Y[0]) / (grid.Y.Length - 1);
        double xMin = grid.X[0] - dx / 2, xMax = grid.X[^1] + dx / 2, yMin = grid.Y[0] - dy / 2, yMax = grid.Y[^1] + dy / 2;
        if (values is not null && !double.IsNaN(_colorMin))
        {
            var cells = new double[grid.Y.Length, grid.X.Length];
            for (int j = 0; j < grid.Y.Length; j++)
                for (int i = 0; i < grid.X.Length; i++)
                    cells[grid.Y.Length - 1 - j, i] = values[j * grid.X.Length + i];
            var heat = plot.Add.Heatmap(cells);
            heat.Colormap = HeatColors;
            heat.Extent = new CoordinateRect(xMin, xMax, yMin, yMax);
            heat.ManualRange = new ScottPlot.Range(_colorMin, _colorMax);
            var box = plot.Add.Rectangle(grid.Box.XMin, grid.Box.XMax, grid.Box.YMin, grid.Box.YMax);
            box.FillStyle.Color = Colors.Transparent;
            box.LineStyle.Color = Colors.White;
            box.LineStyle.Width = 2;
            box.LineStyle.Pattern = LinePattern.Dashed;
        }
        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        return RenderPanel(plot, canvas, rect, xMin, xMax, yMin, yMax);
    }

    private Area RenderLosses(SKCanvas canvas, PixelRect rect)
    {
        var plot = Charts.New("Training loss and generalization error", "step", "value (log scale)");
        Charts.LogY(plot);
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        ExtendLog(_result.Losses, ref low, ref high);
        ExtendLog(_result.GeneralizationErrors, ref low, ref high);
        (low, high) = LogLimits(low, high);
        double steps = Math.Max(1, _result.Config.Steps);
        plot.Axes.SetLimits(0, steps, low, high);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "training loss", LineColor = ToScott(LossColor), LineWidth = 2 });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "generalization error (outside the box)", LineColor = ToScott(GeneralizationColor), LineWidth = 2 });
        ShowLegend(plot, Alignment.UpperRight);
        return RenderPanel(plot, canvas, rect, 0, steps, low, high);
    }

    private Area RenderSharpness(SKCanvas canvas, PixelRect rect)
    {
        var c = _result.Config;
        var plot = Charts.New("Sharpness: top Hessian eigenvalue", "step", "λₘₐₓ of the training loss");
        double high = 0, low = 0;
        foreach (double s in _result.Sharpness)
            if (double.IsFinite(s))
            {
                high = Math.Max(high, s);
                low = Math.Min(low, s);
            }
        bool plain = Optimizers.Parse(c.Optimizer) == OptimizerKind.GradientDescent;
        double threshold = 2 / c.LearningRate;
        if (plain && (high == 0 || threshold < 3 * high))
        {
            var limit = plot.Add.HorizontalLine(threshold);
            limit.LinePattern = LinePattern.Dashed;
            limit.LineColor = Colors.Black;
            limit.LineWidth = 1.5f;
            limit.LegendText = string.Create(CultureInfo.InvariantCulture, $"2/lr = {threshold:G4}");
            high = Math.Max(high, threshold);
        }
        if (high <= low)
            high = low + 1;
        double steps = Math.Max(1, c.Steps), top = high + 0.08 * (high - low), bottom = low - 0.03 * (high - low);
        plot.Axes.SetLimits(0, steps, bottom, top);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "sharpness", LineColor = ToScott(SharpnessColor), LineWidth = 2 });
        ShowLegend(plot, Alignment.LowerRight);
        return RenderPanel(plot, canvas, rect, 0, steps, bottom, top);
    }

    private Area RenderProjection(SKCanvas canvas, PixelRect rect)
    {
        var plot = Charts.New("Last update along the top eigenvector", "step", "|Δθ · v| (log scale)");
        Charts.LogY(plot);
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        ExtendLog(_result.Projections, ref low, ref high);
        (low, high) = LogLimits(low, high);
        double steps = Math.Max(1, _result.Config.Steps);
        plot.Axes.SetLimits(0, steps, low, high);
        return RenderPanel(plot, canvas, rect, 0, steps, low, high);
    }

    private static void ShowLegend(Plot plot, Alignment alignment)
    {
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = alignment;
        plot.Legend.FontSize = 11;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
    }

    private static Area RenderPanel(Plot plot, SKCanvas canvas, PixelRect rect, double xMin, double xMax, double yMin, double yMax)
    {
        plot.Axes.Title.Label.FontSize = 15;
        plot.Axes.Bottom.Label.FontSize = 13;
        plot.Axes.Left.Label.FontSize = 13;
        plot.Font.Set(SansFont);
        // A plot render clears its whole canvas, so each panel is drawn on its own surface and placed.
        int width = (int)rect.Width, height = (int)rect.Height;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        plot.Render(surface.Canvas, width, height);
        using var image = surface.Snapshot();
        canvas.DrawImage(image, rect.Left, rect.Top);
        var data = plot.RenderManager.LastRender.DataRect;
        return new Area(new SKRect(rect.Left + data.Left, rect.Top + data.Top, rect.Left + data.Right, rect.Top + data.Bottom), xMin, xMax, yMin, yMax);
    }

    private static (double Min, double Max) ColorRange(FitResult result)
    {
        if (result.Grid.InputDimension == 1)
            return (double.NaN, double.NaN);
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        Extend(result.Grid.Target, ref low, ref high);
        if (!double.IsFinite(low))
            Extend(result.Frames[^1], ref low, ref high);
        if (!double.IsFinite(low))
            return (-1, 1);
        return high > low ? (low, high) : (low - 1, high + 1);
    }

    private static void Extend(IReadOnlyList<double> values, ref double low, ref double high)
    {
        foreach (double v in values)
            if (double.IsFinite(v))
            {
                low = Math.Min(low, v);
                high = Math.Max(high, v);
            }
    }

    private static void ExtendLog(IReadOnlyList<double> values, ref double low, ref double high)
    {
        foreach (double v in values)
            if (v > 0 && double.IsFinite(v))
            {
                low = Math.Min(low, Math.Log10(v));
                high = Math.Max(high, Math.Log10(v));
            }
    }

    private static (double, double) LogLimits(double low, double high)
    {
        if (!double.IsFinite(low))
            return (-3, 1);
        if (high - low < 1)
            return (Math.Floor(low - 0.5), Math.Ceiling(high + 0.5));
        return (Math.Floor(low - 0.1), Math.Ceiling(high + 0.1));
    }

    private static string ResolveSans()
    {
        foreach (string family in (string[])["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans"])
        {
            using var typeface = SKFontManager.Default.MatchFamily(family);
            if (typeface is not null && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase))
                return family;
        }
        return Fonts.Sans;
    }

    private static Color ToScott(SKColor c) => new(c.Red, c.Green, c.Blue);

    // ---- moving parts -------------------------------------------------------------------------------------

    private static void DrawCurve(SKCanvas canvas, Area area, double[] x, double[] y, int count, SKPaint paint, bool logY) =>
        DrawSeries(canvas, area, count, 1, i => x[i], i => y[i], paint, logY);

    private static void DrawSeries(SKCanvas canvas, Area area, int count, int stride, Func<int, double> x, Func<int, double> y, SKPaint paint, bool logY)
    {
        if (count <= 0)
            return;
        using var path = new SKPath();
        bool open = false;
        for (int i = 0; i < count; i += stride)
        {
            if (!TryPoint(area, x(i), y(i), logY, out var point))
            {
                open = false;
                continue;
            }
            if (open)
                path.LineTo(point);
            else
                path.MoveTo(point);
            open = true;
        }
        if ((count - 1) % stride != 0 && TryPoint(area, x(count - 1), y(count - 1), logY, out var last))
            path.LineTo(last);
        canvas.Save();
        canvas.ClipRect(area.Rect);
        canvas.DrawPath(path, paint);
        canvas.Restore();
    }

    private static void DrawLastDot(SKCanvas canvas, Area area, int count, Func<int, double> x, Func<int, double> y, SKPaint paint, bool logY)
    {
        if (count > 0 && TryPoint(area, x(count - 1), y(count - 1), logY, out var point) && area.Rect.Contains(point))
            canvas.DrawCircle(point, 3.5f, paint);
    }

    private static bool TryPoint(Area area, double x, double y, bool logY, out SKPoint point)
    {
        if (logY)
            y = y > 0 ? Math.Log10(y) : double.NaN;
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            point = default;
            return false;
        }
        // Far-off values are pulled to just outside the panel, where the clip hides them but the line keeps its direction.
        double px = area.Rect.Left + (x - area.XMin) / (area.XMax - area.XMin) * area.Rect.Width;
        double py = area.Rect.Bottom - (y - area.YMin) / (area.YMax - area.YMin) * area.Rect.Height;
        point = new SKPoint((float)Math.Clamp(px, -1e4, 1e5), (float)Math.Clamp(py, -1e4, 1e5));
        return true;
    }

    private void DrawHeat(SKCanvas canvas, Area area, double[] values)
    {
        var grid = _result.Grid;
        int nx = grid.X.Length, ny = grid.Y.Length;
        using var bitmap = new SKBitmap(new SKImageInfo(nx, ny, SKColorType.Rgba8888, SKAlphaType.Premul));
        var pixels = bitmap.GetPixelSpan();
        var writable = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(pixels), pixels.Length);
        double range = _colorMax - _colorMin;
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                double v = values[j * nx + i];
                var color = double.IsFinite(v) ? HeatColors.GetColor(Math.Clamp((v - _colorMin) / range, 0, 1)) : Colors.Magenta;
                int p = 4 * ((ny - 1 - j) * nx + i);
                writable[p] = color.R;
                writable[p + 1] = color.G;
                writable[p + 2] = color.B;
                writable[p + 3] = 255;
            }
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, area.Rect, new SKSamplingOptions(SKFilterMode.Nearest));
        using var box = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2, Color = SKColors.White, PathEffect = SKPathEffect.CreateDash([8, 5], 0) };
        TryPoint(area, grid.Box.XMin, grid.Box.YMax, false, out var topLeft);
        TryPoint(area, grid.Box.XMax, grid.Box.YMin, false, out var bottomRight);
        canvas.DrawRect(new SKRect(topLeft.X, topLeft.Y, bottomRight.X, bottomRight.Y), box);
    }

    /// <summary>A panel's data rectangle in pixels and the axis limits it shows (y in log10 units for log panels).</summary>
    private sealed record Area(SKRect Rect, double XMin, double XMax, double YMin, double YMax);
}
