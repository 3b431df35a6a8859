namespace NeuroScope.Experiments;

/// <summary>A named variant of an experiment, run as a subcommand (<c>neuron fit</c>): it shows only its own options and presets the config.</summary>
/// <param name="Name">The subcommand, e.g. "fit".</param>
/// <param name="Description">The first sentence is the one-line summary; the rest (examples) follows the options in --help.</param>
/// <param name="TourTitle">The title of its own stop in the tour, after the experiment's; null when the tour does not run it.</param>
public sealed record ExperimentVariant(string Name, string Description, string? TourTitle = null);
