using NeuroScope.Experiments.Options;

namespace NeuroScope.Experiments;

/// <summary>
/// The base of every experiment: a config record whose properties carry <see cref="OptionAttribute"/> declarations,
/// a <see cref="Run"/> that reports progress and throws <see cref="OperationCanceledException"/> when cancelled, and
/// what a run directory gets from its result (summary with headline numbers, tables, files, pictures).
/// </summary>
/// <typeparam name="TConfig">The config record.</typeparam>
/// <typeparam name="TResult">The result record.</typeparam>
public abstract class Experiment<TConfig, TResult> : IExperiment
    where TConfig : class, new()
    where TResult : class
{
    /// <inheritdoc/>
    public abstract string Verb { get; }

    /// <inheritdoc/>
    public abstract string Title { get; }

    /// <inheritdoc/>
    public abstract string Description { get; }

    /// <inheritdoc/>
    public virtual IReadOnlyList<string> Examples => [Verb];

    /// <inheritdoc/>
    public virtual IReadOnlyList<ExperimentVariant> Variants => [];

    /// <inheritdoc/>
    public Type ConfigType => typeof(TConfig);

    /// <inheritdoc/>
    public OptionSet Options => OptionSet.For<TConfig>();

    /// <inheritdoc/>
    public abstract IReadOnlyList<string> MetricColumns { get; }

    /// <inheritdoc/>
    public virtual IReadOnlyList<string> CounterColumns => [];

    /// <inheritdoc/>
    public virtual IReadOnlyList<Picture> Pictures => [];

    /// <inheritdoc/>
    public virtual bool InTour => true;

    /// <inheritdoc/>
    public virtual IReadOnlyList<string> QuickArguments => [];

    /// <inheritdoc/>
    public virtual IReadOnlyList<string> TourArguments => [];

    /// <inheritdoc/>
    public virtual ExperimentSweep? TourSweep => null;

    /// <summary>Draws the pictures; set by the registry line, since drawing lives in the plotting assembly.</summary>
    public PictureWriter<TResult>? Draw { get; init; }

    /// <summary>Runs the experiment on a validated config; throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.</summary>
    public abstract TResult Run(TConfig config, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Throws a <see cref="ConfigException"/> naming the first field that is not allowed (declared ranges first, then the rules between fields).</summary>
    public abstract void Validate(TConfig config);

    /// <summary>The headline numbers of <paramref name="result"/>, with labels and units.</summary>
    public abstract IReadOnlyList<Headline> Headlines(TResult result);

    /// <summary>summary.json's document; it should carry <paramref name="headlines"/>.</summary>
    public abstract object Summary(TResult result, IReadOnlyList<Headline> headlines);

    /// <summary>The config of a variant (subcommand), or of the bare verb when <paramref name="variant"/> is null.</summary>
    public virtual TConfig ForVariant(TConfig config, string? variant) => config;

    /// <summary>The run directory's name when <c>--name</c> is not given: the verb.</summary>
    public virtual string RunName(TConfig config) => Verb;

    /// <summary>The levels a chart of a metric draws for <paramref name="config"/>; none by default.</summary>
    public virtual IReadOnlyList<ReferenceLine> ReferenceLines(TConfig config) => [];

    /// <summary>Lines worth printing before the run.</summary>
    public virtual IReadOnlyList<string> Preamble(TConfig config) => [];

    /// <summary>Tables of results for the console.</summary>
    public virtual IReadOnlyList<ResultTable> Tables(TResult result) => [];

    /// <summary>Sentences on the outcome.</summary>
    public virtual IReadOnlyList<string> Notes(TResult result) => [];

    /// <summary>Why the run failed, or null.</summary>
    public virtual string? Failure(TResult result) => null;

    /// <summary>Writes the experiment's own files besides config, metrics, summary and pictures.</summary>
    public virtual void WriteFiles(TResult result, IRunFiles files)
    {
    }

    object IExperiment.CreateConfig() => new TConfig();

    object IExperiment.ForVariant(object config, string? variant) => ForVariant((TConfig)config, variant);

    string IExperiment.RunName(object config) => RunName((TConfig)config);

    void IExperiment.Validate(object config) => Validate((TConfig)config);

    IReadOnlyList<string> IExperiment.Preamble(object config) => Preamble((TConfig)config);

    IReadOnlyList<ReferenceLine> IExperiment.ReferenceLines(object config) => ReferenceLines((TConfig)config);

    IExperimentRun IExperiment.Run(object config, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken) =>
        new Finished(this, Run((TConfig)config, progress, cancellationToken));

    private sealed class Finished(Experiment<TConfig, TResult> experiment, TResult result) : IExperimentRun
    {
        private IReadOnlyList<Headline>? _headlines;

        public object Result => result;

        public IReadOnlyList<Headline> Headlines => _headlines ??= experiment.Headlines(result);

        public object Summary => experiment.Summary(result, Headlines);

        public IReadOnlyList<ResultTable> Tables => experiment.Tables(result);

        public IReadOnlyList<string> Notes => experiment.Notes(result);

        public string? Failure => experiment.Failure(result);

        public void WriteFiles(IRunFiles files) => experiment.WriteFiles(result, files);

        public IReadOnlyList<string> DrawPictures(string folder, IProgress<ExperimentProgress>? progress) =>
            experiment.Draw?.Invoke(result, folder, progress) ?? [];
    }
}
