namespace NeuroScope.Experiments.Fit;

/// <summary>
/// The plot grid: the training box padded on each side, with the noise-free target on it. In 1-D the points are
/// <see cref="X"/>; in 2-D they are every (X[i], Y[j]), stored row by row (index j·|X| + i).
/// </summary>
/// <param name="InputDimension">1 or 2.</param>
/// <param name="X">The x coordinates (1-D: the points; 2-D: one axis).</param>
/// <param name="Y">The y axis in 2-D; empty in 1-D.</param>
/// <param name="Box">The training box (xmin, xmax, ymin, ymax); y bounds equal x bounds in 1-D.</param>
/// <param name="Target">The noise-free target (or exact PDE solution) at each point; NaN where it is not known.</param>
/// <param name="Outside">Whether each point lies strictly outside the training box: these points measure generalization.</param>
public sealed record FitGrid(int InputDimension, double[] X, double[] Y, (double XMin, double XMax, double YMin, double YMax) Box,
    double[] Target, bool[] Outside)
{
    /// <summary>The number of grid points: |X| in 1-D, |X|·|Y| in 2-D.</summary>
    public int Count => InputDimension == 1 ? X.Length : X.Length * Y.Length;

    /// <summary>The points as rows [Count, InputDimension], row-major.</summary>
    public double[] Points()
    {
        if (InputDimension == 1)
            return (double[])X.Clone();
        var points = new double[2 * Count];
        for (int j = 0; j < Y.Length; j++)
            for (int i = 0; i < X.Length; i++)
            {
                int index = j * X.Length + i;
                points[2 * index] = X[i];
                points[2 * index + 1] = Y[j];
            }
        return points;
    }

    /// <summary>Builds the grid over the box padded by <paramref name="padding"/>·width on each side, with <paramref name="target"/> (or NaN).</summary>
    public static FitGrid Create(int inputDimension, (double XMin, double XMax, double YMin, double YMax) box, double padding, int points,
        Func<double, double, double>? target)
    {
        double padX = padding * (box.XMax - box.XMin), padY = padding * (box.YMax - box.YMin);
        var x = Linspace(box.XMin - padX, box.XMax + padX, points);
        var y = inputDimension == 2 ? Linspace(box.YMin - padY, box.YMax + padY, points) : [];
        int count = inputDimension == 1 ? x.Length : x.Length * y.Length;
        var values = new double[count];
        var outside = new bool[count];
        for (int index = 0; index < count; index++)
        {
            double px = inputDimension == 1 ? x[index] : x[index % x.Length];
            double py = inputDimension == 1 ? 0 : y[index / x.Length];
            bool outX = px < box.XMin || px > box.XMax;
            bool outY = inputDimension == 2 && (py < box.YMin || py > box.YMax);
            outside[index] = outX || outY;
            values[index] = target is null ? double.NaN : target(px, py);
        }
        return new FitGrid(inputDimension, x, y, box, values, outside);
    }

    private static double[] Linspace(double start, double stop, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
            values[i] = start + (stop - start) * i / (count - 1);
        return values;
    }
}
