using System.CommandLine;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Options;

namespace NeuroScope.Cli.Commands;

/// <summary>
/// Makes the CLI verb of any registered experiment from its declarations: one option per declared config property
/// (with its default and range in --help), a subcommand per variant showing only its own options, <c>--config</c> as
/// the starting point with typed options overriding it, and validation messages that name the option as typed.
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create(IExperiment experiment, TextWriter output, TextWriter error)
    {
        var command = Build(experiment, null, output, error);
        foreach (var variant in experiment.Variants)
            command.Subcommands.Add(Build(experiment, variant, output, error));
        return command;
    }

    private static Command Build(IExperiment experiment, ExperimentVariant? variant, TextWriter output, TextWriter error)
    {
        string description = variant?.Description
            ?? experiment.Description + "\n\nExamples:\n" + string.Join("\n", experiment.Examples.Select(e => "  neuroscope " + e));
        var command = new Command(variant?.Name ?? experiment.Verb, description);
        var bindings = new List<(OptionInfo Info, Option Option)>();
        foreach (var info in experiment.Options.Options)
        {
            if (variant is not null && info.Only is { } only && !only.Contains(variant.Name))
                continue;
            Option option = info.IsFlag
                ? new Option<bool>(info.CliName, [.. info.Aliases]) { Description = info.HelpLine }
                : new Option<string>(info.CliName, [.. info.Aliases]) { Description = info.HelpLine, HelpName = info.HelpName };
            command.Options.Add(option);
            bindings.Add((info, option));
        }
        var runsDir = CommonOptions.RunsDir();
        var name = CommonOptions.Name();
        var configFile = CommonOptions.Config();
        command.Options.Add(runsDir);
        command.Options.Add(name);
        command.Options.Add(configFile);

        command.SetAction(parse =>
        {
            var cli = CommonOptions.Context(parse, output, error);
            string? path = parse.GetValue(configFile);
            object config = path is null ? experiment.CreateConfig() : ExperimentJson.ReadFile(experiment.ConfigType, path);
            config = experiment.ForVariant(config, variant?.Name);
            var typed = new Dictionary<string, string>();
            foreach (var (info, option) in bindings)
            {
                if (parse.GetResult(option) is not { Implicit: false })
                    continue;
                object? value = info.IsFlag
                    ? parse.GetValue((Option<bool>)option)
                    : info.Parse(parse.GetValue((Option<string>)option) ?? "", info.GetValue(config), info.CliName);
                info.SetValue(config, value);
                typed[info.JsonName] = info.CliName;
            }
            Validate(experiment, config, typed);
            string runName = string.IsNullOrWhiteSpace(parse.GetValue(name)) ? experiment.RunName(config) : parse.GetValue(name)!;
            return ExperimentRunner.Run(cli, experiment, config, parse.GetValue(runsDir)!, runName);
        });
        return command;
    }

    /// <summary>
    /// The validated config of a run: the defaults (or <paramref name="configPath"/>'s config.json), the variant's preset,
    /// and the options typed on the command line, read as the CLI reads them. A bad value throws with the message the
    /// verb prints: a <see cref="UsageException"/> naming the option as typed, or a <see cref="ConfigException"/> naming
    /// the config.json field it came from.
    /// </summary>
    internal static object Configure(IExperiment experiment, string? variant, string? configPath, IReadOnlyList<(OptionInfo Info, string Text)> typed)
    {
        object config = configPath is null ? experiment.CreateConfig() : ExperimentJson.ReadFile(experiment.ConfigType, configPath);
        config = experiment.ForVariant(config, variant);
        var cliNames = new Dictionary<string, string>();
        foreach (var (info, text) in typed)
        {
            info.SetValue(config, info.Parse(text, info.GetValue(config), info.CliName));
            cliNames[info.JsonName] = info.CliName;
        }
        Validate(experiment, config, cliNames);
        return config;
    }

    /// <summary>
    /// Validates <paramref name="config"/>; a bad value that was typed (<paramref name="typed"/> maps config.json keys to
    /// the option names as typed) is reported under that name, as the user wrote it.
    /// </summary>
    /// <exception cref="UsageException">A typed value is not allowed.</exception>
    /// <exception cref="ConfigException">A value from a config file is not allowed.</exception>
    public static void Validate(IExperiment experiment, object config, IReadOnlyDictionary<string, string> typed)
    {
        try
        {
            experiment.Validate(config);
        }
        catch (ConfigException e) when (typed.TryGetValue(RootField(e.Field), out var cliName))
        {
            throw new UsageException($"{cliName}: {e.Message[(e.Field.Length + 2)..]}");
        }
    }

    // "stepScales.tau" and "probeInputs[2]" belong to the options stepScales and probeInputs.
    private static string RootField(string field)
    {
        int cut = field.IndexOfAny(['.', '[']);
        return cut < 0 ? field : field[..cut];
    }
}
