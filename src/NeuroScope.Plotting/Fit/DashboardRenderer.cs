using System.Globalization;
using NeuroScope.Experiments.Fit;
using ScottPlot;
using SkiaSharp;
using NeuroScope.Optim;
using NeuroScope.Plotting.Style;
using NeuroScope.Plotting.Surfaces;

namespace NeuroScope.Plotting.Fit;

/// <summary>
/// Draws the dashboard of a fit: 2×2 panels in 1-D; in 2-D the prediction and the target as shaded 3-D surfaces side by
/// side across the top (with a shared color bar and the training box marked) above the three history panels. Axes, labels, legends and everything that does not move (the target, the
/// training interval, the samples, the 2/lr line) are rendered once with ScottPlot onto a background with fixed,
/// whole-run axis limits; each frame then copies that background and draws only what moves (prediction, histories
/// up to the frame's step, the step text) with SkiaSharp in the same coordinates. That makes a frame cost a few
/// milliseconds instead of four full chart renders, and the axes stand still while the animation plays.
/// </summary>
internal sealed class DashboardRenderer : IDisposable
{
    private const int HeaderHeight = 46;
    private static readonly SKColor PredictionColor = HousePalette.ToSkia(HousePalette.Blue);
    private static readonly SKColor LossColor = HousePalette.ToSkia(HousePalette.Blue);
    private static readonly SKColor GeneralizationColor = HousePalette.ToSkia(HousePalette.Red);
    private static readonly SKColor SharpnessColor = HousePalette.ToSkia(HousePalette.Green);
    private static readonly SKColor ProjectionColor = HousePalette.ToSkia(HousePalette.Purple);

    private readonly FitResult _result;
    private readonly SKImage _background;
    // The background's RGBA bytes: a frame drawn into a bitmap starts as a plain copy of them.
    private readonly byte[] _backgroundPixels;
    private readonly Area? _fit;
    private readonly Area _losses, _sharpness, _projection;
    private readonly SurfaceProjection? _predictionView;
    private readonly SurfaceBounds _surfaceBounds;
    private readonly double _colorMin, _colorMax;
    private readonly bool _hasGeneralization;
    private readonly string _title;

    public DashboardRenderer(FitResult result, int width, int height)
    {
        _result = result;
        Width = width;
        Height = height;
        _title = Title(result);
        _hasGeneralization = result.GeneralizationErrors.Any(double.IsFinite);
        int panelWidth = width / 2, panelHeight = (height - HeaderHeight) / 2;
        PixelRect Cell(int column, int row) => new(column * panelWidth, (column + 1) * panelWidth,
            HeaderHeight + row * panelHeight, HeaderHeight + (row + 1) * panelHeight);

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        var grid = result.Grid;
        (_colorMin, _colorMax) = ColorRange(result);
        if (grid.InputDimension == 1)
        {
            _fit = RenderFit1d(canvas, Cell(0, 0));
            _losses = RenderLosses(canvas, Cell(1, 0));
            _sharpness = RenderSharpness(canvas, Cell(0, 1));
            _projection = RenderProjection(canvas, Cell(1, 1));
        }
        else
        {
            // The surfaces take the top 55 % across the whole width; the three histories share the bottom row.
            int top = HeaderHeight + (int)(0.55 * (height - HeaderHeight)), third = width / 3;
            _surfaceBounds = SurfaceBoundsOf(result);
            _predictionView = RenderSurfaces(canvas, new SKRect(0, HeaderHeight, width, top));
            PixelRect Bottom(int column) => new(column * third, column == 2 ? width : (column + 1) * third, top, height);
            _losses = RenderLosses(canvas, Bottom(0));
            _sharpness = RenderSharpness(canvas, Bottom(1));
            _projection = RenderProjection(canvas, Bottom(2));
        }
        _background = surface.Snapshot();
        using var pixels = _background.PeekPixels();
        _backgroundPixels = pixels.GetPixelSpan().ToArray();
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Draws frame <paramref name="frame"/> onto <paramref name="canvas"/> (Width × Height).</summary>
    public void Render(SKCanvas canvas, int frame)
    {
        canvas.DrawImage(_background, 0, 0);
        DrawMovingParts(canvas, frame);
    }

    // Everything of a frame that is not in the background: the prediction, the histories up to the frame, the header.
    private void DrawMovingParts(SKCanvas canvas, int frame)
    {
        int step = _result.FrameSteps[frame];
        using var line = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2, StrokeJoin = SKStrokeJoin.Round };
        using var dot = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };

        if (_fit is not null)
        {
            line.Color = PredictionColor;
            DrawCurve(canvas, _fit, _result.Grid.X, _result.Frames[frame], _result.Grid.X.Length, line, logY: false);
        }
        else if (_predictionView is not null)
            SurfaceRenderer.DrawSurface(canvas, _predictionView, _surfaceBounds, _result.Grid.X, _result.Grid.Y, _result.Frames[frame],
                _colorMin, _colorMax, _result.Grid.Box);

        // Loss every step (thinned to about two points per pixel), generalization error at every frame so far.
        int stride = Math.Max(1, _result.Losses.Length / (2 * (int)Math.Max(1, _losses.Rect.Width)));
        line.Color = LossColor;
        line.StrokeWidth = 1.6f;
        DrawSeries(canvas, _losses, count: Math.Min(step, _result.Losses.Length), stride, i => i + 1, i => _result.Losses[i], line, logY: true);
        line.Color = GeneralizationColor;
        line.StrokeWidth = 2;
        if (_hasGeneralization)
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
        var info = bitmap.Info;
        bool sameLayout = info.Width == Width && info.Height == Height && info.ColorType == SKColorType.Rgba8888
            && info.AlphaType == SKAlphaType.Premul && bitmap.RowBytes == Width * 4;
        using var canvas = new SKCanvas(bitmap);
        if (sameLayout)
        {
            // The same pixels DrawImage would give (an opaque image at the origin), by one copy.
            _backgroundPixels.CopyTo(bitmap.GetPixelSpan());
            DrawMovingParts(canvas, frame);
        }
        else
            Render(canvas, frame);
        canvas.Flush();
    }

    public void Dispose() => _background.Dispose();

    private void DrawHeader(SKCanvas canvas, int frame, int step)
    {
        using var font = new SKFont(HouseFont.Regular, 16);
        using var bold = new SKFont(HouseFont.Bold, 18);
        using var paint = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        int lossIndex = Math.Clamp(step - 1, 0, Math.Max(0, _result.Losses.Length - 1));
        double loss = _result.Losses.Length == 0 ? double.NaN : _result.Losses[lossIndex];
        string text = string.Create(CultureInfo.InvariantCulture, $"Step {step} / {_result.Config.Steps}     training loss {Format(loss)}");
        if (_hasGeneralization)
            text += $"     generalization error {Format(_result.GeneralizationErrors[frame])}";
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
        span.FillStyle.Color = HousePalette.TrainingRegion;
        span.LineStyle.Width = 0;
        span.LegendText = _result.Config.IsPde ? "domain" : "training interval";
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        if (_result.TrainingTargets is { } targets)
        {
            var samples = plot.Add.ScatterPoints(_result.TrainingInputs, targets);
            samples.Color = HousePalette.Ink.WithAlpha(0.4);
            samples.MarkerSize = 4;
            samples.LegendText = "samples";
            Extend(targets, ref low, ref high);
        }
        bool hasTarget = false;
        foreach (double t in grid.Target)
            hasTarget |= double.IsFinite(t);
        if (hasTarget)
        {
            var target = plot.Add.ScatterLine(grid.X, grid.Target);
            target.Color = HousePalette.Ink;
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
        ShowLegend(plot);
        return RenderPanel(plot, canvas, rect, grid.X[0], grid.X[^1], low - pad, high + pad);
    }

    /// <summary>
    /// Draws the static part of the 2-D fit's top row: the prediction's empty box, the target's whole surface, their titles
    /// and the shared color bar; returns the prediction's projection, on which each frame draws its surface.
    /// </summary>
    private SurfaceProjection RenderSurfaces(SKCanvas canvas, SKRect rect)
    {
        var grid = _result.Grid;
        const float BarZone = 120;
        float panel = (rect.Width - BarZone) / 2;
        var camera = SurfaceCamera.Default;
        SKRect Inner(float left) => new(left + 48, rect.Top + 40, left + panel - 22, rect.Bottom - 40);
        var prediction = new SurfaceProjection(Inner(rect.Left), _surfaceBounds, camera);
        var target = new SurfaceProjection(Inner(rect.Left + panel), _surfaceBounds, camera);
        bool knownTarget = grid.Target.Any(double.IsFinite);
        SurfaceRenderer.DrawBox(canvas, prediction, _surfaceBounds, "x", "y", "prediction", grid.Box);
        SurfaceRenderer.DrawBox(canvas, target, _surfaceBounds, "x", "y", "target", grid.Box);
        if (knownTarget)
            SurfaceRenderer.DrawSurface(canvas, target, _surfaceBounds, grid.X, grid.Y, grid.Target, _colorMin, _colorMax, grid.Box);

        using var title = new SKFont(HouseFont.Regular, 15);
        using var note = new SKFont(HouseFont.Regular, 11.5f);
        using var ink = new SKPaint { IsAntialias = true, Color = HousePalette.ToSkia(HousePalette.Ink) };
        using var gray = new SKPaint { IsAntialias = true, Color = new SKColor(90, 90, 90) };
        canvas.DrawText("Prediction", rect.Left + panel / 2, rect.Top + 18, SKTextAlign.Center, title, ink);
        canvas.DrawText(knownTarget ? "Target" : "Target (unknown)", rect.Left + 1.5f * panel, rect.Top + 18, SKTextAlign.Center, title, ink);
        canvas.DrawText("dashed: the training box; faded: outside it, where generalization is measured", rect.Left + panel, rect.Bottom - 6,
            SKTextAlign.Center, note, gray);
        var bar = new SKRect(rect.Right - BarZone + 14, rect.Top + 44, rect.Right - BarZone + 30, rect.Bottom - 48);
        SurfaceRenderer.DrawColorBar(canvas, bar, _colorMin, _colorMax, "value (same colors in both)");
        return prediction;
    }

    /// <summary>
    /// The surfaces' box: the grid's x and y, and z over the target, widened to the prediction's range at any frame but by
    /// at most half the target's span on each side, so a wild early frame does not flatten the picture.
    /// </summary>
    private static SurfaceBounds SurfaceBoundsOf(FitResult result)
    {
        var grid = result.Grid;
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        Extend(grid.Target, ref low, ref high);
        if (!double.IsFinite(low))
            Extend(result.Frames[^1], ref low, ref high);
        if (!double.IsFinite(low))
            (low, high) = (-1, 1);
        if (!(high > low))
            (low, high) = (low - 1, high + 1);
        double span = high - low, predictedLow = double.PositiveInfinity, predictedHigh = double.NegativeInfinity;
        foreach (var frame in result.Frames)
            Extend(frame, ref predictedLow, ref predictedHigh);
        if (double.IsFinite(predictedLow))
        {
            low = Math.Min(low, Math.Max(predictedLow, low - 0.5 * span));
            high = Math.Max(high, Math.Min(predictedHigh, high + 0.5 * span));
        }
        return new SurfaceBounds(grid.X[0], grid.X[^1], grid.Y[0], grid.Y[^1], low, high);
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
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = _result.Config.IsPde ? "training loss (PDE residual)" : "training loss", LineColor = ToScott(LossColor), LineWidth = 2 });
        // A PINN (or a target unknown outside the box) has no generalization error: no line, so no legend entry.
        if (_hasGeneralization)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "generalization error (outside the box)", LineColor = ToScott(GeneralizationColor), LineWidth = 2 });
        ShowLegend(plot);
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
            limit.LineColor = HousePalette.Ink;
            limit.LineWidth = 1.5f;
            limit.LegendText = string.Create(CultureInfo.InvariantCulture, $"2/lr = {threshold:G4}");
            high = Math.Max(high, threshold);
        }
        if (high <= low)
            high = low + 1;
        double steps = Math.Max(1, c.Steps), top = high + 0.08 * (high - low), bottom = low - 0.03 * (high - low);
        plot.Axes.SetLimits(0, steps, bottom, top);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "sharpness λₘₐₓ", LineColor = ToScott(SharpnessColor), LineWidth = 2 });
        ShowLegend(plot);
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

    private static void ShowLegend(Plot plot)
    {
        Charts.Legend(plot);
        plot.Legend.FontSize = 11;
    }

    private static Area RenderPanel(Plot plot, SKCanvas canvas, PixelRect rect, double xMin, double xMax, double yMin, double yMax)
    {
        plot.Axes.Title.Label.FontSize = 15;
        plot.Axes.Bottom.Label.FontSize = 13;
        plot.Axes.Left.Label.FontSize = 13;
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

    /// <summary>A panel's data rectangle in pixels and the axis limits it shows (y in log10 units for log panels).</summary>
    private sealed record Area(SKRect Rect, double XMin, double XMax, double YMin, double YMax);
}
