using System.CommandLine;
using System.Globalization;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Neuron;
using NeuroScope.Plotting.Neuron;
using Spectre.Console;

namespace NeuroScope.Cli.Commands;

/// <summary>
/// <c>neuroscope neuron</c>: learning a leaky integrate-and-fire neuron's parameters from its voltage trace. The verb
/// alone runs the recovery demo; <c>silent</c>, <c>simulate</c>, <c>landscape</c> and <c>fit</c> run the other modes.
/// </summary>
internal static class NeuronCommand
{
    public const string Experiment = "neuron";

    private static readonly Dictionary<string, LossKind> LossNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["voltage"] = LossKind.Voltage,
        ["subthreshold"] = LossKind.SubThreshold,
        ["count"] = LossKind.SpikeCount,
        ["timing"] = LossKind.SpikeTiming,
        ["rate"] = LossKind.FiringRate,
        ["van-rossum"] = LossKind.VanRossum,
        ["victor-purpura"] = LossKind.VictorPurpura,
        ["matched-voltage"] = LossKind.MatchedVoltage,
        ["earth-mover"] = LossKind.EarthMover,
        ["combined"] = LossKind.Combined,
    };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var root = new Command(Experiment,
            "Learn a leaky integrate-and-fire neuron's tau and v_threshold from its voltage trace. Alone, the verb runs the recovery demo: "
            + "at 20 mV the surrogate gradient of a matched-voltage + earth-mover loss recovers tau 25 and v_threshold -52 from 20 and -55, "
            + "beside the tutorials' voltage loss and finite differences with several steps. Writes the recovery tables, learning curves, parameter paths, traces and landscapes."
            + "\n\nExamples:\n  neuroscope neuron\n  neuroscope neuron silent\n  neuroscope neuron simulate --current 20 --initial tau=20,v_threshold=-55"
            + "\n  neuroscope neuron landscape --params tau,v_threshold --range 15:35,-57:-47 --points 41"
            + "\n  neuroscope neuron fit --params tau,v_threshold --gradient fd --optimizer momentum --learning-rate 0.01 --iterations 200 --loss earth-mover --interpolate"
            + "\n  neuroscope neuron --config runs/neuron_001/config.json");
        Configure(root, null, output, error);
        root.Subcommands.Add(Sub("silent", NeuronMode.Silent,
            "The trap: at 18 mV the target never fires, so v_threshold has no gradient and cannot be recovered (flat landscape); tau still can.\n\nExamples:\n  neuroscope neuron silent\n  neuroscope neuron silent --initial tau=20,v_threshold=-45", output, error));
        root.Subcommands.Add(Sub("simulate", NeuronMode.Simulate,
            "Simulate the initial and the target neuron: voltage with threshold, reset and spikes above the input current.\n\nExamples:\n  neuroscope neuron simulate --current 20 --initial tau=20,v_threshold=-55\n  neuroscope neuron simulate --current 18 --duration 300", output, error));
        root.Subcommands.Add(Sub("landscape", NeuronMode.Landscape,
            "Loss landscapes through the initial point: a 1-D sweep per parameter and a 2-D heat map with contours over the first two.\n\nExamples:\n  neuroscope neuron landscape --params tau,v_threshold --range 15:35,-57:-47 --points 41 --loss voltage\n  neuroscope neuron landscape --params v_threshold --range -60:-45 --current 18", output, error));
        root.Subcommands.Add(Sub("fit", NeuronMode.Fit,
            "Fit the chosen parameters with one gradient source and optimizer.\n\nExamples:\n  neuroscope neuron fit --params tau,v_threshold --gradient surrogate --optimizer adam --learning-rate 0.2 --iterations 300\n  neuroscope neuron fit --gradient fd --loss earth-mover --interpolate --optimizer adam --learning-rate 0.2", output, error));
        return root;
    }

    private static Command Sub(string verb, NeuronMode mode, string description, TextWriter output, TextWriter error)
    {
        var command = new Command(verb, description);
        Configure(command, mode, output, error);
        return command;
    }

    // Every subcommand takes the same options; the mode is the subcommand's (the bare verb keeps a config file's mode, else runs the demo).
    private static void Configure(Command command, NeuronMode? mode, TextWriter output, TextWriter error)
    {
        var current = new Option<double>("--current") { Description = "Constant input current in mV (default 20; the silent demo uses --silent-current, default 18)." };
        var silentCurrent = new Option<double>("--silent-current") { Description = "The silent demo's current in mV (default 18)." };
        var duration = new Option<double>("--duration") { Description = "Simulated time in ms (default 200)." };
        var dt = new Option<double>("--dt") { Description = "Euler time step in ms (default 0.1)." };
        var initial = new Option<string>("--initial") { Description = "Initial parameters as name=value pairs, e.g. tau=20,v_threshold=-55 (default tau 20, v_rest -70, v_threshold -55, v_reset -75)." };
        var target = new Option<string>("--target") { Description = "True parameters as name=value pairs (default tau 25, v_rest -70, v_threshold -52, v_reset -75)." };
        var parameters = new Option<string>("--params") { Description = "Parameters to fit and sweep, comma-separated: tau, v_rest, v_threshold, v_reset (default tau,v_threshold)." };
        var loss = new Option<string>("--loss") { Description = $"Loss: {string.Join(", ", LossNames.Keys)} (default combined = 10·matched-voltage + 0.1·earth-mover)." };
        var gradient = new Option<string>("--gradient") { Description = "Gradient source of a fit: fd (finite differences) or surrogate (default)." };
        var optimizer = new Option<string>("--optimizer") { Description = "Optimizer: gd, momentum or adam (default)." };
        var learningRate = new Option<double>("--learning-rate") { Description = "Learning rate, > 0 (default 0.2)." };
        var iterations = new Option<int>("--iterations") { Description = "Most optimizer steps, 0..1000000 (default 300)." };
        var momentum = new Option<double>("--momentum") { Description = "Momentum factor of --optimizer momentum, in [0, 1) (default 0.9)." };
        var beta2 = new Option<double>("--beta2") { Description = "Adam's beta2, in [0, 1) (default 0.99)." };
        var stepScale = new Option<string>("--step-scale") { Description = "Per-parameter step scales as name=value pairs (default v_threshold=0.5)." };
        var fdStep = new Option<double>("--fd-step") { Description = "Finite-difference step h, > 0 (default 0.001)." };
        var interpolate = new Option<bool>("--interpolate") { Description = "Locate each threshold crossing inside its time step (finite differences only)." };
        var noise = new Option<double>("--noise") { Description = "Standard deviation of the target's measurement noise in mV (default 0)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the measurement noise." };
        var range = new Option<string>("--range") { Description = "Landscape ranges min:max per parameter, comma-separated, e.g. 15:35,-57:-47 (write --range=-57:-47 when the first is negative)." };
        var points = new Option<int>("--points") { Description = "Points per landscape axis, 2..501 (default 41)." };
        var lossTolerance = new Option<double>("--loss-tolerance") { Description = "Stop a fit when the loss is at most this (default 0: never)." };
        var relativeTolerance = new Option<double>("--relative-tolerance") { Description = "Stop a fit when a step changes no parameter by more than this fraction (default 0: never)." };
        var runsDir = CommonOptions.RunsDir();
        var name = CommonOptions.Name();
        var config = CommonOptions.Config();
        Option[] all = [current, silentCurrent, duration, dt, initial, target, parameters, loss, gradient, optimizer, learningRate, iterations, momentum, beta2,
            stepScale, fdStep, interpolate, noise, seed, range, points, lossTolerance, relativeTolerance, runsDir, name, config];
        foreach (var option in all)
            command.Options.Add(option);
        var optionOfField = new Dictionary<string, Option>
        {
            ["current"] = current, ["silentCurrent"] = silentCurrent, ["duration"] = duration, ["dt"] = dt, ["initial"] = initial, ["target"] = target,
            ["parameters"] = parameters, ["loss"] = loss, ["gradient"] = gradient, ["learningRate"] = learningRate, ["iterations"] = iterations,
            ["momentum"] = momentum, ["beta2"] = beta2, ["stepScales"] = stepScale, ["finiteDifferenceStep"] = fdStep, ["noiseStandardDeviation"] = noise,
            ["ranges"] = range, ["points"] = points, ["lossTolerance"] = lossTolerance, ["relativeTolerance"] = relativeTolerance,
        };

        command.SetAction(parse =>
        {
            var cli = CommonOptions.Context(parse, output, error);
            string? configPath = parse.GetValue(config);
            var settings = configPath is null ? new NeuronConfig() : ReadConfig(configPath);
            if (mode is { } forced)
                settings = settings with { Mode = forced };
            else if (configPath is null)
                settings = settings with { Mode = NeuronMode.Demo };
            if (Given(parse, current)) settings = settings with { Current = parse.GetValue(current) };
            if (Given(parse, silentCurrent)) settings = settings with { SilentCurrent = parse.GetValue(silentCurrent) };
            if (Given(parse, duration)) settings = settings with { Duration = parse.GetValue(duration) };
            if (Given(parse, dt)) settings = settings with { Dt = parse.GetValue(dt) };
            if (Given(parse, initial)) settings = settings with { Initial = ParseParameters("--initial", parse.GetValue(initial), settings.Initial) };
            if (Given(parse, target)) settings = settings with { Target = ParseParameters("--target", parse.GetValue(target), settings.Target) };
            if (Given(parse, parameters)) settings = settings with { Parameters = ParseNames(parse.GetValue(parameters)) };
            if (Given(parse, loss)) settings = settings with { Loss = ParseLoss(parse.GetValue(loss)) };
            if (Given(parse, gradient)) settings = settings with { Gradient = ParseGradient(parse.GetValue(gradient)) };
            if (Given(parse, optimizer)) settings = settings with { Optimizer = ParseOptimizer(parse.GetValue(optimizer)) };
            if (Given(parse, learningRate)) settings = settings with { LearningRate = parse.GetValue(learningRate) };
            if (Given(parse, iterations)) settings = settings with { Iterations = parse.GetValue(iterations) };
            if (Given(parse, momentum)) settings = settings with { Momentum = parse.GetValue(momentum) };
            if (Given(parse, beta2)) settings = settings with { Beta2 = parse.GetValue(beta2) };
            if (Given(parse, stepScale)) settings = settings with { StepScales = ParseScales(parse.GetValue(stepScale)) };
            if (Given(parse, fdStep)) settings = settings with { FiniteDifferenceStep = parse.GetValue(fdStep) };
            if (Given(parse, interpolate)) settings = settings with { Interpolate = parse.GetValue(interpolate) };
            if (Given(parse, noise)) settings = settings with { NoiseStandardDeviation = parse.GetValue(noise) };
            if (Given(parse, seed)) settings = settings with { Seed = parse.GetValue(seed) };
            if (Given(parse, range)) settings = settings with { Ranges = ParseRanges(parse.GetValue(range)) };
            if (Given(parse, points)) settings = settings with { Points = parse.GetValue(points) };
            if (Given(parse, lossTolerance)) settings = settings with { LossTolerance = parse.GetValue(lossTolerance) };
            if (Given(parse, relativeTolerance)) settings = settings with { RelativeTolerance = parse.GetValue(relativeTolerance) };
            try
            {
                settings.Validate();
            }
            catch (ConfigException e) when (optionOfField.TryGetValue(e.Field.Split('.')[0], out var option) && Given(parse, option))
            {
                // The value came from the command line, so the message names the option as typed.
                throw new UsageException($"{option.Name}: {e.Message[(e.Field.Length + 2)..]}");
            }
            return Execute(cli, settings, parse.GetValue(runsDir)!, parse.GetValue(name));
        });
    }

    private static int Execute(CliContext cli, NeuronConfig settings, string runsDir, string? name)
    {
        string? runName = name ?? (settings.Mode == NeuronMode.Demo ? null : $"{Experiment}-{settings.Mode.ToString().ToLowerInvariant()}");
        return ExperimentRunner.Run(cli, Experiment, settings, runsDir, runName, NeuronExperiment.MetricColumns,
            NeuronExperiment.Run,
            (result, run) =>
            {
                NeuronPlots.SaveAll(result, run.Path);
                PrintTables(cli, result);
                foreach (var note in result.Notes)
                    cli.Info(note);
                var main = result.Main;
                string? failed = settings.Mode == NeuronMode.Fit && main is not null && main.Result.Stop == FitStop.Diverged
                    ? main.Result.Message + "." : null;
                return new RunOutcome(NeuronSummary.From(result), failed);
            });
    }

    private static void PrintTables(CliContext cli, NeuronResult result)
    {
        if (result.Runs.Count == 0)
            return;
        // Setups in full first, then one narrow table: long descriptions inside a table would wrap badly.
        foreach (var run in result.Runs)
            cli.Info(string.Create(CultureInfo.InvariantCulture,
                $"{run.Label}: {run.Description}. Loss {run.Result.History[0].Loss:G4} -> {run.Result.FinalLoss:G4} in {run.Result.Steps} steps, {run.Result.Elapsed.TotalSeconds:F2} s ({run.Result.Message})."));
        var table = new Table().Title("Parameter recovery").AddColumns("fit", "parameter", "true", "initial", "learned", "error");
        foreach (var run in result.Runs)
        {
            var rows = run.Recovery;
            for (int i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                bool first = i == 0;
                table.AddRow(first ? Markup.Escape(run.Label) : "", row.Name, F(row.True), F(row.Initial), F(row.Learned), F(row.Error));
            }
        }
        cli.Console_.Write(table);
    }

    private static NeuronConfig ReadConfig(string path)
    {
        try
        {
            return ExperimentJson.ReadFile<NeuronConfig>(path);
        }
        catch (ArgumentException e) when (e is not ConfigException)
        {
            // LifParameters and the loss records validate as they are read; their message names the field.
            throw new ConfigException("config", path, "it holds a value that is not allowed: " + e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static LifParameters ParseParameters(string option, string? text, LifParameters start)
    {
        var pairs = ParsePairs(option, text);
        try
        {
            var names = new List<string>();
            var values = new List<double>();
            foreach (var (key, value) in pairs)
            {
                names.Add(key);
                values.Add(value);
            }
            return start.With(names, values.ToArray());
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{option}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    private static Dictionary<string, double> ParseScales(string? text)
    {
        var scales = new Dictionary<string, double>();
        foreach (var (key, value) in ParsePairs("--step-scale", text))
            scales[key] = value;
        return scales;
    }

    private static List<(string Name, double Value)> ParsePairs(string option, string? text)
    {
        var pairs = new List<(string, double)>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var halves = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (halves.Length != 2 || !double.TryParse(halves[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new UsageException($"{option}: '{part}' is not a name=value pair; write e.g. tau=20,v_threshold=-55.");
            if (!LifParameters.Names.Contains(halves[0]))
                throw new UsageException($"{option}: '{halves[0]}' is not a LIF parameter; allowed: {string.Join(", ", LifParameters.Names)}.");
            pairs.Add((halves[0], value));
        }
        if (pairs.Count == 0)
            throw new UsageException($"{option}: give at least one name=value pair, e.g. tau=20.");
        return pairs;
    }

    private static string[] ParseNames(string? text)
    {
        var names = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
            throw new UsageException($"--params: '{text}' names no parameter; allowed: {string.Join(", ", LifParameters.Names)}.");
        foreach (var n in names)
            if (!LifParameters.Names.Contains(n))
                throw new UsageException($"--params: '{n}' is not a LIF parameter; allowed: {string.Join(", ", LifParameters.Names)}.");
        return names;
    }

    private static LossKind ParseLoss(string? text) => text is not null && LossNames.TryGetValue(text, out var kind)
        ? kind
        : throw new UsageException($"--loss: '{text}' is not a loss; allowed: {string.Join(", ", LossNames.Keys)}.");

    private static GradientSource ParseGradient(string? text) => text?.ToLowerInvariant() switch
    {
        "fd" => GradientSource.FiniteDifference,
        "surrogate" => GradientSource.Surrogate,
        _ => throw new UsageException($"--gradient: '{text}' is not a gradient source; allowed: fd, surrogate."),
    };

    private static FitOptimizer ParseOptimizer(string? text) => text?.ToLowerInvariant() switch
    {
        "gd" => FitOptimizer.GradientDescent,
        "momentum" => FitOptimizer.Momentum,
        "adam" => FitOptimizer.Adam,
        _ => throw new UsageException($"--optimizer: '{text}' is not an optimizer; allowed: gd, momentum, adam."),
    };

    private static double[][] ParseRanges(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ranges = new double[parts.Length][];
        for (int i = 0; i < parts.Length; i++)
        {
            // min:max, where either may be negative ("-57:-47").
            int colon = parts[i].IndexOf(':', 1);
            if (colon < 0
                || !double.TryParse(parts[i][..colon], NumberStyles.Float, CultureInfo.InvariantCulture, out double min)
                || !double.TryParse(parts[i][(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double max))
                throw new UsageException($"--range: '{parts[i]}' is not min:max; write e.g. 15:35,-57:-47.");
            ranges[i] = [min, max];
        }
        if (ranges.Length == 0)
            throw new UsageException("--range: give one min:max per parameter, e.g. 15:35,-57:-47.");
        return ranges;
    }

    // An option has a result even when not typed only if it has a default; only a typed one overrides the config file.
    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static string F(double value) => (value + 0.0).ToString("0.###", CultureInfo.InvariantCulture);
}
