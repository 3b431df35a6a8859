namespace NeuroScope.Experiments.Neuron;

/// <summary>Loss landscapes: the loss along one parameter (1-D sweep) or over a grid of two (2-D), the others held fixed.</summary>
public static class ParameterLandscape
{
    /// <summary>The loss at each value of <paramref name="range"/>, the other parameters as in <paramref name="at"/>.</summary>
    public static Landscape1D Sweep(Func<LifParameters, double> loss, LifParameters at, ParameterRange range)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(range);
        var values = range.Values();
        var losses = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
            losses[i] = TryEvaluate(loss, at, [range.Name], [values[i]]);
        return new Landscape1D(range, values, losses, at);
    }

    /// <summary>The loss over the grid <paramref name="x"/> × <paramref name="y"/> (two different parameters), the others as in <paramref name="at"/>.</summary>
    public static Landscape2D Grid(Func<LifParameters, double> loss, LifParameters at, ParameterRange x, ParameterRange y)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Name == y.Name)
            throw new ArgumentException($"ParameterLandscape.Grid: both axes are '{x.Name}'; choose two different parameters.", nameof(y));
        var xs = x.Values();
        var ys = y.Values();
        var losses = new double[ys.Length, xs.Length];
        string[] names = [x.Name, y.Name];
        for (int r = 0; r < ys.Length; r++)
            for (int c = 0; c < xs.Length; c++)
                losses[r, c] = TryEvaluate(loss, at, names, [xs[c], ys[r]]);
        return new Landscape2D(x, y, xs, ys, losses, at);
    }

    /// <summary>A 1-D sweep of a problem's loss.</summary>
    public static Landscape1D Sweep(NeuronProblem problem, LifParameters at, ParameterRange range)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Sweep(problem.Evaluate, at, range);
    }

    /// <summary>A 2-D grid of a problem's loss.</summary>
    public static Landscape2D Grid(NeuronProblem problem, LifParameters at, ParameterRange x, ParameterRange y)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Grid(problem.Evaluate, at, x, y);
    }

    // A point where the parameters are invalid (v_reset at or above v_threshold, tau ≤ 0) is a hole in the map, not an error.
    private static double TryEvaluate(Func<LifParameters, double> loss, LifParameters at, string[] names, double[] values)
    {
        LifParameters point;
        try
        {
            point = at.With(names, values);
        }
        catch (ArgumentException)
        {
            return double.NaN;
        }
        return loss(point);
    }
}
