using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuroScope.Experiments.Files;

/// <summary>
/// A run's <c>surface.json</c>: one or more surfaces over the same (x, y) grid, drawn side by side and turnable by the
/// board and the report (<c>surface.js</c>), with an optional training box and named points. Small by construction:
/// at most <see cref="MaxPointsPerAxis"/> points per axis, six significant digits, NaN written as null.
/// </summary>
/// <param name="Title">What the surfaces show.</param>
/// <param name="X">The x axis: its label and values (columns).</param>
/// <param name="Y">The y axis: its label and values (rows).</param>
/// <param name="Z">The height's label (no values).</param>
/// <param name="Surfaces">The surfaces, each <c>Z[row][column]</c> at (X[column], Y[row]).</param>
/// <param name="Box">The training box, or null.</param>
/// <param name="Markers">Named points (true parameters, start, found), drawn on every surface.</param>
public sealed record SurfaceFile(string Title, SurfaceAxis X, SurfaceAxis Y, SurfaceAxis Z, IReadOnlyList<SurfaceGrid> Surfaces,
    SurfaceBox? Box, IReadOnlyList<SurfaceMarker> Markers)
{
    /// <summary>The file's name in a run directory.</summary>
    public const string FileName = "surface.json";

    /// <summary>The most grid points per axis the file holds; finer grids are thinned evenly, keeping both ends.</summary>
    public const int MaxPointsPerAxis = 60;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Builds the file from full grids (<paramref name="values"/>(row, column) of each named surface over
    /// <paramref name="x"/> × <paramref name="y"/>), thinning them to at most <see cref="MaxPointsPerAxis"/> per axis.
    /// </summary>
    public static SurfaceFile Create(string title, string xLabel, double[] x, string yLabel, double[] y, string zLabel,
        IReadOnlyList<(string Name, Func<int, int, double> Values)> surfaces, SurfaceBox? box = null, IReadOnlyList<SurfaceMarker>? markers = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(surfaces);
        if (x.Length < 2 || y.Length < 2)
            throw new ArgumentException($"A surface needs at least 2 points per axis; it has {x.Length} × {y.Length}.", nameof(x));
        int[] columns = Thin(x.Length), rows = Thin(y.Length);
        var grids = new List<SurfaceGrid>(surfaces.Count);
        foreach (var (name, values) in surfaces)
        {
            var z = new double?[rows.Length][];
            for (int r = 0; r < rows.Length; r++)
            {
                z[r] = new double?[columns.Length];
                for (int c = 0; c < columns.Length; c++)
                    z[r][c] = Round(values(rows[r], columns[c]));
            }
            grids.Add(new SurfaceGrid(name, z));
        }
        var roundedMarkers = (markers ?? []).Where(m => double.IsFinite(m.X) && double.IsFinite(m.Y))
            .Select(m => m with { X = Round(m.X)!.Value, Y = Round(m.Y)!.Value, Z = m.Z is double z ? Round(z) : null }).ToList();
        return new SurfaceFile(title, new SurfaceAxis(xLabel, [.. columns.Select(c => Round(x[c])!.Value)]),
            new SurfaceAxis(yLabel, [.. rows.Select(r => Round(y[r])!.Value)]), new SurfaceAxis(zLabel), grids, box, roundedMarkers);
    }

    /// <summary>The file's compact JSON (camelCase; absent box and marker heights are left out).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a <c>surface.json</c>.</summary>
    public static SurfaceFile Parse(string json) =>
        JsonSerializer.Deserialize<SurfaceFile>(json, Json) ?? throw new JsonException("surface.json holds null.");

    /// <summary>Writes <see cref="FileName"/> whole into the run directory.</summary>
    public string Write(IRunFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return files.WriteText(FileName, ToJson());
    }

    /// <summary>Indices 0..n−1 thinned evenly to at most <see cref="MaxPointsPerAxis"/>, first and last always kept.</summary>
    internal static int[] Thin(int n)
    {
        int count = Math.Min(n, MaxPointsPerAxis);
        var indices = new int[count];
        for (int k = 0; k < count; k++)
            indices[k] = (int)Math.Round((double)k * (n - 1) / (count - 1));
        return indices;
    }

    // Six significant digits are far finer than a plot shows and keep the file small; NaN and ±∞ have no JSON form.
    private static double? Round(double value) =>
        double.IsFinite(value) ? double.Parse(value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture) : null;
}
