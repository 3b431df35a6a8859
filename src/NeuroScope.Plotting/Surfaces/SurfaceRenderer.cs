using System.Globalization;
using NeuroScope.Plotting.Style;
using ScottPlot;
using SkiaSharp;

namespace NeuroScope.Plotting.Surfaces;

/// <summary>
/// Draws height fields z(x, y) as shaded 3-D surfaces on SkiaSharp: the box's floor and back edges with ticks
/// (<see cref="DrawBox"/>), then the surface as quads sorted far to near and painted in that order, each colored by its
/// height and darkened by how much it turns away from the light (<see cref="DrawSurface"/>), and a color bar.
/// </summary>
public static class SurfaceRenderer
{
    private const int ColorSteps = 256;
    private static readonly SKColor BoxLine = new(150, 150, 150);
    private static readonly SKColor Floor = new(246, 246, 246);
    private static readonly SKColor TickText = new(60, 60, 60);

    /// <summary>
    /// Draws the static part of a surface panel: the floor with grid lines, the three back edges, tick labels on the front
    /// edges and the back vertical, the axis names, and the training box as a dashed rectangle on the floor when given.
    /// </summary>
    public static void DrawBox(SKCanvas canvas, SurfaceProjection projection, SurfaceBounds bounds, string xLabel, string yLabel, string zLabel,
        (double XMin, double XMax, double YMin, double YMax)? trainingBox = null)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(projection);
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill, Color = Floor };
        using var line = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1, Color = BoxLine };
        using var grid = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1, Color = new SKColor(225, 225, 225) };
        using var font = new SKFont(HouseFont.Regular, 11.5f);
        using var labelFont = new SKFont(HouseFont.Regular, 13);
        using var text = new SKPaint { IsAntialias = true, Color = TickText };

        double[] xs = [bounds.XMin, bounds.XMax], ys = [bounds.YMin, bounds.YMax];
        SKPoint Floor3(double x, double y) => projection.Project(x, y, bounds.ZMin);
        using (var floor = new SKPath())
        {
            floor.MoveTo(Floor3(xs[0], ys[0]));
            floor.LineTo(Floor3(xs[1], ys[0]));
            floor.LineTo(Floor3(xs[1], ys[1]));
            floor.LineTo(Floor3(xs[0], ys[1]));
            floor.Close();
            canvas.DrawPath(floor, fill);
            var xTicks = NiceTicks(bounds.XMin, bounds.XMax, 5);
            var yTicks = NiceTicks(bounds.YMin, bounds.YMax, 5);
            foreach (double x in xTicks)
                canvas.DrawLine(Floor3(x, ys[0]), Floor3(x, ys[1]), grid);
            foreach (double y in yTicks)
                canvas.DrawLine(Floor3(xs[0], y), Floor3(xs[1], y), grid);
            canvas.DrawPath(floor, line);

            // The corner nearest the eye fixes the front edges (ticks go there); the farthest one the back verticals.
            var (nearX, nearY) = Corner(projection, bounds, nearest: true);
            var (farX, farY) = Corner(projection, bounds, nearest: false);
            var zTicks = NiceTicks(bounds.ZMin, bounds.ZMax, 4);
            foreach (var (cx, cy) in (ReadOnlySpan<(double, double)>)[(farX, farY), (nearX, farY), (farX, nearY)])
                canvas.DrawLine(projection.Project(cx, cy, bounds.ZMin), projection.Project(cx, cy, bounds.ZMax), line);
            canvas.DrawLine(projection.Project(farX, farY, bounds.ZMax), projection.Project(nearX, farY, bounds.ZMax), line);
            canvas.DrawLine(projection.Project(farX, farY, bounds.ZMax), projection.Project(farX, nearY, bounds.ZMax), line);
            foreach (double z in zTicks)
            {
                canvas.DrawLine(projection.Project(farX, farY, z), projection.Project(nearX, farY, z), grid);
                canvas.DrawLine(projection.Project(farX, farY, z), projection.Project(farX, nearY, z), grid);
            }

            var center = Floor3((bounds.XMin + bounds.XMax) / 2, (bounds.YMin + bounds.YMax) / 2);
            foreach (double x in xTicks)
                Label(canvas, Tick(x, xTicks), Floor3(x, nearY), center, 14, font, text);
            foreach (double y in yTicks)
                Label(canvas, Tick(y, yTicks), Floor3(nearX, y), center, 14, font, text);
            Label(canvas, xLabel, Floor3((bounds.XMin + bounds.XMax) / 2, nearY), center, 34, labelFont, text);
            Label(canvas, yLabel, Floor3(nearX, (bounds.YMin + bounds.YMax) / 2), center, 34, labelFont, text);

            // z ticks on the back vertical that shows furthest out to one side, written outward.
            var left = projection.Project(nearX, farY, bounds.ZMin).X < projection.Project(farX, nearY, bounds.ZMin).X ? (nearX, farY) : (farX, nearY);
            var sideBase = projection.Project(left.Item1, left.Item2, bounds.ZMin);
            var away = new SKPoint(sideBase.X - 1000, sideBase.Y);
            foreach (double z in zTicks)
                Label(canvas, Tick(z, zTicks), projection.Project(left.Item1, left.Item2, z), away, 8, font, text, alignRight: true);
            var top = projection.Project(left.Item1, left.Item2, bounds.ZMax);
            canvas.DrawText(zLabel, top.X, top.Y - 20, SKTextAlign.Center, labelFont, text);
        }

        if (trainingBox is { } box)
        {
            using var dashed = new SKPaint
            {
                IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2, Color = HousePalette.ToSkia(HousePalette.Ink),
                PathEffect = SKPathEffect.CreateDash([7, 4], 0),
            };
            using var path = new SKPath();
            path.MoveTo(Floor3(box.XMin, box.YMin));
            path.LineTo(Floor3(box.XMax, box.YMin));
            path.LineTo(Floor3(box.XMax, box.YMax));
            path.LineTo(Floor3(box.XMin, box.YMax));
            path.Close();
            canvas.DrawPath(path, dashed);
        }
    }

    /// <summary>
    /// Draws z(x, y) — <paramref name="z"/>[j·|x| + i] at (x[i], y[j]) — as shaded quads in painter's order. Heights are
    /// clamped to the bounds; a quad with a corner that is not finite is left out; quads whose center lies outside
    /// <paramref name="trainingBox"/> are drawn faded, so the box shows on the surface itself.
    /// </summary>
    public static void DrawSurface(SKCanvas canvas, SurfaceProjection projection, SurfaceBounds bounds, IReadOnlyList<double> x, IReadOnlyList<double> y,
        ReadOnlySpan<double> z, double colorMin, double colorMax, (double XMin, double XMax, double YMin, double YMax)? trainingBox = null)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(projection);
        int nx = x.Count, ny = y.Count;
        if (nx < 2 || ny < 2)
            throw new ArgumentException($"A surface needs at least 2 × 2 points; it has {nx} × {ny}.", nameof(x));
        if (z.Length != nx * ny)
            throw new ArgumentException($"z has {z.Length} values; a {nx} × {ny} grid needs {nx * ny}.", nameof(z));

        // Every grid point once: its box-unit coordinates, its pixel and its depth.
        var px = new double[nx];
        var py = new double[ny];
        for (int i = 0; i < nx; i++)
            px[i] = projection.NormalX(x[i]);
        for (int j = 0; j < ny; j++)
            py[j] = projection.NormalY(y[j]);
        var nz = new double[nx * ny];
        var screen = new SKPoint[nx * ny];
        var depth = new double[nx * ny];
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                int k = j * nx + i;
                double value = z[k];
                nz[k] = double.IsFinite(value) ? projection.NormalZ(Math.Clamp(value, bounds.ZMin, bounds.ZMax)) : double.NaN;
                double h = double.IsNaN(nz[k]) ? 0 : nz[k];
                screen[k] = projection.ProjectNormal(px[i], py[j], h);
                depth[k] = projection.Depth3(px[i], py[j], h);
            }

        int quads = (nx - 1) * (ny - 1), drawn = 0;
        var order = new int[quads];
        var keys = new double[quads];
        for (int j = 0; j < ny - 1; j++)
            for (int i = 0; i < nx - 1; i++)
            {
                int k = j * nx + i;
                if (double.IsNaN(nz[k]) || double.IsNaN(nz[k + 1]) || double.IsNaN(nz[k + nx]) || double.IsNaN(nz[k + nx + 1]))
                    continue;
                order[drawn] = j * (nx - 1) + i;
                // Far quads first: sort on minus the mean depth of the four corners.
                keys[drawn] = -(depth[k] + depth[k + 1] + depth[k + nx] + depth[k + nx + 1]);
                drawn++;
            }
        Array.Sort(keys, order, 0, drawn);

        var lut = ColorTable();
        var (ex, ey, ez) = projection.TowardEye;
        // The light comes from above and a little from the eye's side, so slopes facing the viewer are lit.
        double lx = 0.5 * ex - 0.35, ly = 0.5 * ey + 0.25, lz = 1.0, ln = Math.Sqrt(lx * lx + ly * ly + lz * lz);
        (lx, ly, lz) = (lx / ln, ly / ln, lz / ln);
        double zRange = colorMax - colorMin;
        var positions = new SKPoint[6 * drawn];
        var colors = new SKColor[6 * drawn];
        for (int q = 0; q < drawn; q++)
        {
            int cell = order[q], i = cell % (nx - 1), j = cell / (nx - 1), k = j * nx + i;
            int k10 = k + 1, k01 = k + nx, k11 = k + nx + 1;
            // The normal from the cross product of the diagonals, turned to face up.
            double ax = px[i + 1] - px[i], ay = py[j + 1] - py[j], az = nz[k11] - nz[k];
            double bx = px[i] - px[i + 1], by = py[j + 1] - py[j], bz = nz[k01] - nz[k10];
            double nxv = ay * bz - az * by, nyv = az * bx - ax * bz, nzv = ax * by - ay * bx;
            double norm = Math.Sqrt(nxv * nxv + nyv * nyv + nzv * nzv);
            double light = norm > 0 ? Math.Abs(nxv * lx + nyv * ly + nzv * lz) / norm : 1;
            double shade = 0.42 + 0.58 * light;
            double mean = (z[k] + z[k10] + z[k01] + z[k11]) / 4;
            double t = zRange > 0 ? Math.Clamp((mean - colorMin) / zRange, 0, 1) : 0.5;
            var c = lut[(int)(t * (ColorSteps - 1))];
            double r = c.Red * shade, g = c.Green * shade, b = c.Blue * shade;
            if (trainingBox is { } box)
            {
                double cx = (x[i] + x[i + 1]) / 2, cy = (y[j] + y[j + 1]) / 2;
                if (cx < box.XMin || cx > box.XMax || cy < box.YMin || cy > box.YMax)
                {
                    r = 0.45 * r + 0.55 * 255;
                    g = 0.45 * g + 0.55 * 255;
                    b = 0.45 * b + 0.55 * 255;
                }
            }
            var color = new SKColor((byte)r, (byte)g, (byte)b);
            int v = 6 * q;
            positions[v] = screen[k];
            positions[v + 1] = screen[k10];
            positions[v + 2] = screen[k11];
            positions[v + 3] = screen[k];
            positions[v + 4] = screen[k11];
            positions[v + 5] = screen[k01];
            for (int m = 0; m < 6; m++)
                colors[v + m] = color;
        }
        if (drawn == 0)
            return;
        using var vertices = SKVertices.CreateCopy(SKVertexMode.Triangles, positions, colors);
        using var paint = new SKPaint { IsAntialias = false };
        canvas.DrawVertices(vertices, SKBlendMode.Dst, paint);
    }

    /// <summary>A vertical color bar in <paramref name="rect"/> from <paramref name="min"/> (bottom) to <paramref name="max"/> (top), with ticks and a label written up its side.</summary>
    public static void DrawColorBar(SKCanvas canvas, SKRect rect, double min, double max, string label)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        var lut = ColorTable();
        using var paint = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill };
        int rows = Math.Max(1, (int)rect.Height);
        for (int r = 0; r < rows; r++)
        {
            paint.Color = lut[(int)((ColorSteps - 1) * (1 - (double)r / Math.Max(1, rows - 1)))];
            canvas.DrawRect(new SKRect(rect.Left, rect.Top + r, rect.Right, rect.Top + r + 1), paint);
        }
        using var outline = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1, Color = BoxLine };
        canvas.DrawRect(rect, outline);
        using var font = new SKFont(HouseFont.Regular, 11.5f);
        using var text = new SKPaint { IsAntialias = true, Color = TickText };
        if (max > min)
        {
            var ticks = NiceTicks(min, max, 5);
            foreach (double t in ticks)
            {
                float yPixel = (float)(rect.Bottom - (t - min) / (max - min) * rect.Height);
                canvas.DrawLine(rect.Right, yPixel, rect.Right + 4, yPixel, outline);
                canvas.DrawText(Tick(t, ticks), rect.Right + 7, yPixel + 4, SKTextAlign.Left, font, text);
            }
        }
        using var labelFont = new SKFont(HouseFont.Regular, 13);
        canvas.Save();
        canvas.Translate(rect.Right + 58, rect.MidY);
        canvas.RotateDegrees(90);
        canvas.DrawText(label, 0, 0, SKTextAlign.Center, labelFont, text);
        canvas.Restore();
    }

    /// <summary>About <paramref name="count"/> round values (1, 2 or 5 times a power of ten apart) between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static double[] NiceTicks(double min, double max, int count)
    {
        if (!(max > min) || !double.IsFinite(min) || !double.IsFinite(max))
            return [min];
        double raw = (max - min) / Math.Max(1, count - 1);
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power : 10 * power;
        // Multiples of the step counted in decimal, so 3 × 0.2 is 0.6 and not 0.6000000000000001.
        var ticks = new List<double>();
        decimal exact = (decimal)step;
        for (long k = (long)Math.Ceiling(min / step - 1e-9); k * step <= max + 1e-9 * step; k++)
            ticks.Add((double)(k * exact));
        return [.. ticks];
    }

    private static string Tick(double value, double[] ticks)
    {
        double step = ticks.Length > 1 ? Math.Abs(ticks[1] - ticks[0]) : Math.Abs(value);
        int decimals = step > 0 ? Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 6) : 0;
        return value.ToString("F" + decimals, CultureInfo.InvariantCulture).Replace('-', '−');
    }

    private static (double X, double Y) Corner(SurfaceProjection projection, SurfaceBounds bounds, bool nearest)
    {
        (double, double) best = (bounds.XMin, bounds.YMin);
        double bestDepth = nearest ? double.PositiveInfinity : double.NegativeInfinity;
        foreach (double x in (double[])[bounds.XMin, bounds.XMax])
            foreach (double y in (double[])[bounds.YMin, bounds.YMax])
            {
                double d = projection.Depth(x, y, bounds.ZMin);
                if (nearest ? d < bestDepth : d > bestDepth)
                    (best, bestDepth) = ((x, y), d);
            }
        return best;
    }

    // Writes text at `distance` pixels from `anchor`, on the side away from `from`.
    private static void Label(SKCanvas canvas, string value, SKPoint anchor, SKPoint from, float distance, SKFont font, SKPaint paint, bool alignRight = false)
    {
        float dx = anchor.X - from.X, dy = anchor.Y - from.Y, length = MathF.Max(1e-3f, MathF.Sqrt(dx * dx + dy * dy));
        float tx = anchor.X + distance * dx / length, ty = anchor.Y + distance * dy / length;
        var align = alignRight ? SKTextAlign.Right : Math.Abs(dx / length) < 0.3f ? SKTextAlign.Center : dx < 0 ? SKTextAlign.Right : SKTextAlign.Left;
        canvas.DrawText(value, tx, ty + font.Size * 0.35f, align, font, paint);
    }

    private static SKColor[] ColorTable()
    {
        var table = Table.Value;
        return table;
    }

    private static readonly Lazy<SKColor[]> Table = new(() =>
    {
        var colors = new SKColor[ColorSteps];
        for (int i = 0; i < ColorSteps; i++)
            colors[i] = HousePalette.ToSkia(HousePalette.Colormap.GetColor(i / (double)(ColorSteps - 1)));
        return colors;
    });
}
