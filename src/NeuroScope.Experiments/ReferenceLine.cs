namespace NeuroScope.Experiments;

/// <summary>A level a metric is read against, fixed by the config: fit's sharpness against 2/lr, the edge of stability of gradient descent.</summary>
/// <param name="Metric">The metric column of metrics.csv it belongs to, e.g. <c>sharpness</c>.</param>
/// <param name="Value">The level.</param>
/// <param name="Label">What it is, e.g. <c>2/lr</c>.</param>
public sealed record ReferenceLine(string Metric, double Value, string Label);
