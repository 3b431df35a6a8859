using System.CommandLine;
using System.Diagnostics;
using NeuroScope.Cli.Report;
using NeuroScope.Experiments.Runs;
using Spectre.Console;

namespace NeuroScope.Cli.Commands;

/// <summary>
/// <c>neuroscope tour</c>: runs the four experiments on their default settings (shortened where a default would take
/// minutes), each into its own run directory under <c>runs/tour_NNN/</c>, and writes <c>index.html</c> there.
/// </summary>
internal static class TourCommand
{
    /// <summary>One stop of the tour: how to run it, and what the report says about it.</summary>
    internal sealed record Stop(string Experiment, string Title, string Description, string[] Arguments, string[] QuickArguments, string? Shortened);

    /// <summary>The four experiments, in the order a learner meets them.</summary>
    internal static readonly Stop[] Stops =
    [
        new("dose", "Dose response: one learnable bias",
            "A hand-wired net with two fixed ReLU branches and one learnable final bias learns that a middle dose works and the extremes do not. A plain SGD loop and a Lightning-style trainer with the learning-rate finder both find the bias.",
            ["dose"], ["dose"], null),
        new("copy", "Copy: learning the identity three ways",
            "A one-neuron linear model learns to output its input: by MSE and SGD, by a reward-and-penalty objective, and with no framework at all. The table shows what float32 does to 123123123123.",
            ["copy"], ["copy", "--epochs", "100"], null),
        new("fit", "Fit: function approximation and the edge of stability",
            "A small network learns a function by full-batch gradient descent while the dashboard tracks the loss, the error outside the training interval, and the sharpness of the loss (the top Hessian eigenvalue) against 2/lr.",
            ["fit"], ["fit", "--steps", "300", "--frame-every", "30", "--sharpness-every", "30"], null),
        new("neuron", "Neuron: learning a spiking neuron's parameters",
            "A leaky integrate-and-fire neuron's time constant and threshold are recovered from its voltage trace, by surrogate-gradient autodiff through the simulation and by finite differences, side by side.",
            ["neuron"], ["neuron", "--iterations", "40", "--points", "11"], null),
    ];

    public static Command Create(TextWriter output, TextWriter error, Func<string[], TextWriter, TextWriter, int> run)
    {
        var quick = new Option<bool>("--quick") { Description = "Tiny settings for every experiment (seconds, for a smoke test)." };
        var open = new Option<bool>("--open") { Description = "Open the report in the default browser when it is written." };
        var runsDir = CommonOptions.RunsDir();
        var name = CommonOptions.Name();
        var command = new Command("tour", "Run all four experiments and write one HTML report (runs/tour_NNN/index.html) with their numbers, pictures and the commands that reproduce them.\n\nExamples:\n  neuroscope tour\n  neuroscope tour --quick --open")
        {
            quick, open, runsDir, name,
        };
        command.SetAction(parse =>
        {
            var cli = CommonOptions.Context(parse, output, error);
            var tour = RunDirectory.Create(parse.GetValue(runsDir)!, parse.GetValue(name) ?? "tour");
            cli.Info($"[INFO] Tour directory: {tour.Path}");
            bool isQuick = parse.GetValue(quick);
            var sections = new List<TourSection>();
            int failures = 0;

            void RunStop(Stop stop, Action<double> advance)
            {
                var args = new List<string>(isQuick ? stop.QuickArguments : stop.Arguments) { "--runs-dir", tour.Path, "--name", stop.Experiment, "--quiet", "--no-progress" };
                var captured = new StringWriter();
                var watch = Stopwatch.StartNew();
                int code = run([.. args], captured, captured);
                advance(1);
                string runPath = Path.Combine(tour.Path, $"{stop.Experiment}_001");
                sections.Add(new TourSection(stop, Directory.Exists(runPath) ? runPath : null, code, captured.ToString(), watch.Elapsed,
                    "neuroscope " + string.Join(' ', isQuick ? stop.QuickArguments : stop.Arguments)));
                if (code != CliApp.Success)
                {
                    failures++;
                    cli.Error.WriteLine($"{stop.Experiment} failed (exit {code}):");
                    cli.Error.WriteLine(captured.ToString().TrimEnd());
                }
            }

            if (cli.RichProgress)
            {
                cli.Console_.Progress().AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                    .Start(context =>
                    {
                        var tasks = Stops.Select(s => context.AddTask(Markup.Escape(s.Experiment), autoStart: false, maxValue: 1)).ToList();
                        for (int i = 0; i < Stops.Length; i++)
                        {
                            tasks[i].StartTask();
                            RunStop(Stops[i], tasks[i].Increment);
                        }
                    });
            }
            else
            {
                for (int i = 0; i < Stops.Length; i++)
                {
                    cli.Info($"[{i + 1}/{Stops.Length}] {Stops[i].Experiment} ...");
                    RunStop(Stops[i], _ => { });
                }
            }

            string index = TourReport.Write(tour, sections, isQuick);
            cli.Info($"[OK] Report: {index}");
            if (parse.GetValue(open))
                OpenInBrowser(index, cli);
            return failures == 0 ? CliApp.Success : CliApp.RunFailed;
        });
        return command;
    }

    private static void OpenInBrowser(string path, CliContext cli)
    {
        try
        {
            Process.Start(new ProcessStartInfo(path) { UseShellExecute = true });
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            cli.Info($"[WARN] No browser could be opened here ({e.Message}); open {path} yourself.");
        }
    }
}
