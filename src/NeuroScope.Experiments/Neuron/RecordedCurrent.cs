namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// A measured stimulus replayed: the current given at every grid point (from a CSV file of time, current rows), held
/// from one sample to the next, the first value before the first time and the last after the last.
/// </summary>
public sealed record RecordedCurrent : InputCurrent
{
    private readonly double[] _values;

    /// <summary>Creates a recorded current from samples at 0, <paramref name="dt"/>, 2·dt, … ms.</summary>
    public RecordedCurrent(IReadOnlyList<double> values, double dt, string source)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(source);
        if (values.Count == 0)
            throw new ArgumentException("RecordedCurrent: values is empty; give at least one sample.", nameof(values));
        if (!double.IsFinite(dt) || dt <= 0)
            throw new ArgumentOutOfRangeException(nameof(dt), dt, $"RecordedCurrent: dt must be a finite time greater than 0 ms, but was {LifParameters.Format(dt)}.");
        _values = new double[values.Count];
        for (int i = 0; i < _values.Length; i++)
        {
            CheckFinite(values[i], $"values[{i}]", "RecordedCurrent");
            _values[i] = values[i];
        }
        Dt = dt;
        Source = source;
    }

    /// <summary>Reads a recorded current from a trace file that matches <paramref name="grid"/> (see <see cref="TraceFile"/>).</summary>
    /// <exception cref="FormatException">The file is missing or not a finite, sorted series on the grid.</exception>
    public static RecordedCurrent Read(string path, TimeGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return new RecordedCurrent(TraceFile.Read(path, grid, "current (mV)"), grid.Dt, path);
    }

    /// <summary>The samples, mV.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The sampling interval, ms.</summary>
    public double Dt { get; }

    /// <summary>Where the samples came from (a file path).</summary>
    public string Source { get; }

    /// <inheritdoc/>
    public override string Name => $"recorded current from {System.IO.Path.GetFileName(Source)} ({_values.Length} samples)";

    /// <inheritdoc/>
    public override double At(double time)
    {
        double position = Math.Floor(time / Dt + TimeTolerance);
        int index = position < 0 ? 0 : position >= _values.Length ? _values.Length - 1 : (int)position;
        return _values[index];
    }

    /// <summary>Recorded currents are equal when their samples, dt and source are.</summary>
    public bool Equals(RecordedCurrent? other) =>
        other is not null && Dt == other.Dt && Source == other.Source && _values.AsSpan().SequenceEqual(other._values);

    /// <summary>A hash of dt, the source and the sample count.</summary>
    public override int GetHashCode() => HashCode.Combine(Dt, Source, _values.Length);
}
