using System.Reflection;
using SkiaSharp;

namespace NeuroScope.Plotting.Style;

/// <summary>
/// The one font of every picture: DejaVu Sans, shipped inside this assembly (Style/Fonts, with its licence) and
/// registered with ScottPlot ahead of the system's fonts, so every machine draws the same letters whatever it has installed.
/// </summary>
public static class HouseFont
{
    /// <summary>The family name every plot asks for.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<SKTypeface> LazyRegular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> LazyBold = new(() => Load("DejaVuSans-Bold.ttf"));
    private static int _registered;

    /// <summary>The regular face, loaded from the embedded font file.</summary>
    public static SKTypeface Regular => LazyRegular.Value;

    /// <summary>The bold face, loaded from the embedded font file.</summary>
    public static SKTypeface Bold => LazyBold.Value;

    /// <summary>The face for <paramref name="bold"/> text.</summary>
    public static SKTypeface Face(bool bold) => bold ? Bold : Regular;

    /// <summary>Makes ScottPlot resolve <see cref="Family"/> (and its default font) to the embedded faces; safe to call many times.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;
        ScottPlot.Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
        ScottPlot.Fonts.Default = Family;
    }

    private static SKTypeface Load(string file)
    {
        string name = $"{typeof(HouseFont).Namespace}.Fonts.{file}";
        using var stream = typeof(HouseFont).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font '{name}' is missing from {typeof(HouseFont).Assembly.GetName().Name}.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The embedded font '{name}' could not be read.");
    }

    /// <summary>Answers ScottPlot's requests for the house family with the embedded faces; other names fall through to the next resolver.</summary>
    private sealed class EmbeddedFontResolver : ScottPlot.IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing spacing) =>
            Matches(fontName) ? Face(weight >= ScottPlot.FontWeight.SemiBold) : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            Matches(fontName) ? Face(bold) : null;

        private static bool Matches(string fontName) => string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase);
    }
}
