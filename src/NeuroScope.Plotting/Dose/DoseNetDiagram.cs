using NeuroScope.Plotting.Style;
using System.Globalization;
using NeuroScope.Experiments.Dose;
using SkiaSharp;

namespace NeuroScope.Plotting.Dose;

/// <summary>
/// Draws the dose-response net: the dose, the two ReLU branches with their weights and biases on the edges, the sum, the
/// learnable final bias and the final ReLU that gives the effectiveness. Fixed weights are grey, the learnable bias orange.
/// </summary>
public static class DoseNetDiagram
{
    /// <summary>The picture's size in pixels.</summary>
    public const int Width = 1400, Height = 640;

    private static readonly SKColor Ink = HousePalette.ToSkia(HousePalette.Ink);
    private static readonly SKColor Frozen = new(0x6b, 0x6b, 0x6b);
    private static readonly SKColor Learnable = HousePalette.ToSkia(HousePalette.Orange);
    private static readonly SKColor NodeFill = new(0xf3, 0xf6, 0xfa);
    private static readonly SKColor NodeStroke = new(0x3b, 0x5b, 0x85);
    private static readonly SKColor LearnableFill = new(0xff, 0xf1, 0xe0);

    /// <summary>Writes the diagram as a PNG to <paramref name="path"/>, labelling the final bias with its start and, if given, its learned value.</summary>
    public static string Save(string path, double initialBias = 0, double? learnedBias = null)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        Draw(surface.Canvas, initialBias, learnedBias);
        PictureFile.WritePng(path, surface);
        return path;
    }

    private static void Draw(SKCanvas canvas, double initialBias, double? learnedBias)
    {
        canvas.Clear(SKColors.White);
        var typeface = HouseFont.Regular;
        var bold = HouseFont.Bold;
        using var title = new SKFont(bold, 28);
        using var text = new SKFont(typeface, 20);
        using var small = new SKFont(typeface, 17);
        using var big = new SKFont(bold, 34);

        Text(canvas, "The dose-response net", Width / 2f, 48, title, Ink, SKTextAlign.Center);
        Text(canvas, "effectiveness = relu( relu(x·w₀₀ + b₀₀)·w₀₁ + relu(x·w₁₀ + b₁₀)·w₁₁ + b )", Width / 2f, 84, text, Frozen, SKTextAlign.Center);

        var input = new SKPoint(110, 340);
        var top = new SKPoint(430, 200);
        var bottom = new SKPoint(430, 480);
        var sum = new SKPoint(750, 340);
        var bias = new SKPoint(910, 340);
        var relu = new SKPoint(1070, 340);
        var output = new SKPoint(1265, 340);
        const float radius = 52, boxW = 130, boxH = 74;

        // Edges first, so the nodes sit on top of them.
        var edges = new (SKPoint From, SKPoint To, string Label, float Side)[]
        {
            (Toward(input, top, radius), BoxEdge(top, input, boxW, boxH), $"× {N(DoseNet<float>.W00)}  (w₀₀)", -1),
            (Toward(input, bottom, radius), BoxEdge(bottom, input, boxW, boxH), $"× {N(DoseNet<float>.W10)}  (w₁₀)", 1),
            (BoxEdge(top, sum, boxW, boxH), Toward(sum, top, 44), $"× {N(DoseNet<float>.W01)}  (w₀₁)", -1),
            (BoxEdge(bottom, sum, boxW, boxH), Toward(sum, bottom, 44), $"× {N(DoseNet<float>.W11)}  (w₁₁)", 1),
        };
        foreach (var (from, to, _, _) in edges)
            Arrow(canvas, from, to, Frozen);
        Arrow(canvas, new SKPoint(sum.X + 44, sum.Y), new SKPoint(bias.X - 70, bias.Y), Frozen);
        Arrow(canvas, new SKPoint(bias.X + 70, bias.Y), new SKPoint(relu.X - boxW / 2, relu.Y), Frozen);
        Arrow(canvas, new SKPoint(relu.X + boxW / 2, relu.Y), new SKPoint(output.X - 85, output.Y), Frozen);
        // Each weight sits beside the middle of its edge, on the outer side, so it never covers the line.
        foreach (var (from, to, label, side) in edges)
            EdgeLabel(canvas, from, to, side, label, text);

        Circle(canvas, input, radius, NodeFill, NodeStroke);
        Text(canvas, "Dose", input.X, input.Y - 4, text, Ink, SKTextAlign.Center);
        Text(canvas, "x ∈ [0, 1]", input.X, input.Y + 22, small, Frozen, SKTextAlign.Center);

        ReluBox(canvas, top, boxW, boxH, NodeFill, NodeStroke, text);
        Text(canvas, $"+ b₀₀ = {N(DoseNet<float>.B00)}", top.X, top.Y - boxH / 2 - 14, text, Frozen, SKTextAlign.Center);
        Text(canvas, "top branch", top.X, top.Y + boxH / 2 + 28, small, Frozen, SKTextAlign.Center);
        ReluBox(canvas, bottom, boxW, boxH, NodeFill, NodeStroke, text);
        Text(canvas, $"+ b₁₀ = {N(DoseNet<float>.B10)}", bottom.X, bottom.Y + boxH / 2 + 30, text, Frozen, SKTextAlign.Center);
        Text(canvas, "bottom branch", bottom.X, bottom.Y - boxH / 2 - 14, small, Frozen, SKTextAlign.Center);

        Circle(canvas, sum, 44, NodeFill, NodeStroke);
        Text(canvas, "Σ", sum.X, sum.Y + 12, big, NodeStroke, SKTextAlign.Center);
        Text(canvas, "sum s(x)", sum.X, sum.Y + 72, small, Frozen, SKTextAlign.Center);

        var biasRect = new SKRect(bias.X - 70, bias.Y - 40, bias.X + 70, bias.Y + 40);
        RoundRect(canvas, biasRect, LearnableFill, Learnable, 3.5f);
        Text(canvas, "+ b", bias.X, bias.Y + 10, new SKFont(bold, 28), Learnable, SKTextAlign.Center);
        Text(canvas, "final bias (learned)", bias.X, bias.Y - 56, small, Learnable, SKTextAlign.Center);
        string values = learnedBias is { } learned
            ? $"start {N(initialBias)} → {Signed(learned.ToString("F4", CultureInfo.InvariantCulture))}"
            : $"start {N(initialBias)}";
        Text(canvas, values, bias.X, bias.Y + 72, text, Learnable, SKTextAlign.Center);

        ReluBox(canvas, relu, boxW, boxH, NodeFill, NodeStroke, text);
        Text(canvas, "final ReLU", relu.X, relu.Y + boxH / 2 + 28, small, Frozen, SKTextAlign.Center);

        RoundRect(canvas, new SKRect(output.X - 85, output.Y - 34, output.X + 85, output.Y + 34), NodeFill, NodeStroke, 3);
        Text(canvas, "Effectiveness", output.X, output.Y + 7, text, Ink, SKTextAlign.Center);
        Text(canvas, "output", output.X, output.Y + 34 + 28, small, Frozen, SKTextAlign.Center);

        // Legend: what is frozen and what learns.
        float ly = Height - 38;
        using (var line = new SKPaint { Color = Frozen, StrokeWidth = 3, IsAntialias = true })
            canvas.DrawLine(300, ly - 7, 350, ly - 7, line);
        Text(canvas, "fixed (frozen) weights and biases", 362, ly, small, Frozen, SKTextAlign.Left);
        RoundRect(canvas, new SKRect(760, ly - 22, 810, ly + 6), LearnableFill, Learnable, 2.5f);
        Text(canvas, "the one learnable parameter", 822, ly, small, Learnable, SKTextAlign.Left);
    }

    // The weights as the model states them (1.7, −0.85, −40.8), with a typographic minus.
    private static string N(double value) => Signed(value.ToString("0.##", CultureInfo.InvariantCulture));

    private static string Signed(string number) => number.StartsWith('-') ? "−" + number[1..] : number;

    private static void Text(SKCanvas canvas, string value, float x, float y, SKFont font, SKColor color, SKTextAlign align)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(value, x, y, align, font, paint);
    }

    // side −1 puts the label above the edge, +1 below: its box's nearest corner keeps a gap from the line through the midpoint.
    private static void EdgeLabel(SKCanvas canvas, SKPoint from, SKPoint to, float side, string value, SKFont font)
    {
        float width = font.MeasureText(value);
        float slope = (to.Y - from.Y) / (to.X - from.X);
        var middle = new SKPoint((from.X + to.X) / 2, (from.Y + to.Y) / 2);
        // Vertical distance from the line at the box's near corner: half the box height plus the rise over half its width.
        float shift = 15 + 12 + MathF.Abs(slope) * (width / 2 + 8);
        var at = new SKPoint(middle.X, middle.Y + side * shift + 7);
        var back = new SKRect(at.X - width / 2 - 8, at.Y - 22, at.X + width / 2 + 8, at.Y + 8);
        using (var fill = new SKPaint { Color = SKColors.White.WithAlpha(235), IsAntialias = true })
            canvas.DrawRoundRect(back, 6, 6, fill);
        Text(canvas, value, at.X, at.Y, font, Ink, SKTextAlign.Center);
    }

    private static void Circle(SKCanvas canvas, SKPoint center, float radius, SKColor fill, SKColor stroke)
    {
        using var fillPaint = new SKPaint { Color = fill, IsAntialias = true };
        using var strokePaint = new SKPaint { Color = stroke, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3 };
        canvas.DrawCircle(center, radius, fillPaint);
        canvas.DrawCircle(center, radius, strokePaint);
    }

    private static void RoundRect(SKCanvas canvas, SKRect rect, SKColor fill, SKColor stroke, float strokeWidth)
    {
        using var fillPaint = new SKPaint { Color = fill, IsAntialias = true };
        using var strokePaint = new SKPaint { Color = stroke, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = strokeWidth };
        canvas.DrawRoundRect(rect, 12, 12, fillPaint);
        canvas.DrawRoundRect(rect, 12, 12, strokePaint);
    }

    // A box with "ReLU" and a small drawing of max(0, z): flat, then rising.
    private static void ReluBox(SKCanvas canvas, SKPoint center, float width, float height, SKColor fill, SKColor stroke, SKFont font)
    {
        var rect = new SKRect(center.X - width / 2, center.Y - height / 2, center.X + width / 2, center.Y + height / 2);
        RoundRect(canvas, rect, fill, stroke, 3);
        Text(canvas, "ReLU", center.X - 18, center.Y + 7, font, Ink, SKTextAlign.Center);
        using var glyph = new SKPaint { Color = stroke, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round };
        using var path = new SKPath();
        float gx = center.X + 24, gy = center.Y + 14;
        path.MoveTo(gx, gy);
        path.LineTo(gx + 14, gy);
        path.LineTo(gx + 34, gy - 26);
        canvas.DrawPath(path, glyph);
    }

    private static void Arrow(SKCanvas canvas, SKPoint from, SKPoint to, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true, StrokeWidth = 3, Style = SKPaintStyle.Stroke };
        float dx = to.X - from.X, dy = to.Y - from.Y, length = MathF.Sqrt(dx * dx + dy * dy);
        float ux = dx / length, uy = dy / length;
        const float head = 16, half = 7;
        var tip = to;
        var baseCenter = new SKPoint(tip.X - ux * head, tip.Y - uy * head);
        canvas.DrawLine(from, baseCenter, paint);
        using var headPaint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        using var path = new SKPath();
        path.MoveTo(tip);
        path.LineTo(baseCenter.X - uy * half, baseCenter.Y + ux * half);
        path.LineTo(baseCenter.X + uy * half, baseCenter.Y - ux * half);
        path.Close();
        canvas.DrawPath(path, headPaint);
    }

    // The point at distance `radius` from `center` in the direction of `other`: where an edge meets a circle.
    private static SKPoint Toward(SKPoint center, SKPoint other, float radius)
    {
        float dx = other.X - center.X, dy = other.Y - center.Y, length = MathF.Sqrt(dx * dx + dy * dy);
        return new SKPoint(center.X + dx / length * radius, center.Y + dy / length * radius);
    }

    // Where the segment from a box's center toward `other` leaves the box.
    private static SKPoint BoxEdge(SKPoint center, SKPoint other, float width, float height)
    {
        float dx = other.X - center.X, dy = other.Y - center.Y;
        float scale = Math.Min(width / 2 / Math.Max(Math.Abs(dx), 1e-6f), height / 2 / Math.Max(Math.Abs(dy), 1e-6f));
        return new SKPoint(center.X + dx * scale, center.Y + dy * scale);
    }

}
