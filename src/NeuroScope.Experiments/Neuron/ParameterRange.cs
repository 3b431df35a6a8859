namespace NeuroScope.Experiments.Neuron;

/// <summary>Evenly spaced values of one named parameter, from <see cref="Min"/> to <see cref="Max"/> inclusive, <see cref="Points"/> of them.</summary>
public sealed record ParameterRange
{
    /// <summary>Creates and validates a range: a known name, finite min &lt; max, at least 2 points.</summary>
    public ParameterRange(string name, double min, double max, int points)
    {
        LifParameters.IndexOf(name);
        if (!double.IsFinite(min) || !double.IsFinite(max) || min >= max)
            throw new ArgumentOutOfRangeException(nameof(max), max,
                $"ParameterRange: {name} needs finite bounds with min < max, but got min {LifParameters.Format(min)} and max {LifParameters.Format(max)}.");
        if (points < 2)
            throw new ArgumentOutOfRangeException(nameof(points), points, $"ParameterRange: points must be at least 2, but was {points}.");
        Name = name;
        Min = min;
        Max = max;
        Points = points;
    }

    /// <summary>The parameter's name.</summary>
    public string Name { get; }

    /// <summary>The first value.</summary>
    public double Min { get; }

    /// <summary>The last value.</summary>
    public double Max { get; }

    /// <summary>The number of values.</summary>
    public int Points { get; }

    /// <summary>The values Min + i·(Max − Min)/(Points − 1).</summary>
    public double[] Values()
    {
        var values = new double[Points];
        double step = (Max - Min) / (Points - 1);
        for (int i = 0; i < Points; i++)
            values[i] = i == Points - 1 ? Max : Min + i * step;
        return values;
    }
}
