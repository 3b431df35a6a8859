using NeuroScope.Experiments.Options;

namespace NeuroScope.Experiments;

/// <summary>
/// The experiment contract as the CLI, the tour, <c>runs</c>, <c>replay</c> and the report see it: a verb, a config
/// type with declared options, a run, metric columns, a summary with headline numbers, and pictures. Implement it by
/// deriving from <see cref="Experiment{TConfig, TResult}"/>.
/// </summary>
public interface IExperiment
{
    /// <summary>The CLI verb and the name stored in run.json, e.g. "dose".</summary>
    string Verb { get; }

    /// <summary>A title for the report, e.g. "Dose response: one learnable bias".</summary>
    string Title { get; }

    /// <summary>What the experiment is, in a few sentences: the first is the one-line summary in <c>neuroscope --help</c>.</summary>
    string Description { get; }

    /// <summary>Example command lines for --help, without the leading <c>neuroscope</c>.</summary>
    IReadOnlyList<string> Examples { get; }

    /// <summary>Subcommands that preset the config and show only their options; empty for most experiments.</summary>
    IReadOnlyList<ExperimentVariant> Variants { get; }

    /// <summary>The config type.</summary>
    Type ConfigType { get; }

    /// <summary>The config's declared options.</summary>
    OptionSet Options { get; }

    /// <summary>The metric columns of metrics.csv (after <c>stage</c> and <c>step</c>).</summary>
    IReadOnlyList<string> MetricColumns { get; }

    /// <summary>The metric columns that only count, like the step (copy's <c>epoch</c>): charts leave them out, since drawn against the step they are a straight line.</summary>
    IReadOnlyList<string> CounterColumns { get; }

    /// <summary>The pictures a run draws, in story order.</summary>
    IReadOnlyList<Picture> Pictures { get; }

    /// <summary>Whether <c>neuroscope tour</c> runs it.</summary>
    bool InTour { get; }

    /// <summary>The extra CLI arguments of the tour's <c>--quick</c> run (tiny settings).</summary>
    IReadOnlyList<string> QuickArguments { get; }

    /// <summary>The extra CLI arguments of the tour's full run, where the defaults would not show what the tour talks about.</summary>
    IReadOnlyList<string> TourArguments { get; }

    /// <summary>A sweep the tour runs after this experiment's stop, or null.</summary>
    ExperimentSweep? TourSweep { get; }

    /// <summary>A new config with the defaults.</summary>
    object CreateConfig();

    /// <summary>The config of <paramref name="variant"/> (null for the bare verb) derived from <paramref name="config"/>.</summary>
    object ForVariant(object config, string? variant);

    /// <summary>The run directory's name when <c>--name</c> is not given.</summary>
    string RunName(object config);

    /// <summary>Throws a <see cref="ConfigException"/> naming the first field that is not allowed.</summary>
    void Validate(object config);

    /// <summary>The levels a chart of a metric draws for <paramref name="config"/> (fit: sharpness against 2/lr); empty for most.</summary>
    IReadOnlyList<ReferenceLine> ReferenceLines(object config);

    /// <summary>Lines worth printing before the run starts (what is fitted, on which device).</summary>
    IReadOnlyList<string> Preamble(object config);

    /// <summary>Runs the experiment. Cancellation is reported one way by every experiment: an <see cref="OperationCanceledException"/>.</summary>
    IExperimentRun Run(object config, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken);
}

/// <summary>A finished run of an <see cref="IExperiment"/>, ready to be written.</summary>
public interface IExperimentRun
{
    /// <summary>The result record.</summary>
    object Result { get; }

    /// <summary>The headline numbers.</summary>
    IReadOnlyList<Headline> Headlines { get; }

    /// <summary>summary.json's document (it holds the headlines too).</summary>
    object Summary { get; }

    /// <summary>Tables of results for the console.</summary>
    IReadOnlyList<ResultTable> Tables { get; }

    /// <summary>Sentences on the outcome, printed after the tables.</summary>
    IReadOnlyList<string> Notes { get; }

    /// <summary>Why the run failed (diverged), or null; a failed run exits 1 and keeps its files.</summary>
    string? Failure { get; }

    /// <summary>Writes the experiment's own files (learned parameters, extra CSVs).</summary>
    void WriteFiles(IRunFiles files);

    /// <summary>Draws the pictures into <paramref name="folder"/>; returns the files written.</summary>
    IReadOnlyList<string> DrawPictures(string folder, IProgress<ExperimentProgress>? progress);
}
