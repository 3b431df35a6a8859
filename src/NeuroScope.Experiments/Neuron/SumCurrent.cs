namespace NeuroScope.Experiments.Neuron;

/// <summary>The sum of several currents, I(t) = Σ Iₖ(t): a train of pulses, a pulse on a baseline, a signal plus noise.</summary>
public sealed record SumCurrent : InputCurrent
{
    private readonly InputCurrent[] _parts;

    /// <summary>Creates the sum of <paramref name="parts"/> (at least one).</summary>
    public SumCurrent(IReadOnlyList<InputCurrent> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
            throw new ArgumentException("SumCurrent: parts is empty; give at least one current.", nameof(parts));
        _parts = new InputCurrent[parts.Count];
        for (int i = 0; i < _parts.Length; i++)
            _parts[i] = parts[i] ?? throw new ArgumentException($"SumCurrent: part {i} is null.", nameof(parts));
    }

    /// <summary>The currents added together.</summary>
    public IReadOnlyList<InputCurrent> Parts => _parts;

    /// <inheritdoc/>
    public override string Name => string.Join(" + ", _parts.Select(p => p.Name));

    /// <inheritdoc/>
    public override double At(double time)
    {
        double sum = 0;
        foreach (var part in _parts)
            sum += part.At(time);
        return sum;
    }

    /// <summary>Sums are equal when their parts are, in order.</summary>
    public bool Equals(SumCurrent? other) => other is not null && _parts.AsSpan().SequenceEqual(other._parts);

    /// <summary>A hash of the parts.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var part in _parts)
            hash.Add(part);
        return hash.ToHashCode();
    }
}
