using NeuroScope.Experiments;

namespace NeuroScope.Plotting.Sweep;

/// <summary>One run of a sweep on a comparison chart: its label (the settings that differ), a metric per step, and the levels its config fixes.</summary>
/// <param name="Label">The legend text, e.g. <c>learning-rate 0.02</c>.</param>
/// <param name="Steps">The step of each value.</param>
/// <param name="Values">The metric at each step (finite values only).</param>
/// <param name="References">Levels drawn in the run's colour, e.g. its 2/lr.</param>
public sealed record SweepSeries(string Label, double[] Steps, double[] Values, IReadOnlyList<ReferenceLine> References);
