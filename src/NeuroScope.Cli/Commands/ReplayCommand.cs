using System.CommandLine;
using NeuroScope.Experiments;

namespace NeuroScope.Cli.Commands;

/// <summary><c>neuroscope replay DIR</c>: reruns a run from its config.json into a new run directory beside it.</summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter output, TextWriter error, ExperimentRegistry experiments, Func<string[], int> run)
    {
        var directory = new Argument<string>("run-directory") { Description = "A run directory, e.g. runs/fit_003." };
        var command = new Command("replay", "Rerun a run from its config.json into a new run directory beside it; a seeded run gives the same numbers.\n\nExamples:\n  neuroscope replay runs/dose_001\n  neuroscope replay runs/fit_003 --quiet")
        {
            directory,
        };
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(directory)!;
            var info = RunCatalog.ReadInfo(dir)
                ?? throw new UsageException($"run-directory '{MessageText.Shorten(dir)}' is not a run directory (it has no readable run.json); list runs with 'neuroscope runs'.");
            string config = Path.Combine(dir, "config.json");
            if (!File.Exists(config))
                throw new UsageException($"run-directory '{MessageText.Shorten(dir)}' has no config.json to replay.");
            if (experiments.Find(info.Experiment) is null)
                throw new UsageException($"run-directory '{MessageText.Shorten(dir)}' was made by '{MessageText.Shorten(info.Experiment)}', which is not an experiment here; known: {string.Join(", ", experiments.Select(e => e.Verb))}.");
            string full = Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar);
            string parent = Path.GetDirectoryName(full) ?? ".";
            // The replay keeps the run's name: runs/original-run_001 replays into runs/original-run_002.
            var args = new List<string> { info.Experiment, "--config", config, "--runs-dir", parent, "--name", RunCatalog.NameOf(Path.GetFileName(full)) };
            if (parse.GetValue(CommonOptions.Quiet)) args.Add("--quiet");
            if (parse.GetValue(CommonOptions.NoProgress)) args.Add("--no-progress");
            output.WriteLine($"Replaying {info.Experiment} from {config}");
            return run([.. args]);
        });
        return command;
    }
}
