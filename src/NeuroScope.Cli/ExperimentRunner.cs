using System.Globalization;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Runs;
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
        var run = RunDirectory.Create(runsDir, runName);
        cli.Info($"[INFO] Run directory: {run.Path}");
        run.WriteJson("config.json", config);
        run.WriteJson("run.json", new RunInfo(experiment.Verb, DateTimeOffset.Now, Environment.CommandLine, typeof(CliApp).Assembly.GetName().Version?.ToString() ?? "0"));
        foreach (string line in experiment.Preamble(config))
            cli.Info(line);
        if (!cli.RichProgress && cli.Console_.Profile.Width < 150)
            // Redirected output has no terminal width; the results tables need about 130 columns.
            cli.Console_.Profile.Width = 150;

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C asks the experiment to stop after its current step; the run directory stays consistent.
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        IExperimentRun? finished = null;
        try
        {
            using var metrics = run.OpenCsv("metrics.csv", ["stage", "step", .. experiment.MetricColumns]);
            finished = WithProgress(cli, metrics, reporter => experiment.Run(config, reporter, cancel.Token));
        }
        catch (OperationCanceledException)
        {
            finished = null;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        if (finished is null)
        {
            cli.Error.WriteLine($"Cancelled. The run directory keeps the config and the metrics so far: {run.Path}");
            return CliApp.RunFailed;
        }

        finished.WriteFiles(run);
        foreach (string picture in WithProgress(cli, null, reporter => finished.DrawPictures(run.Path, reporter)))
            cli.Info($"[OK] Saved {picture}");
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

    private static void Print(CliContext cli, ResultTable source)
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

    private static TResult WithProgress<TResult>(CliContext cli, CsvLog? metrics, Func<IProgress<ExperimentProgress>, TResult> body)
    {
        var stageIndex = new Dictionary<string, int>();
        void Record(ExperimentProgress report)
        {
            if (report.Metrics is null || metrics is null)
                return;
            if (!stageIndex.TryGetValue(report.Stage, out int index))
                stageIndex[report.Stage] = index = stageIndex.Count;
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
