using System.Globalization;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Options;

namespace NeuroScope.Cli.Tests.Contract;

/// <summary>The settings of <see cref="MeanExperiment"/>: every field declared once as an option.</summary>
public sealed record MeanConfig
{
    /// <summary>The numbers whose mean is learned.</summary>
    [Option("The numbers whose mean is learned.", Finite = true)]
    public double[] Values { get; init; } = [1, 2, 3, 6];

    /// <summary>Where the estimate starts.</summary>
    [Option("Where the estimate starts.", Finite = true)]
    public double Start { get; init; }

    /// <summary>The gradient-descent step size.</summary>
    [Option("Step size of gradient descent.", Min = 0, Max = 1, MinExclusive = true)]
    public double LearningRate { get; init; } = 0.1;

    /// <summary>The gradient-descent steps.</summary>
    [Option("Gradient-descent steps.", Min = 1, Max = 10_000)]
    public int Steps { get; init; } = 50;

    /// <summary>The rules between fields.</summary>
    public void Validate()
    {
        OptionSet.For<MeanConfig>().Validate(this);
        if (Values.Length == 0)
            throw new ConfigException("values", "", "give at least one number");
    }
}

/// <summary>What <see cref="MeanExperiment"/> learned.</summary>
public sealed record MeanResult(MeanConfig Config, double Estimate, double Mean, double[] Path);

/// <summary>summary.json of a mean run.</summary>
public sealed record MeanSummary(double Estimate, double Mean, IReadOnlyList<Headline> Headlines);

/// <summary>
/// A fifth experiment that only the tests know: gradient descent on L(x) = mean((x − vᵢ)²) learns the mean of some
/// numbers. It exists to exercise the experiment contract with something that is not one of the four.
/// </summary>
public sealed class MeanExperiment : Experiment<MeanConfig, MeanResult>
{
    public override string Verb => "mean";

    public override string Title => "Mean: gradient descent finds an average";

    public override string Description => "Learn the mean of some numbers by gradient descent on the mean squared distance.";

    public override IReadOnlyList<string> Examples => ["mean", "mean --values 1,2,3 --learning-rate 0.2"];

    public override IReadOnlyList<string> MetricColumns => ["loss", "estimate"];

    public override bool InTour => false;

    public override IReadOnlyList<Picture> Pictures => [new("estimate.svg", "The estimate per step, approaching the mean.")];

    public override MeanResult Run(MeanConfig config, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        double mean = config.Values.Average(), x = config.Start;
        var path = new List<double> { x };
        for (int step = 1; step <= config.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double loss = config.Values.Average(v => (x - v) * (x - v));
            x -= config.LearningRate * 2 * (x - mean);
            path.Add(x);
            progress?.Report(new ExperimentProgress("descent", step, config.Steps, new Dictionary<string, double> { ["loss"] = loss, ["estimate"] = x }));
        }
        return new MeanResult(config, x, mean, [.. path]);
    }

    public override void Validate(MeanConfig config) => config.Validate();

    public override IReadOnlyList<Headline> Headlines(MeanResult result) =>
        [new("estimate", result.Estimate), new("error", Math.Abs(result.Estimate - result.Mean))];

    public override object Summary(MeanResult result, IReadOnlyList<Headline> headlines) => new MeanSummary(result.Estimate, result.Mean, headlines);

    /// <summary>A picture without a plotting library: the estimate's path as an SVG polyline.</summary>
    public static IReadOnlyList<string> DrawPath(MeanResult result, string folder, IProgress<ExperimentProgress>? progress)
    {
        double top = Math.Max(result.Path.Max(), 1e-9);
        var points = result.Path.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{i * 400.0 / Math.Max(1, result.Path.Length - 1):F1},{200 - v / top * 180:F1}"));
        string path = Path.Combine(folder, "estimate.svg");
        File.WriteAllText(path, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"200\"><polyline fill=\"none\" stroke=\"black\" points=\"{string.Join(' ', points)}\"/></svg>");
        return [path];
    }
}
