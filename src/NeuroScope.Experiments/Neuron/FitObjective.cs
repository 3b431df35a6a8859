namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// A problem's loss as a function of some named parameters, evaluated on plain doubles with reused buffers: after
/// construction, <see cref="Evaluate"/> and <see cref="Gradient"/> allocate nothing (the finite-difference path of a fit).
/// </summary>
public sealed class FitObjective
{
    private readonly NeuronProblem _problem;
    private readonly LossSettings _settings;
    private readonly int[] _indices;
    private readonly double[] _base;
    private readonly double[] _trace;
    private double[] _spikes;

    /// <summary>An objective over <paramref name="names"/>; the other parameters are taken from <paramref name="baseParameters"/>.</summary>
    public FitObjective(NeuronProblem problem, LifParameters baseParameters, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(baseParameters);
        LifParameters.CheckNames(names);
        baseParameters.Validate();
        _problem = problem;
        _settings = problem.EffectiveSettings;
        _indices = new int[names.Count];
        for (int i = 0; i < _indices.Length; i++)
            _indices[i] = LifParameters.IndexOf(names[i]);
        _base = [baseParameters.Tau, baseParameters.VRest, baseParameters.VThreshold, baseParameters.VReset];
        _trace = new double[problem.Target.Grid.Points];
        _spikes = new double[problem.Target.Grid.Points];
    }

    /// <summary>How many simulations this objective has run.</summary>
    public long Simulations { get; private set; }

    /// <summary>The number of parameters.</summary>
    public int Count => _indices.Length;

    /// <summary>The loss at <paramref name="values"/> (one per name), or NaN where the parameters are invalid (tau ≤ 0, v_reset ≥ v_threshold, not finite).</summary>
    public double Evaluate(ReadOnlySpan<double> values)
    {
        if (values.Length != _indices.Length)
            throw new ArgumentException($"FitObjective: {values.Length} values for {_indices.Length} parameters; give one value per parameter.", nameof(values));
        double tau = _base[0], vRest = _base[1], threshold = _base[2], reset = _base[3];
        for (int i = 0; i < values.Length; i++)
        {
            switch (_indices[i])
            {
                case 0: tau = values[i]; break;
                case 1: vRest = values[i]; break;
                case 2: threshold = values[i]; break;
                default: reset = values[i]; break;
            }
        }
        if (!(tau > 0) || !double.IsFinite(tau) || !double.IsFinite(vRest) || !double.IsFinite(threshold) || !double.IsFinite(reset) || reset >= threshold)
            return double.NaN;

        var target = _problem.Target;
        double initial = LifSimulator.InitialVoltage(target.Config.Initial, vRest, threshold, reset);
        Simulations++;
        int count = LifSimulator.Run(tau, vRest, threshold, reset, target.Grid.Dt, target.CurrentSamples, initial, _trace, _spikes, _problem.InterpolateSpikes);
        if (count > _spikes.Length)
        {
            // Interpolated crossings can fire more than once per step; grow once and run again.
            _spikes = new double[count];
            Simulations++;
            LifSimulator.Run(tau, vRest, threshold, reset, target.Grid.Dt, target.CurrentSamples, initial, _trace, _spikes, _problem.InterpolateSpikes);
        }
        return _problem.Loss.Value(new LossInput(_trace, _spikes.AsSpan(0, count), reset, target, _settings));
    }

    /// <summary>
    /// Writes the finite-difference gradient at <paramref name="values"/> into <paramref name="gradient"/>, with step
    /// steps[i] for parameter i, and returns the loss at <paramref name="values"/>.
    /// </summary>
    public double Gradient(ReadOnlySpan<double> values, ReadOnlySpan<double> steps, Span<double> gradient,
        FiniteDifferenceScheme scheme = FiniteDifferenceScheme.Central, bool needLoss = true)
    {
        if (steps.Length != _indices.Length || gradient.Length != _indices.Length)
            throw new ArgumentException($"FitObjective: give {_indices.Length} steps and room for {_indices.Length} gradient entries.");
        Span<double> point = _indices.Length <= 8 ? stackalloc double[_indices.Length] : new double[_indices.Length];
        values.CopyTo(point);
        // Central differences never use the centre: skip that simulation when the caller does not want the loss.
        double center = scheme == FiniteDifferenceScheme.Central && !needLoss ? double.NaN : Evaluate(point);
        for (int i = 0; i < point.Length; i++)
        {
            double x = values[i], h = steps[i];
            point[i] = x + h;
            double plus = scheme == FiniteDifferenceScheme.Backward ? center : Evaluate(point);
            point[i] = x - h;
            double minus = scheme == FiniteDifferenceScheme.Forward ? center : Evaluate(point);
            point[i] = x;
            gradient[i] = scheme == FiniteDifferenceScheme.Central ? (plus - minus) / (2.0 * h) : (plus - minus) / h;
        }
        return center;
    }
}
