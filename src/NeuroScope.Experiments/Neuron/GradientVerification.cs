namespace NeuroScope.Experiments.Neuron;

/// <summary>Checks gradients: do the finite-difference schemes and the surrogate agree, and by how much; does a small step along −g lower the loss.</summary>
public static class GradientVerification
{
    /// <summary>Compares two gradients over the same names.</summary>
    public static GradientComparison Compare(string first, ParameterGradient a, string second, ParameterGradient b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Values.Length != b.Values.Length)
            throw new ArgumentException($"Compare: the gradients have {a.Values.Length} and {b.Values.Length} entries; compare gradients over the same parameters.");
        double maxDiff = 0, diff2 = 0, aa = 0, bb = 0, ab = 0;
        for (int i = 0; i < a.Values.Length; i++)
        {
            double x = a.Values[i], y = b.Values[i];
            maxDiff = Math.Max(maxDiff, Math.Abs(x - y));
            diff2 += (x - y) * (x - y);
            aa += x * x;
            bb += y * y;
            ab += x * y;
        }
        double scale = Math.Sqrt(Math.Max(aa, bb));
        double relative = scale == 0 ? 0 : Math.Sqrt(diff2) / scale;
        double cosine = aa == 0 && bb == 0 ? 1 : aa == 0 || bb == 0 ? 0 : ab / Math.Sqrt(aa * bb);
        return new GradientComparison(first, second, maxDiff, relative, cosine);
    }

    /// <summary>Evaluates the loss after a step of length <paramref name="stepLength"/> along −g/‖g‖ from <paramref name="at"/>.</summary>
    public static DescentCheck CheckDescent(Func<LifParameters, double> loss, LifParameters at, ParameterGradient gradient, double stepLength, string source = "gradient")
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(gradient);
        if (!double.IsFinite(stepLength) || stepLength <= 0)
            throw new ArgumentOutOfRangeException(nameof(stepLength), stepLength,
                $"CheckDescent: stepLength must be a finite length greater than 0, but was {LifParameters.Format(stepLength)}.");
        double before = loss(at);
        double norm = gradient.Norm;
        if (norm == 0 || !double.IsFinite(norm))
            return new DescentCheck(source, stepLength, before, before);
        var values = at.ToArray(gradient.Names);
        for (int i = 0; i < values.Length; i++)
            values[i] -= stepLength * gradient.Values[i] / norm;
        return new DescentCheck(source, stepLength, before, loss(at.With(gradient.Names, values)));
    }

    /// <summary>
    /// Computes the forward, backward, central and (when the problem supports it) surrogate gradients of the problem's
    /// loss at <paramref name="at"/>, compares every pair, and checks descent along the central and surrogate gradients.
    /// </summary>
    public static GradientVerificationReport Verify(NeuronProblem problem, LifParameters at, IReadOnlyList<string> names,
        double step = FiniteDifference.DefaultStep, double descentStep = 1e-3, SurrogateSettings? surrogate = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var forward = FiniteDifference.Gradient(problem, at, names, FiniteDifferenceScheme.Forward, step);
        var backward = FiniteDifference.Gradient(problem, at, names, FiniteDifferenceScheme.Backward, step);
        var central = FiniteDifference.Gradient(problem, at, names, FiniteDifferenceScheme.Central, step);
        ParameterGradient? autodiff = DifferentiableLif.IsSupported(problem, out var reason)
            ? DifferentiableLif.Gradient(problem, at, names, surrogate)
            : null;

        var sources = new List<(string Name, ParameterGradient Gradient)> { ("forward", forward), ("backward", backward), ("central", central) };
        if (autodiff is not null)
            sources.Add(("surrogate", autodiff));
        var comparisons = new List<GradientComparison>();
        for (int i = 0; i < sources.Count; i++)
            for (int j = i + 1; j < sources.Count; j++)
                comparisons.Add(Compare(sources[i].Name, sources[i].Gradient, sources[j].Name, sources[j].Gradient));

        var descent = new List<DescentCheck> { CheckDescent(problem.Evaluate, at, central, descentStep, "central") };
        if (autodiff is not null)
            descent.Add(CheckDescent(problem.Evaluate, at, autodiff, descentStep, "surrogate"));
        return new GradientVerificationReport(forward, backward, central, autodiff, reason, comparisons, descent);
    }
}
