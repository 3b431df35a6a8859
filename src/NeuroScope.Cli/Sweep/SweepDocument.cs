using NeuroScope.Experiments;

namespace NeuroScope.Cli.Sweep;

/// <summary>
/// <c>sweep.json</c>: the grid of a sweep and every run's settings, folder and status, rewritten whole as runs start and
/// end, so a reader (the board, a script) always finds a consistent document.
/// </summary>
/// <param name="Experiment">The experiment's verb.</param>
/// <param name="Variant">The variant (subcommand), or null.</param>
/// <param name="Created">When the sweep started.</param>
/// <param name="Command">The command line that made it.</param>
/// <param name="Parallel">How many runs ran at once.</param>
/// <param name="Status"><c>running</c>, <c>finished</c>, <c>failed</c> (a run failed) or <c>cancelled</c>.</param>
/// <param name="Message">Why it stopped, when it was cancelled or a run failed.</param>
/// <param name="Grid">The options swept (given several values) and their values.</param>
/// <param name="Fixed">The options given one value, the same for every run, by config.json key, as CLI text.</param>
/// <param name="Metrics">The metrics of the comparison pictures.</param>
/// <param name="Pictures">The comparison pictures, one per metric, in the sweep folder.</param>
/// <param name="Runs">Every point of the grid, in order.</param>
internal sealed record SweepDocument(
    string Experiment, string? Variant, DateTimeOffset Created, string Command, int Parallel, string Status, string? Message,
    IReadOnlyList<SweepAxis> Grid, IReadOnlyDictionary<string, string> Fixed, IReadOnlyList<string> Metrics, IReadOnlyList<string> Pictures, IReadOnlyList<SweepRunEntry> Runs);

/// <summary>One swept option.</summary>
/// <param name="Option">The CLI name, e.g. <c>--learning-rate</c>.</param>
/// <param name="Key">The config.json key, e.g. <c>learningRate</c>.</param>
/// <param name="Label">The report's label, e.g. "Learning rate".</param>
/// <param name="Values">The values as CLI text.</param>
internal sealed record SweepAxis(string Option, string Key, string Label, IReadOnlyList<string> Values);

/// <summary>One run of a sweep.</summary>
/// <param name="Index">1-based position in the grid.</param>
/// <param name="Label">The settings that vary across the grid, e.g. <c>learning-rate 0.02</c>.</param>
/// <param name="Settings">Each swept option's value for this run, by config.json key, as CLI text.</param>
/// <param name="Arguments">The arguments after <c>neuroscope</c> that ran it.</param>
/// <param name="Folder">The run folder relative to the sweep folder, once the run has claimed it.</param>
/// <param name="Status"><c>pending</c>, <c>running</c>, <c>finished</c>, <c>failed</c>, <c>cancelled</c> or <c>not started</c>.</param>
/// <param name="ExitCode">The run's exit code once it has ended.</param>
/// <param name="Seconds">Its wall time once it has ended.</param>
/// <param name="Headlines">Its headline numbers (summary.json) once finished.</param>
/// <param name="Message">The last line of its error output when it failed.</param>
internal sealed record SweepRunEntry(
    int Index, string Label, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<string> Arguments, string? Folder, string Status,
    int? ExitCode, double? Seconds, IReadOnlyList<Headline>? Headlines, string? Message);
