namespace NeuroScope.Experiments.Neuron;

/// <summary>How far two gradients of the same loss are apart.</summary>
/// <param name="First">The first gradient's source (e.g. "central").</param>
/// <param name="Second">The second gradient's source (e.g. "surrogate").</param>
/// <param name="MaxAbsoluteDifference">maxᵢ |aᵢ − bᵢ|.</param>
/// <param name="RelativeDifference">‖a − b‖ / max(‖a‖, ‖b‖); 0 when both are zero.</param>
/// <param name="CosineSimilarity">a·b / (‖a‖‖b‖); 1 when both are zero, 0 when exactly one is.</param>
public sealed record GradientComparison(string First, string Second, double MaxAbsoluteDifference, double RelativeDifference, double CosineSimilarity)
{
    /// <summary>Whether the gradients agree to within <paramref name="relativeTolerance"/> (relative) or <paramref name="absoluteTolerance"/> (largest entry).</summary>
    public bool Agrees(double relativeTolerance, double absoluteTolerance = 0.0) =>
        RelativeDifference <= relativeTolerance || MaxAbsoluteDifference <= absoluteTolerance;
}
