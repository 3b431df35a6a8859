using System.CommandLine;
using System.Globalization;
using NeuroScope.Cli.Runs;
using NeuroScope.Cli.Sweep;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Options;

namespace NeuroScope.Cli.Commands;

/// <summary>
/// <c>neuroscope sweep &lt;experiment&gt; --&lt;option&gt; a,b,c …</c>: a subcommand per experiment (and per variant) whose
/// options are the experiment's declared options, each taking several values; every point of the grid is validated as
/// the verb validates it (same messages, exit 2 before anything is written), then run by <see cref="SweepRunner"/>.
/// </summary>
internal static class SweepCommand
{
    /// <summary>The largest grid: a sweep is a handful of comparisons, not a search over thousands of runs.</summary>
    public const int MaxRuns = 1000;

    /// <summary>The most runs at a time.</summary>
    public const int MaxParallel = 256;

    public static Command Create(TextWriter output, TextWriter error, ExperimentRegistry experiments)
    {
        var command = new Command("sweep",
            "Run a grid of settings of one experiment, in parallel processes, into runs/sweep_NNN/: one ordinary run folder per point, "
            + "sweep.json, a table of the grid's headline numbers and a picture comparing a metric across the runs.\n\n"
            + "Examples:\n  neuroscope sweep fit --learning-rate 0.02,0.03,0.04 --metric sharpness\n  neuroscope sweep dose --learning-rate 0.05,0.1 --dtype float32,float64\n"
            + "  neuroscope sweep fit --hidden 16 --hidden 64,64 --steps 1000 --parallel 2");
        foreach (var experiment in experiments)
        {
            var verb = Build(experiment, null, output, error);
            foreach (var variant in experiment.Variants)
                verb.Subcommands.Add(Build(experiment, variant, output, error));
            command.Subcommands.Add(verb);
        }
        return command;
    }

    private static Command Build(IExperiment experiment, ExperimentVariant? variant, TextWriter output, TextWriter error)
    {
        string verbLine = variant is null ? experiment.Verb : $"{experiment.Verb} {variant.Name}";
        var command = new Command(variant?.Name ?? experiment.Verb,
            $"Sweep '{verbLine}': every combination of the values given runs as its own 'neuroscope {verbLine}'. "
            + "Give several values of a number, a flag or a name separated by ',' (--learning-rate 0.01,0.02); "
            + "repeat an option whose value is a list or a formula (--hidden 16 --hidden 64,64). Options given once apply to every run.");
        var bindings = new List<(OptionInfo Info, Option<string[]> Option)>();
        foreach (var info in experiment.Options.Options)
        {
            if (variant is not null && info.Only is { } only && !only.Contains(variant.Name))
                continue;
            var option = new Option<string[]>(info.CliName, [.. info.Aliases])
            {
                Description = info.HelpLine + (info.IsScalar ? " Several: a,b,c." : " Several: repeat the option."),
                HelpName = info.HelpName,
                Arity = ArgumentArity.OneOrMore,
                AllowMultipleArgumentsPerToken = false,
            };
            command.Options.Add(option);
            bindings.Add((info, option));
        }
        var parallel = new Option<string>("--parallel") { Description = $"Runs at a time (1..{MaxParallel}). [default: the number of cores, {Environment.ProcessorCount}]", HelpName = "integer" };
        var metric = new Option<string>("--metric")
        {
            Description = $"The metric(s) of the comparison picture, separated by ',': {string.Join(", ", experiment.MetricColumns)}. [default: {DefaultMetric(experiment)}]",
            HelpName = "name,…",
        };
        var runsDir = CommonOptions.RunsDir();
        var name = new Option<string?>("--name") { Description = "The sweep folder is <name>_NNN. [default: sweep]" };
        var configFile = CommonOptions.Config();
        command.Options.Add(parallel);
        command.Options.Add(metric);
        command.Options.Add(runsDir);
        command.Options.Add(name);
        command.Options.Add(configFile);

        command.SetAction(parse =>
        {
            var cli = CommonOptions.Context(parse, output, error);
            var given = bindings
                .Where(b => parse.GetResult(b.Option) is { Implicit: false })
                .Select(b => (b.Info, Values: Values(b.Info, parse.GetValue(b.Option) ?? [])))
                .ToList();
            string? configPath = parse.GetValue(configFile) is { } path ? Path.GetFullPath(path) : null;
            var plan = Plan(experiment, variant?.Name, given, configPath,
                ParseParallel(parse.GetValue(parallel)), Metrics(experiment, parse.GetValue(metric)),
                parse.GetValue(runsDir)!, string.IsNullOrWhiteSpace(parse.GetValue(name)) ? "sweep" : parse.GetValue(name)!);
            return SweepRunner.Run(cli, plan);
        });
        return command;
    }

    /// <summary>
    /// The grid of <paramref name="given"/> options (the last one varying fastest), each point validated by
    /// <see cref="ExperimentCommand.Configure"/>: a bad value throws the verb's own message before anything is written.
    /// </summary>
    internal static SweepPlan Plan(IExperiment experiment, string? variant, IReadOnlyList<(OptionInfo Info, IReadOnlyList<string> Values)> given,
        string? configPath, int parallel, IReadOnlyList<string> metrics, string runsDir, string name)
    {
        long size = given.Aggregate(1L, (product, axis) => product * axis.Values.Count);
        if (size > MaxRuns)
            throw new UsageException($"the grid has {size.ToString("N0", CultureInfo.InvariantCulture)} runs ({string.Join(" × ", given.Select(a => $"{a.Values.Count} {a.Info.CliName}"))}); at most {MaxRuns.ToString("N0", CultureInfo.InvariantCulture)} are allowed.");
        if (string.IsNullOrWhiteSpace(runsDir))
            throw new UsageException("--runs-dir: an empty value is not allowed; give a folder, e.g. --runs-dir runs.");
        if (name.Length > RunDirectory.MaxNameLength)
            throw new UsageException($"--name: '{MessageText.Shorten(name)}' is {name.Length} characters long; at most {RunDirectory.MaxNameLength} are allowed.");
        var axes = given.Where(a => a.Values.Count > 1).Select(a => new SweepAxis(a.Info.CliName, a.Info.JsonName, a.Info.Label, a.Values)).ToList();
        var fixedSettings = given.Where(a => a.Values.Count == 1).ToDictionary(a => a.Info.JsonName, a => a.Values[0]);
        var varying = given.Where(a => a.Values.Count > 1).Select(a => a.Info).ToHashSet();
        var points = new List<SweepPoint>();
        foreach (var combination in Combinations(given))
        {
            var typed = combination.Select((text, i) => (given[i].Info, text)).ToList();
            object config = ExperimentCommand.Configure(experiment, variant, configPath, typed);
            int index = points.Count + 1;
            string label = string.Join(", ", typed.Where(t => varying.Contains(t.Info)).Select(t => $"{t.Info.CliName[2..]} {t.text}"));
            if (label.Length == 0)
                label = $"run {index}";
            string runName = RunName($"{experiment.RunName(config)}-{index:00}", label);
            var arguments = new List<string> { experiment.Verb };
            if (variant is not null)
                arguments.Add(variant);
            if (configPath is not null)
                arguments.AddRange(["--config", configPath]);
            // --option=value: a value that starts with '-' (a negative number) is never read as an option.
            arguments.AddRange(typed.Select(t => $"{t.Info.CliName}={t.text}"));
            arguments.AddRange(["--name", runName]);
            points.Add(new SweepPoint(index, label, runName, typed.Where(t => varying.Contains(t.Info)).ToDictionary(t => t.Info.JsonName, t => t.text), config, arguments));
        }
        return new SweepPlan(experiment, variant, axes, fixedSettings, points, metrics, parallel, runsDir, name);
    }

    /// <summary>The values of one option: a scalar's text split at ',', a list's or a formula's each occurrence whole.</summary>
    internal static IReadOnlyList<string> Values(OptionInfo info, IReadOnlyList<string> occurrences)
    {
        var values = new List<string>();
        foreach (string occurrence in occurrences)
        {
            var parts = info.IsScalar ? occurrence.Split(',', StringSplitOptions.TrimEntries) : [occurrence.Trim()];
            foreach (string text in parts)
            {
                if (text.Length == 0)
                    throw new UsageException($"{info.CliName}: '{MessageText.Shorten(occurrence)}' holds an empty value; give values separated by ',', e.g. {info.CliName} {Example(info)}.");
                // A number, flag or name in its canonical form (0.020 → 0.02, On → true), so every run's label and arguments read alike.
                string part = info.IsScalar ? info.Format(info.Parse(text, info.Default, info.CliName)) : text;
                if (values.Contains(part))
                    throw new UsageException($"{info.CliName}: {MessageText.Shorten(part)} is given twice; give each value once.");
                values.Add(part);
            }
        }
        return values;
    }

    private static string Example(OptionInfo info) => info.DefaultText + "," + info.DefaultText + "0";

    internal static int ParseParallel(string? text)
    {
        if (text is null)
            return Math.Clamp(Environment.ProcessorCount, 1, MaxParallel);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value is >= 1 and <= MaxParallel
            ? value
            : throw new UsageException($"--parallel: {MessageText.Shorten(text)} is not allowed; it must be a whole number from 1 to {MaxParallel}.");
    }

    internal static string DefaultMetric(IExperiment experiment) =>
        experiment.MetricColumns.Contains("loss") ? "loss" : experiment.MetricColumns[0];

    internal static IReadOnlyList<string> Metrics(IExperiment experiment, string? text)
    {
        if (text is null)
            return [DefaultMetric(experiment)];
        var metrics = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        foreach (string metric in metrics)
            if (!experiment.MetricColumns.Contains(metric))
                throw new UsageException($"--metric: '{MessageText.Shorten(metric)}' is not allowed; allowed: {string.Join(", ", experiment.MetricColumns)}.");
        return metrics.Count > 0 ? metrics : throw new UsageException($"--metric: an empty value is not allowed; allowed: {string.Join(", ", experiment.MetricColumns)}.");
    }

    // "fit-02" and "learning-rate 0.02" → "fit-02-learning-rate-0-02", short enough to stay a readable folder name.
    private static string RunName(string prefix, string label)
    {
        string slug = string.Join('-', RunDirectory.Slug(prefix + "-" + label).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length <= 60 ? slug.TrimEnd('-') : slug[..60].TrimEnd('-');
    }

    private static IEnumerable<string[]> Combinations(IReadOnlyList<(OptionInfo Info, IReadOnlyList<string> Values)> axes)
    {
        var index = new int[axes.Count];
        while (true)
        {
            yield return axes.Select((axis, i) => axis.Values[index[i]]).ToArray();
            int position = axes.Count - 1;
            while (position >= 0 && ++index[position] == axes[position].Values.Count)
                index[position--] = 0;
            if (position < 0)
                yield break;
        }
    }
}
