using NeuroScope.Experiments;

namespace NeuroScope.Cli.Sweep;

/// <summary>A validated sweep, before anything is written: the experiment, the grid, every point's config and arguments, and how to run them.</summary>
/// <param name="Experiment">The experiment.</param>
/// <param name="Variant">Its variant (subcommand), or null.</param>
/// <param name="Axes">The swept options (given several values) and their values, in declaration order.</param>
/// <param name="Fixed">The options given one value, the same for every run, by config.json key.</param>
/// <param name="Points">Every point of the grid, in order (the last axis varies fastest).</param>
/// <param name="Metrics">The metrics to compare in pictures.</param>
/// <param name="Parallel">Runs at a time.</param>
/// <param name="RunsDir">Where the sweep folder goes.</param>
/// <param name="Name">The sweep folder's name before its number.</param>
internal sealed record SweepPlan(IExperiment Experiment, string? Variant, IReadOnlyList<SweepAxis> Axes, IReadOnlyDictionary<string, string> Fixed, IReadOnlyList<SweepPoint> Points,
    IReadOnlyList<string> Metrics, int Parallel, string RunsDir, string Name);

/// <summary>One point of the grid.</summary>
/// <param name="Index">1-based position.</param>
/// <param name="Label">The settings that vary across the grid.</param>
/// <param name="RunName">The run folder's name before its number.</param>
/// <param name="Settings">Each swept option's value for this point, by config.json key.</param>
/// <param name="Config">The validated config (for its reference lines).</param>
/// <param name="Arguments">The child's arguments, without <c>--runs-dir</c>.</param>
internal sealed record SweepPoint(int Index, string Label, string RunName, IReadOnlyDictionary<string, string> Settings, object Config, IReadOnlyList<string> Arguments);
