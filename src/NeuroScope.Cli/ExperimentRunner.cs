using System.Globalization;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Runs;
using Spectre.Console;

namespace NeuroScope.Cli;

/// <summary>What a finished experiment hands back to the shared runner: its summary and the files it wants written.</summary>
/// <param name="Summary">Written as summary.json.</param>
/// <param name="Failed">A reason when the run failed (diverged, cancelled); the exit code is then 1.</param>
internal sealed record RunOutcome(object Summary, string? Failed = null);

/// <summary>
/// The one place that runs an experiment as a CLI verb: creates the run directory, writes config.json and
/// run.json before anything runs, appends metrics.csv as reports arrive, shows progress, stops cleanly on
/// Ctrl+C, lets the verb write its artifacts, writes summary.json, and maps the outcome to an exit code.
/// </summary>
internal static class ExperimentRunner
{
    public static int Run<TConfig, TResult>(
        CliContext cli, string experiment, TConfig config, string runsDir, string? name,
        IReadOnlyList<string> metricColumns,
        Func<TConfig, IProgress<ExperimentProgress>, CancellationToken, TResult> execute,
        Func<TResult, RunDirectory, RunOutcome> finish)
    {
        var run = RunDirectory.Create(runsDir, string.IsNullOrWhiteSpace(name) ? experiment : name);
        cli.Info($"[INFO] Run directory: {run.Path}");
        run.WriteJson("config.json", config);
        run.WriteJson("run.json", new RunInfo(experiment, DateTimeOffset.Now, Environment.CommandLine, typeof(CliApp).Assembly.GetName().Version?.ToString() ?? "0"));

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C asks the experiment to stop after its current step; the run directory stays consistent.
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        TResult result;
        bool cancelled = false;
        using (var metrics = run.OpenCsv("metrics.csv", ["stage", "step", .. metricColumns]))
        {
            try
            {
                result = WithProgress(cli, metrics, metricColumns, reporter => execute(config, reporter, cancel.Token));
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                result = default!;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }
        if (cancelled)
        {
            cli.Error.WriteLine($"Cancelled. The run directory keeps the config and the metrics so far: {run.Path}");
            return CliApp.RunFailed;
        }

        var outcome = finish(result, run);
        run.WriteJson("summary.json", outcome.Summary);
        cli.Info($"[OK] Saved {run.Path}");
        if (outcome.Failed is not null)
        {
            cli.Error.WriteLine($"The run failed: {outcome.Failed} Its files are kept in {run.Path}.");
            return CliApp.RunFailed;
        }
        return CliApp.Success;
    }

    private static TResult WithProgress<TResult>(CliContext cli, CsvLog metrics, IReadOnlyList<string> columns,
        Func<IProgress<ExperimentProgress>, TResult> body)
    {
        var stageIndex = new Dictionary<string, int>();
        void Record(ExperimentProgress report)
        {
            if (report.Metrics is null)
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
