using System.Globalization;
using NeuroScope.Experiments;
using NeuroScope.Cli.Runs;
using Spectre.Console;

namespace NeuroScope.Cli;

/// <summary>
/// The one place that runs an experiment as a CLI verb: creates the run directory, writes config.json and
/// run.json before anything runs, appends metrics.csv as reports arrive, shows progress, stops cleanly on
/// Ctrl+C, writes the experiment's files and pictures, prints its tables, writes summary.json with the headline
/// numbers, and maps the outcome to an exit code.
/// </summary>
internal static class ExperimentRunner
{
    private const int MessagesAfterBars = 8;

    public static int Run(CliContext cli, IExperiment experiment, object config, string runsDir, string runName)
    {
        var token = Interrupts.Token;
        if (token.IsCancellationRequested)
        {
            cli.Error.WriteLine($"Cancelled ({Interrupts.Signal}) before the run started; nothing was written.");
            return CliApp.RunFailed;
        }
        var run = RunDirectory.Create(runsDir, runName);
        cli.Info($"[INFO] Run directory: {run.Path}");
        // A starter (sweep, the board) learns the folder and follows the progress from protocol lines, even under --quiet.
        var protocol = ChildProtocol.Enabled && ReferenceEquals(cli.Output, Console.Out) ? new ChildProtocol.ProgressWriter(cli.Output) : null;
        if (protocol is not null)
            cli.Output.WriteLine(ChildProtocol.RunDirectoryLine(run.Path));
        try
        {
            // config.json and run.json first: a signal now only sets the token, so they are always written.
            run.WriteJson("config.json", config);
            run.WriteJson("run.json", new RunInfo(experiment.Verb, DateTimeOffset.Now, Environment.CommandLine, typeof(CliApp).Assembly.GetName().Version?.ToString() ?? "0"));
            Interrupts.Checkpoint("set-up");
            foreach (string line in experiment.Preamble(config))
                cli.Info(line);
            if (!cli.RichProgress && cli.Console_.Profile.Width < 150)
                // Redirected output has no terminal width; the results tables need about 130 columns.
                cli.Console_.Profile.Width = 150;

            Interrupts.Enter("training");
            IExperimentRun finished;
            using (var metrics = run.OpenCsv("metrics.csv", ["stage", "step", .. experiment.MetricColumns]))
            {
                bool held = false;
                finished = WithProgress(cli, metrics, report =>
                {
                    protocol?.Report(report.Stage, report.Step, report.Total);
                    if (!held)
                    {
                        held = true;
                        Interrupts.Checkpoint("training");
                    }
                }, reporter => experiment.Run(config, reporter, token), stages => run.WriteJson(StagesFile, stages));
            }
            token.ThrowIfCancellationRequested();

            Interrupts.Checkpoint("pictures");
            finished.WriteFiles(run);
            // Pictures are drawn into a staging folder and renamed into place: cancelled or failed, none is half-written.
            // Each progress report is a check, so a signal stops the drawing (and an animation's encoder) where it is.
            var (_, pictures) = run.SaveAll(staging => WithProgress(cli, null, report =>
            {
                protocol?.Report(report.Stage, report.Step, report.Total);
                if (report.Stage == "render")
                    Interrupts.Checkpoint("animation");
                else
                    token.ThrowIfCancellationRequested();
            }, reporter => finished.DrawPictures(staging, reporter)));
            foreach (string picture in pictures)
                cli.Info($"[OK] Saved {picture}");
            token.ThrowIfCancellationRequested();
            foreach (var table in finished.Tables)
                Print(cli, table);
            foreach (string note in finished.Notes)
                cli.Info(note);
            run.WriteJson("summary.json", finished.Summary);
            // The console's tables and notes, for the tour's report to show as the console shows them.
            run.WriteJson("tables.json", new PrintedResults(finished.Tables, finished.Notes));
            cli.Info($"[OK] Saved {run.Path}");
            if (finished.Failure is { } failure)
            {
                cli.Error.WriteLine($"The run failed: {failure} Its files are kept in {run.Path}.");
                return CliApp.RunFailed;
            }
            return CliApp.Success;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            string message = $"Cancelled ({Interrupts.Signal ?? "Ctrl+C"}) during {Interrupts.Phase}.";
            TryWriteStopped(run, "cancelled", Interrupts.Phase, message);
            cli.Error.WriteLine($"{message} The run directory keeps the config and the metrics so far: {run.Path}");
            return CliApp.RunFailed;
        }
        catch (RunFailedException e)
        {
            TryWriteStopped(run, "failed", Interrupts.Phase, e.Message);
            cli.Error.WriteLine($"The run failed during {Interrupts.Phase}: {e.Message} What was written before is kept in {run.Path}.");
            return CliApp.RunFailed;
        }
    }

    // A summary that says why the run stopped, where the disk allows it; runs and the report read it.
    private static void TryWriteStopped(RunDirectory run, string status, string phase, string message)
    {
        try
        {
            run.WriteJson("summary.json", new StoppedSummary(status, phase, message));
        }
        catch (RunFailedException)
        {
            // The disk that failed the run may not take this file either; the message on stderr still says why.
        }
    }

    /// <summary>Prints a result table as every verb prints its tables.</summary>
    internal static void Print(CliContext cli, ResultTable source)
    {
        // Spectre reads square brackets as markup; every header and cell is plain text here.
        var table = new Table { Title = new TableTitle(Markup.Escape(source.Title)) };
        for (int i = 0; i < source.Columns.Count; i++)
        {
            var column = new TableColumn(new Text(source.Columns[i]));
            if (i >= source.LeftAligned)
                column.RightAligned();
            table.AddColumn(column);
        }
        foreach (var row in source.Rows)
            table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
        cli.Console_.Write(table);
    }

    /// <summary>The names of metrics.csv's stages, in the order of their numbers in its <c>stage</c> column (a JSON array, rewritten whole as stages appear).</summary>
    internal const string StagesFile = "stages.json";

    private static TResult WithProgress<TResult>(CliContext cli, CsvLog? metrics, Action<ExperimentProgress> onReport,
        Func<IProgress<ExperimentProgress>, TResult> body, Action<IReadOnlyList<string>>? onNewStage = null)
    {
        var stageIndex = new Dictionary<string, int>();
        void Record(ExperimentProgress report)
        {
            onReport(report);
            if (report.Metrics is null || metrics is null)
                return;
            if (!stageIndex.TryGetValue(report.Stage, out int index))
            {
                stageIndex[report.Stage] = index = stageIndex.Count;
                onNewStage?.Invoke([.. stageIndex.OrderBy(s => s.Value).Select(s => s.Key)]);
            }
            var row = new Dictionary<string, double>(report.Metrics) { ["stage"] = index, ["step"] = report.Step };
            metrics.Append(row);
        }

        if (!cli.RichProgress)
        {
            int lastPercent = -1;
            return body(new SyncProgress(report =>
            {
                Record(report);
                if (report.Message is not null)
                    cli.Info(report.Message);
                int percent = report.Total > 0 ? (int)(100L * report.Step / report.Total) : 0;
                if (!cli.Quiet && report.Total >= 100 && percent / 25 != lastPercent / 25 && percent % 25 == 0)
                    cli.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{report.Stage}] {report.Step}/{report.Total}"));
                lastPercent = percent;
            }));
        }

        TResult result = default!;
        var messages = new List<string>();
        cli.Console_.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                result = body(new SyncProgress(report =>
                {
                    Record(report);
                    if (!tasks.TryGetValue(report.Stage, out var task))
                        tasks[report.Stage] = task = context.AddTask(Markup.Escape(report.Stage), maxValue: Math.Max(1, report.Total));
                    task.Value = report.Step;
                    if (report.Message is not null)
                        context.Refresh();
                }));
                foreach (var task in tasks.Values)
                    task.Value = task.MaxValue;
            });
        // The progress bars hide the experiment's printed lines; the last few are shown once the bars are done.
        foreach (string message in messages.TakeLast(MessagesAfterBars))
            cli.Info(message);
        return result;
    }

    /// <summary>Reports synchronously on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SyncProgress(Action<ExperimentProgress> handler) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => handler(value);
    }
}

/// <summary>run.json: which experiment made the run, when, and with which command, so <c>neuroscope replay</c> can rerun it.</summary>
internal sealed record RunInfo(string Experiment, DateTimeOffset Created, string Command, string Version);

/// <summary>tables.json: the result tables and notes a run printed, so a report can show the same tables.</summary>
/// <param name="Tables">The tables, as printed.</param>
/// <param name="Notes">The sentences printed after them.</param>
internal sealed record PrintedResults(IReadOnlyList<ResultTable> Tables, IReadOnlyList<string> Notes);

/// <summary>summary.json of a run that was cancelled or failed before its own summary: what happened and in which phase.</summary>
internal sealed record StoppedSummary(string Status, string Phase, string Message);
