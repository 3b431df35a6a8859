using System.Text.Json;
using NeuroScope.Experiments;

namespace NeuroScope.Cli.Runs;

/// <summary>
/// A run's reference lines as its experiment declares them (<see cref="IExperiment.ReferenceLines"/>, fit's sharpness
/// against 2/lr), for the config in its config.json: the board, the report and the sweep all draw these, none works them out itself.
/// </summary>
internal static class RunReferenceLines
{
    /// <summary>The lines of the run in <paramref name="runFolder"/>; none when its experiment is unknown or its config.json is missing or unreadable.</summary>
    public static IReadOnlyList<ReferenceLine> Read(IExperiment? experiment, string runFolder)
    {
        string path = Path.Combine(runFolder, "config.json");
        if (experiment is null || !File.Exists(path))
            return [];
        try
        {
            return experiment.ReferenceLines(ExperimentJson.ReadFile(experiment.ConfigType, path));
        }
        catch (Exception e) when (e is ConfigException or JsonException or IOException or UnauthorizedAccessException)
        {
            // A damaged config costs the chart its reference line, not the page.
            return [];
        }
    }
}
