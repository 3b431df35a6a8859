using System.CommandLine;
using System.Globalization;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Dose;
using NeuroScope.Plotting.Dose;
using Spectre.Console;

namespace NeuroScope.Cli.Commands;

/// <summary><c>neuroscope dose</c>: the dose-response net learns its final bias by a plain SGD loop and by the trainer with the learning-rate finder.</summary>
internal static class DoseCommand
{
    public const string Experiment = "dose";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var mode = new Option<string>("--mode") { Description = "Which way to train: plain (the SGD loop), trainer (finder + trainer) or both.", DefaultValueFactory = _ => "both" };
        var learningRate = new Option<double>("--learning-rate") { Description = "The plain loop's SGD learning rate, > 0.", DefaultValueFactory = _ => 0.1 };
        var epochs = new Option<int>("--epochs") { Description = "The plain loop's most epochs, 1..1000000 (it stops earlier once an epoch's total loss is < 0.0001).", DefaultValueFactory = _ => 100 };
        var dtype = new Option<string>("--dtype") { Description = "Element type: float32 (the reference's) or float64.", DefaultValueFactory = _ => "float32" };
        var runsDir = CommonOptions.RunsDir();
        var name = CommonOptions.Name();
        var config = CommonOptions.Config();
        var command = new Command(Experiment,
            "The dose-response net: two fixed ReLU branches and one learnable final bias learn that a middle dose works and none or a full dose don't. "
            + "Trains the bias by a plain SGD loop (lr 0.1) and by the trainer with the learning-rate finder (34 epochs), and writes the curves, losses, the finder's curve and a diagram of the net."
            + "\n\nExamples:\n  neuroscope dose\n  neuroscope dose --mode plain --learning-rate 0.05\n  neuroscope dose --mode trainer --dtype float64\n  neuroscope dose --config runs/dose_001/config.json")
        {
            mode, learningRate, epochs, dtype, runsDir, name, config,
        };
        var optionOfField = new Dictionary<string, Option> { ["mode"] = mode, ["learningRate"] = learningRate, ["epochs"] = epochs, ["dtype"] = dtype };
        command.SetAction(parse =>
        {
            var cli = CommonOptions.Context(parse, output, error);
            string? configPath = parse.GetValue(config);
            var settings = configPath is null ? new DoseConfig() : ExperimentJson.ReadFile<DoseConfig>(configPath);
            if (Given(parse, mode))
                settings = settings with { Mode = parse.GetValue(mode)! };
            if (Given(parse, learningRate))
                settings = settings with { LearningRate = parse.GetValue(learningRate) };
            if (Given(parse, epochs))
                settings = settings with { Epochs = parse.GetValue(epochs) };
            if (Given(parse, dtype))
                settings = settings with { Dtype = parse.GetValue(dtype)! };
            try
            {
                settings.Validate();
            }
            catch (ConfigException e) when (optionOfField.TryGetValue(e.Field, out var option) && Given(parse, option))
            {
                // The value came from the command line, so the message names the option as typed.
                throw new UsageException($"{option.Name}: {e.Message[(e.Field.Length + 2)..]}");
            }
            return Execute(cli, settings, parse.GetValue(runsDir)!, parse.GetValue(name));
        });
        return command;
    }

    private static int Execute(CliContext cli, DoseConfig settings, string runsDir, string? name) =>
        ExperimentRunner.Run(cli, Experiment, settings, runsDir, name, ["loss", "bias", "lr"],
            DoseResponse.Run,
            (result, run) =>
            {
                if (result.Trainer is { } trainer)
                {
                    using var finder = run.OpenCsv("lr_find.csv", ["lr", "smoothedLoss"]);
                    for (int i = 0; i < trainer.Finder.LearningRates.Count; i++)
                        finder.Append(new Dictionary<string, double> { ["lr"] = trainer.Finder.LearningRates[i], ["smoothedLoss"] = trainer.Finder.Losses[i] });
                }
                using (var curves = run.OpenCsv("loss_vs_bias.csv", ["bias", "loss"]))
                {
                    for (int i = 0; i < result.LossCurve.Biases.Count; i++)
                        curves.Append(new Dictionary<string, double> { ["bias"] = result.LossCurve.Biases[i], ["loss"] = result.LossCurve.Losses[i] });
                }
                DosePlots.SaveAll(result, run.Path);
                if (cli.RichProgress)
                {
                    // The progress bars hide the reference's printed lines; the ones that matter are repeated here.
                    if (result.Plain is { } plain)
                    {
                        if (plain.StopReason == PlainStopReason.LossRule)
                            cli.Info(plain.Log[^2]);
                        cli.Info(plain.Log[^1]);
                    }
                    foreach (var line in result.Trainer?.Log ?? [])
                        cli.Info(line);
                }
                PrintTable(cli, result);
                var summary = DoseSummary.From(result);
                string? failed = result.Plain?.StopReason == PlainStopReason.Diverged
                    ? $"the plain loop's total loss became {result.Plain.FinalLoss.ToString(CultureInfo.InvariantCulture)}; lower --learning-rate."
                    : result.Trainer?.StopReason == "Diverged" ? "the trainer's loss became NaN or infinite." : null;
                return new RunOutcome(summary, failed);
            });

    private static void PrintTable(CliContext cli, DoseResult result)
    {
        var table = new Table().Title("dose: the learned final bias").AddColumns("way", "final bias", "steps", "stopped by", "lr", "seconds");
        if (result.Plain is { } plain)
        {
            string stop = plain.StopReason switch
            {
                PlainStopReason.LossRule => $"loss < {N(result.Config.StopLoss)}",
                PlainStopReason.EpochCap => $"{result.Config.Epochs} epochs",
                _ => "divergence",
            };
            table.AddRow("plain loop", F(plain.FinalBias, 4), plain.Steps.ToString(CultureInfo.InvariantCulture), Markup.Escape(stop), N(plain.LearningRate), F(plain.Seconds, 3));
        }
        if (result.Trainer is { } trainer)
        {
            string way = trainer.Finder.SuggestedLearningRate is null ? "trainer (no lr_find suggestion)" : "trainer + lr_find";
            table.AddRow(way, F(trainer.FinalBias, 4), trainer.Steps.ToString(CultureInfo.InvariantCulture), $"{trainer.History.Count} epochs",
                F(trainer.LearningRate, 5), F(trainer.FinderSeconds + trainer.FitSeconds, 3));
        }
        table.AddRow("exact minimum", F(result.Minimum.Bias, 4), "", "", "", "");
        cli.Console_.Write(table);
        cli.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total: {result.Seconds:F3} s ({result.Config.Dtype})."));
    }

    // An option with a default has a result even when not typed; only a typed one overrides the config file.
    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
