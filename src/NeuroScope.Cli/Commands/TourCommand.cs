using System.CommandLine;
using System.Diagnostics;
using NeuroScope.Cli.Report;
using NeuroScope.Cli.Runs;
using NeuroScope.Experiments;
using Spectre.Console;

namespace NeuroScope.Cli.Commands;

/// <summary>
/// <c>neuroscope tour</c>: runs the four experiments on their default settings (shortened where a default would take
/// minutes), each into its own run directory under <c>runs/tour_NNN/</c>, and writes <c>index.html</c> there.
/// </summary>
internal static class TourCommand
{
    /// <summary>One stop of the tour: how to run it, and what the report says about it.</summary>
    internal sealed record Stop(string Experiment, string Title, string Description, string[] Arguments, string[] QuickArguments, IReadOnlyList<Picture> Pictures, IExperiment Definition);

    /// <summary>
    /// The tour's stops: every registered experiment that takes part, in the registry's order, each followed by its sweep
    /// and its variants that have a tour title.
    /// </summary>
    internal static IReadOnlyList<Stop> Stops(ExperimentRegistry experiments) =>
        experiments.Where(e => e.InTour).SelectMany(e => e.Variants.Where(v => v.TourTitle is not null)
            .Select(v => new Stop($"{e.Verb}-{v.Name}", v.TourTitle!, v.Description.Split("\n\n", 2)[0], [e.Verb, v.Name], [e.Verb, v.Name, .. e.QuickArguments], e.Pictures, e))
            .Prepend(SweepStop(e))
            .Prepend(new Stop(e.Verb, e.Title, e.Description, [e.Verb, .. e.TourArguments], [e.Verb, .. e.QuickArguments], e.Pictures, e))
            .OfType<Stop>()).ToList();

    private static Stop? SweepStop(IExperiment e) => e.TourSweep is { } sweep
        ? new Stop($"{e.Verb}-sweep", sweep.Title, sweep.Description, ["sweep", e.Verb, .. sweep.Arguments], ["sweep", e.Verb, .. sweep.QuickArguments], sweep.Pictures, e)
        : null;

    public static Command Create(TextWriter output, TextWriter error, ExperimentRegistry experiments, Func<string[], TextWriter, TextWriter, int> run)
    {
        var quick = new Option<bool>("--quick") { Description = "Tiny settings for every experiment (seconds, for a smoke test)." };
        var open = new Option<bool>("--open") { Description = "Open the report in the default browser when it is written." };
        var runsDir = CommonOptions.RunsDir();
        var name = CommonOptions.Name();
        var stops = Stops(experiments);
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
                Interrupts.Checkpoint($"tour:{stop.Experiment}");
                var args = new List<string>(isQuick ? stop.QuickArguments : stop.Arguments) { "--runs-dir", tour.Path, "--name", stop.Experiment, "--quiet", "--no-progress" };
                var captured = new StringWriter();
                var watch = Stopwatch.StartNew();
                int code = run([.. args], captured, captured);
                advance(1);
                string runPath = Path.Combine(tour.Path, $"{stop.Experiment}_001");
                sections.Add(new TourSection(stop, Directory.Exists(runPath) ? runPath : null, code, captured.ToString(), watch.Elapsed,
                    isQuick ? stop.QuickArguments : stop.Arguments));
                // A signal stops the whole tour, not only the experiment that was running.
                Interrupts.Token.ThrowIfCancellationRequested();
                if (code != CliApp.Success)
                {
                    failures++;
                    cli.Error.WriteLine($"{stop.Experiment} failed (exit {code}):");
                    cli.Error.WriteLine(captured.ToString().TrimEnd());
                }
            }

            try
            {
                RunStops();
                Interrupts.Checkpoint("report");
            }
            catch (OperationCanceledException) when (Interrupts.Token.IsCancellationRequested)
            {
                cli.Error.WriteLine($"Tour cancelled ({Interrupts.Signal}) after {sections.Count(s => s.ExitCode == CliApp.Success)} of {stops.Count} experiments; no report was written. The finished runs are kept in {tour.Path}.");
                return CliApp.RunFailed;
            }

            void RunStops()
            {
                if (cli.RichProgress)
                {
                    cli.Console_.Progress().AutoClear(false)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                        .Start(context =>
                        {
                            var tasks = stops.Select(s => context.AddTask(Markup.Escape(s.Experiment), autoStart: false, maxValue: 1)).ToList();
                            for (int i = 0; i < stops.Count; i++)
                            {
                                tasks[i].StartTask();
                                RunStop(stops[i], tasks[i].Increment);
                            }
                        });
                }
                else
                {
                    for (int i = 0; i < stops.Count; i++)
                    {
                        cli.Info($"[{i + 1}/{stops.Count}] {stops[i].Experiment} ...");
                        RunStop(stops[i], _ => { });
                    }
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
