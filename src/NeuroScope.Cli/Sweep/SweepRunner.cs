using System.Diagnostics;
using System.Globalization;
using NeuroScope.Cli.Commands;
using NeuroScope.Cli.Runs;
using NeuroScope.Experiments;
using Spectre.Console;

namespace NeuroScope.Cli.Sweep;

/// <summary>
/// Runs a <see cref="SweepPlan"/>: claims <c>runs/&lt;name&gt;_NNN/</c>, starts each point as a child
/// <c>neuroscope</c> process (<see cref="ChildRun"/>), at most <see cref="SweepPlan.Parallel"/> at a time, keeps
/// <c>sweep.json</c> current, shows one progress display, stops every run on Ctrl+C, and at the end prints the grid's
/// headline numbers and draws the comparison pictures.
/// </summary>
internal static class SweepRunner
{
    /// <summary>The sweep document's file name, which marks a sweep folder.</summary>
    internal const string DocumentFile = "sweep.json";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static int Run(CliContext cli, SweepPlan plan)
    {
        var token = Interrupts.Token;
        if (token.IsCancellationRequested)
        {
            cli.Error.WriteLine($"Cancelled ({Interrupts.Signal}) before the sweep started; nothing was written.");
            return CliApp.RunFailed;
        }
        var folder = RunDirectory.Create(plan.RunsDir, plan.Name);
        var state = new State(plan, folder);
        state.Write();
        cli.Info($"[INFO] Sweep directory: {folder.Path}");
        cli.Info($"[INFO] {plan.Points.Count} run{(plan.Points.Count == 1 ? "" : "s")} of '{Verb(plan)}', {Math.Min(plan.Parallel, plan.Points.Count)} at a time");

        var watch = Stopwatch.StartNew();
        if (cli.RichProgress)
            RunWithBars(cli, state);
        else
            RunAll(cli, state, null);

        if (token.IsCancellationRequested)
        {
            int done = state.Runs.Count(r => r.Status == Status.Finished);
            string message = $"Cancelled ({Interrupts.Signal ?? "Ctrl+C"}) after {done} of {plan.Points.Count} runs; every run folder is consistent.";
            state.Finish(Status.Cancelled, message);
            PrintTable(cli, state);
            cli.Error.WriteLine($"{message} The sweep keeps what was done: {folder.Path}");
            return CliApp.RunFailed;
        }

        var pictures = DrawPictures(cli, state);
        int failed = state.Runs.Count(r => r.Status != Status.Finished);
        string? failure = failed == 0 ? null : $"{failed} of {plan.Points.Count} runs failed; their messages are in {DocumentFile}.";
        state.Finish(failed == 0 ? Status.Finished : Status.Failed, failure, pictures);
        PrintTable(cli, state);
        foreach (string picture in pictures)
            cli.Info($"[OK] Saved {folder.File(picture)}");
        cli.Info($"[OK] Saved {folder.Path} ({plan.Points.Count} runs in {watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)");
        if (failure is not null)
        {
            cli.Error.WriteLine($"The sweep failed: {failure}");
            return CliApp.RunFailed;
        }
        return CliApp.Success;
    }

    private static void RunWithBars(CliContext cli, State state)
    {
        cli.Console_.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var bars = state.Runs.Select(run => context.AddTask(Markup.Escape(run.Point.Label), autoStart: false, maxValue: 100)).ToList();
                RunAll(cli, state, new Bars(bars));
            });
    }

    /// <summary>Starts runs while fewer than <see cref="SweepPlan.Parallel"/> are running, until all have ended or Ctrl+C stops them.</summary>
    private static void RunAll(CliContext cli, State state, Bars? bars)
    {
        var token = Interrupts.Token;
        var pending = new Queue<RunState>(state.Runs);
        var running = new List<RunState>();
        bool stopping = false;
        try
        {
            while (pending.Count > 0 || running.Count > 0)
            {
                while (!token.IsCancellationRequested && running.Count < state.Plan.Parallel && pending.TryDequeue(out var next))
                {
                    Start(cli, state, next, bars);
                    running.Add(next);
                }
                if (token.IsCancellationRequested && !stopping)
                {
                    // A terminal's Ctrl+C reaches the children too; a signal sent to this process alone is passed on.
                    stopping = true;
                    foreach (var run in running)
                        _ = run.Child!.CancelAsync();
                    while (pending.TryDequeue(out var skipped))
                        state.Update(skipped, Status.NotStarted);
                }
                Task.WaitAny([.. running.Select(r => (Task)r.Child!.Exited), Task.Delay(Poll)]);
                foreach (var ended in running.Where(r => r.Child!.HasExited).ToList())
                {
                    running.Remove(ended);
                    End(cli, state, ended, bars);
                }
                bars?.Refresh(state);
            }
        }
        finally
        {
            foreach (var run in running)
                run.Child!.Dispose();
        }
    }

    private static void Start(CliContext cli, State state, RunState run, Bars? bars)
    {
        var arguments = new List<string>(run.Point.Arguments) { "--runs-dir", state.Folder.Path, "--quiet" };
        run.Watch.Start();
        run.Child = ChildRun.Start(arguments, new ChildRunOptions
        {
            RunDirectoryKnown = (_, path) => state.Update(run, Status.Running, folder: Path.GetRelativePath(state.Folder.Path, path)),
        });
        state.Update(run, Status.Running);
        bars?.Start(run);
        cli.Info($"[sweep] {run.Point.Index}/{state.Runs.Count} started: {run.Point.Label}");
    }

    private static void End(CliContext cli, State state, RunState run, Bars? bars)
    {
        run.Watch.Stop();
        var child = run.Child!;
        int code = child.Exited.Result;
        string? folder = child.RunDirectory is { } path ? Path.GetRelativePath(state.Folder.Path, path) : null;
        string status = code == CliApp.Success ? Status.Finished : Interrupts.Token.IsCancellationRequested ? Status.Cancelled : Status.Failed;
        string? message = code == CliApp.Success ? null : LastLine(child.Error) ?? $"exit code {code}";
        var headlines = child.RunDirectory is { } runPath ? RunCatalog.ReadHeadlines(runPath) : null;
        state.Update(run, status, folder, code, run.Watch.Elapsed.TotalSeconds, headlines, message);
        bars?.End(run, status);
        string seconds = run.Watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        if (status == Status.Failed)
            cli.Error.WriteLine($"[sweep] {run.Point.Index}/{state.Runs.Count} failed after {seconds} s (exit {code}): {run.Point.Label}: {message}");
        else
            cli.Info($"[sweep] {run.Point.Index}/{state.Runs.Count} {status} in {seconds} s: {run.Point.Label}");
        child.Dispose();
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() is { } line ? MessageText.Shorten(line) : null;

    /// <summary>One picture per metric, from every run's metrics.csv; a picture that cannot be drawn is named, not fatal.</summary>
    private static List<string> DrawPictures(CliContext cli, State state)
    {
        var pictures = new List<string>();
        foreach (string metric in state.Plan.Metrics)
        {
            string fileName = $"compare_{RunDirectory.Slug(metric)}.png";
            var series = state.Runs.Select(run => SweepMetrics.Series(state.Plan.Experiment, run.Point,
                run.Child?.RunDirectory is { } path ? Path.Combine(path, "metrics.csv") : null, metric)).ToList();
            try
            {
                state.Folder.Save(fileName, path => Plotting.Sweep.SweepPlots.Compare(path,
                    $"{Verb(state.Plan)}: {metric} across the sweep", metric, series));
                pictures.Add(fileName);
            }
            catch (RunFailedException e)
            {
                cli.Error.WriteLine($"[sweep] {fileName} was not written: {e.Message}");
            }
        }
        return pictures;
    }

    /// <summary>Prints the grid with each run's status, time and headline numbers, and keeps it in tables.json for the tour's report.</summary>
    private static void PrintTable(CliContext cli, State state)
    {
        var table = GridTable(state);
        if (!cli.RichProgress && cli.Console_.Profile.Width < 150)
            cli.Console_.Profile.Width = 150;
        ExperimentRunner.Print(cli, table);
        state.Folder.WriteJson("tables.json", new PrintedResults([table], []));
    }

    private static ResultTable GridTable(State state)
    {
        // The headline labels of the first run that has them: every run of one experiment reports the same ones.
        var labels = state.Runs.Select(r => r.Headlines).FirstOrDefault(h => h is { Count: > 0 })?.Select(h => h.Label).Take(4).ToList() ?? [];
        var columns = new List<string> { "run", "status" };
        columns.AddRange(state.Plan.Axes.Select(a => a.Option[2..]));
        columns.Add("time (s)");
        columns.AddRange(labels);
        var rows = state.Runs.Select(run => (IReadOnlyList<string>)
        [
            run.Point.Index.ToString(CultureInfo.InvariantCulture),
            run.Status,
            .. state.Plan.Axes.Select(a => run.Point.Settings[a.Key]),
            run.Seconds is double s ? s.ToString("F1", CultureInfo.InvariantCulture) : "",
            .. labels.Select(label => run.Headlines?.FirstOrDefault(h => h.Label == label) is { } h
                ? h.Value.ToString("G5", CultureInfo.InvariantCulture) + (h.Unit is null ? "" : " " + h.Unit) : ""),
        ]).ToList();
        return new ResultTable($"sweep {Verb(state.Plan)}: {state.Runs.Count} runs", columns, rows, LeftAligned: 2);
    }

    private static string Verb(SweepPlan plan) => plan.Variant is null ? plan.Experiment.Verb : $"{plan.Experiment.Verb} {plan.Variant}";

    /// <summary>The statuses of sweep.json.</summary>
    internal static class Status
    {
        public const string Pending = "pending", Running = "running", Finished = "finished", Failed = "failed", Cancelled = "cancelled", NotStarted = "not started";
    }

    /// <summary>One run as it goes.</summary>
    private sealed class RunState(SweepPoint point)
    {
        public SweepPoint Point { get; } = point;
        public Stopwatch Watch { get; } = new();
        public ChildRun? Child { get; set; }
        public string Status { get; set; } = SweepRunner.Status.Pending;
        public string? Folder { get; set; }
        public int? ExitCode { get; set; }
        public double? Seconds { get; set; }
        public IReadOnlyList<Headline>? Headlines { get; set; }
        public string? Message { get; set; }
    }

    /// <summary>The sweep as it goes, and sweep.json written from it whole on every change (callbacks arrive on pool threads).</summary>
    private sealed class State(SweepPlan plan, RunDirectory folder)
    {
        private readonly object _gate = new();
        private readonly DateTimeOffset _created = DateTimeOffset.Now;
        private string _status = Status.Running;
        private string? _message;
        private IReadOnlyList<string> _pictures = [];

        public SweepPlan Plan { get; } = plan;
        public RunDirectory Folder { get; } = folder;
        public IReadOnlyList<RunState> Runs { get; } = plan.Points.Select(p => new RunState(p)).ToList();

        public void Update(RunState run, string status, string? folder = null, int? exitCode = null, double? seconds = null,
            IReadOnlyList<Headline>? headlines = null, string? message = null)
        {
            lock (_gate)
            {
                // The folder can be announced after the run has already ended; an ended run keeps its status.
                if (run.Status is Status.Pending or Status.Running || status != Status.Running)
                    run.Status = status;
                run.Folder = folder ?? run.Folder;
                run.ExitCode = exitCode ?? run.ExitCode;
                run.Seconds = seconds ?? run.Seconds;
                run.Headlines = headlines ?? run.Headlines;
                run.Message = message ?? run.Message;
                Write();
            }
        }

        public void Finish(string status, string? message, IReadOnlyList<string>? pictures = null)
        {
            lock (_gate)
            {
                _status = status;
                _message = message;
                _pictures = pictures ?? [];
                Write();
            }
        }

        public void Write()
        {
            lock (_gate)
            {
                Folder.WriteJson(DocumentFile, new SweepDocument(Plan.Experiment.Verb, Plan.Variant, _created, Environment.CommandLine, Plan.Parallel,
                    _status, _message, Plan.Axes, Plan.Fixed, Plan.Metrics, _pictures,
                    Runs.Select(r => new SweepRunEntry(r.Point.Index, r.Point.Label, r.Point.Settings, r.Point.Arguments, r.Folder, r.Status,
                        r.ExitCode, r.Seconds, r.Headlines, r.Message)).ToList()));
            }
        }
    }

    /// <summary>The progress bars: one per run, showing the stage it is in and how far through it.</summary>
    private sealed class Bars(IReadOnlyList<ProgressTask> tasks)
    {
        public void Start(RunState run) => tasks[run.Point.Index - 1].StartTask();

        public void Refresh(State state)
        {
            foreach (var run in state.Runs)
            {
                if (run.Status != Status.Running || run.Child?.Progress is not { } progress)
                    continue;
                var task = tasks[run.Point.Index - 1];
                task.Description = Markup.Escape($"{run.Point.Label} · {progress.Stage}");
                task.Value = 100 * progress.Fraction;
            }
        }

        public void End(RunState run, string status)
        {
            var task = tasks[run.Point.Index - 1];
            task.Description = Markup.Escape($"{run.Point.Label} · {status}");
            if (status == Status.Finished)
                task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
