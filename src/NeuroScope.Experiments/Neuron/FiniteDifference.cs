namespace NeuroScope.Experiments.Neuron;

/// <summary>Finite-difference gradients of any loss of the LIF parameters, for any subset of them, with a step size per parameter.</summary>
/// <remarks>
/// Spike times of the plain Euler model move in whole steps, so the loss is piecewise constant in v_threshold and
/// jumps where a spike changes step: a small h then sees 0 or an enormous difference. Interpolated crossings
/// (<see cref="NeuronProblem.InterpolateSpikes"/>) make most losses continuous and finite differences meaningful.
/// </remarks>
public static class FiniteDifference
{
    /// <summary>The default step h for every parameter (mV or ms).</summary>
    public const double DefaultStep = 1e-3;

    /// <summary>The gradient of <paramref name="loss"/> at <paramref name="at"/> with respect to <paramref name="names"/>, with one step for all.</summary>
    public static ParameterGradient Gradient(Func<LifParameters, double> loss, LifParameters at, IReadOnlyList<string> names,
        FiniteDifferenceScheme scheme = FiniteDifferenceScheme.Central, double step = DefaultStep)
    {
        CheckStep(step, "step");
        return Gradient(loss, at, names, scheme, null, step);
    }

    /// <summary>
    /// The gradient with a step per parameter: <paramref name="steps"/> maps names to h; names it leaves out use
    /// <paramref name="defaultStep"/>.
    /// </summary>
    public static ParameterGradient Gradient(Func<LifParameters, double> loss, LifParameters at, IReadOnlyList<string> names,
        FiniteDifferenceScheme scheme, IReadOnlyDictionary<string, double>? steps, double defaultStep = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(at);
        LifParameters.CheckNames(names);
        CheckStep(defaultStep, "defaultStep");
        if (steps is not null)
        {
            foreach (var (name, h) in steps)
            {
                LifParameters.IndexOf(name);
                CheckStep(h, $"steps[{name}]");
            }
        }

        double center = loss(at);
        var values = new double[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            string name = names[i];
            double h = steps is not null && steps.TryGetValue(name, out double s) ? s : defaultStep;
            double x = at.Get(name);
            values[i] = scheme switch
            {
                FiniteDifferenceScheme.Forward => (loss(at.With(name, x + h)) - center) / h,
                FiniteDifferenceScheme.Backward => (center - loss(at.With(name, x - h))) / h,
                FiniteDifferenceScheme.Central => (loss(at.With(name, x + h)) - loss(at.With(name, x - h))) / (2.0 * h),
                _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown scheme; use Forward, Backward or Central."),
            };
        }
        return new ParameterGradient([.. names], values, center);
    }

    /// <summary>The finite-difference gradient of a problem's loss.</summary>
    public static ParameterGradient Gradient(NeuronProblem problem, LifParameters at, IReadOnlyList<string> names,
        FiniteDifferenceScheme scheme = FiniteDifferenceScheme.Central, double step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Gradient(problem.Evaluate, at, names, scheme, step);
    }

    private static void CheckStep(double step, string name)
    {
        if (!double.IsFinite(step) || step <= 0)
            throw new ArgumentOutOfRangeException(name, step, $"FiniteDifference: {name} must be a finite step greater than 0, but was {LifParameters.Format(step)}.");
    }
}
