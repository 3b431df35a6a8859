namespace NeuroScope.Experiments.Neuron;

/// <summary>A loss over a grid of two parameters with the others held at <see cref="Center"/>; NaN where the parameters are invalid.</summary>
/// <param name="X">The first parameter and its range (columns).</param>
/// <param name="Y">The second parameter and its range (rows).</param>
/// <param name="XValues">The first parameter's values.</param>
/// <param name="YValues">The second parameter's values.</param>
/// <param name="Losses">Losses[row, column] = L(y = YValues[row], x = XValues[column]).</param>
/// <param name="Center">The point the grid is laid through (the current parameters).</param>
public sealed record Landscape2D(ParameterRange X, ParameterRange Y, double[] XValues, double[] YValues, double[,] Losses, LifParameters Center)
{
    /// <summary>The (row, column) of the smallest finite loss, or (−1, −1) when there is none.</summary>
    public (int Row, int Column) MinimumIndex
    {
        get
        {
            (int Row, int Column) best = (-1, -1);
            for (int r = 0; r < YValues.Length; r++)
                for (int c = 0; c < XValues.Length; c++)
                    if (double.IsFinite(Losses[r, c]) && (best.Row < 0 || Losses[r, c] < Losses[best.Row, best.Column]))
                        best = (r, c);
            return best;
        }
    }

    /// <summary>The smallest finite loss (NaN when none is finite).</summary>
    public double MinimumLoss => MinimumIndex.Row < 0 ? double.NaN : Losses[MinimumIndex.Row, MinimumIndex.Column];

    /// <summary>The (x, y) parameter values with the smallest loss (NaN when none is finite).</summary>
    public (double X, double Y) Minimum => MinimumIndex.Row < 0
        ? (double.NaN, double.NaN)
        : (XValues[MinimumIndex.Column], YValues[MinimumIndex.Row]);
}
