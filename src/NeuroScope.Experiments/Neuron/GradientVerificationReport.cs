namespace NeuroScope.Experiments.Neuron;

/// <summary>The gradients of one loss at one point by forward, backward and central differences and (when supported) the surrogate, how far they agree, and whether following them descends.</summary>
/// <param name="Forward">The forward-difference gradient.</param>
/// <param name="Backward">The backward-difference gradient.</param>
/// <param name="Central">The central-difference gradient.</param>
/// <param name="Surrogate">The surrogate autodiff gradient, or null when the problem does not support it.</param>
/// <param name="SurrogateUnavailableReason">Why <paramref name="Surrogate"/> is null, or null.</param>
/// <param name="Comparisons">Every pair of the available gradients.</param>
/// <param name="Descent">The descent check along −g for the central and the surrogate gradient.</param>
public sealed record GradientVerificationReport(ParameterGradient Forward, ParameterGradient Backward, ParameterGradient Central,
    ParameterGradient? Surrogate, string? SurrogateUnavailableReason, IReadOnlyList<GradientComparison> Comparisons, IReadOnlyList<DescentCheck> Descent)
{
    /// <summary>The comparison of the two named sources ("forward", "backward", "central", "surrogate"), in either order.</summary>
    public GradientComparison Compare(string first, string second)
    {
        foreach (var c in Comparisons)
            if ((c.First == first && c.Second == second) || (c.First == second && c.Second == first))
                return c;
        throw new ArgumentException($"No comparison between '{first}' and '{second}'; the report has forward, backward, central{(Surrogate is null ? "" : " and surrogate")}.");
    }
}
