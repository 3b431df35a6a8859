namespace NeuroScope.Experiments;

/// <summary>
/// What an experiment reports while it runs: where it is (stage, step of total) and, for steps that produce
/// them, the metrics of that step — the CLI appends those to <c>metrics.csv</c> as they arrive.
/// </summary>
/// <param name="Stage">A short name of the current phase ("plain", "lr_find", "train").</param>
/// <param name="Step">Steps done in this stage.</param>
/// <param name="Total">Steps this stage will take.</param>
/// <param name="Metrics">Named values of this step, or null for a progress-only report.</param>
/// <param name="Message">A line worth printing (a log line of the original script), or null.</param>
public sealed record ExperimentProgress(string Stage, int Step, int Total,
    IReadOnlyDictionary<string, double>? Metrics = null, string? Message = null);
