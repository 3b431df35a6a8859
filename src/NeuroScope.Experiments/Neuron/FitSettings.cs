using NeuroScope.Optim;

namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// How a fit runs: which parameters, the gradient source, the engine optimizer and its settings, per-parameter step
/// scales, and when to stop. Every value is checked by <see cref="Validate"/>.
/// </summary>
/// <remarks>
/// Step scaling: the optimizer works on u = θ/scale, so ∂L/∂u = scale·∂L/∂θ. Gradient descent then moves θ by
/// lr·scale²·g and Adam by about lr·scale, so a scale is "how far one unit of step goes in this parameter".
/// </remarks>
public sealed record FitSettings
{
    /// <summary>The parameters to fit (a subset of <see cref="LifParameters.Names"/>); the others stay at their initial values.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = ["tau", "v_threshold"];

    /// <summary>The gradient source; surrogate by default.</summary>
    public GradientSource Gradient { get; init; } = GradientSource.Surrogate;

    /// <summary>The optimizer; Adam by default.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>The learning rate (&gt; 0).</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>The momentum factor of <see cref="OptimizerKind.Momentum"/>, in [0, 1).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Adam's β₁, in [0, 1).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's β₂, in [0, 1).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>The most optimizer steps (≥ 0).</summary>
    public int Iterations { get; init; } = 300;

    /// <summary>Step scales by parameter name; a parameter left out has scale 1.</summary>
    public IReadOnlyDictionary<string, double>? StepScales { get; init; }

    /// <summary>The finite-difference step h for parameters not in <see cref="FiniteDifferenceSteps"/>.</summary>
    public double FiniteDifferenceStep { get; init; } = FiniteDifference.DefaultStep;

    /// <summary>Finite-difference steps by parameter name.</summary>
    public IReadOnlyDictionary<string, double>? FiniteDifferenceSteps { get; init; }

    /// <summary>The finite-difference scheme; central by default.</summary>
    public FiniteDifferenceScheme Scheme { get; init; } = FiniteDifferenceScheme.Central;

    /// <summary>The surrogate simulation's settings (shape, scale, reset gradient).</summary>
    public SurrogateSettings Surrogate { get; init; } = new();

    /// <summary>Stop when the loss is at most this (0: never).</summary>
    public double LossTolerance { get; init; }

    /// <summary>Record the loss every this many iterations (and at the end); in between, a central finite-difference fit skips the simulation at the current point and the history holds NaN. 1 records every iteration.</summary>
    public int LossEvery { get; init; } = 1;

    /// <summary>Stop when a step changes no parameter by more than this fraction of max(|θ|, 1) (0: never).</summary>
    public double RelativeTolerance { get; init; }

    /// <summary>The step scale of <paramref name="name"/>.</summary>
    public double ScaleOf(string name) => StepScales is not null && StepScales.TryGetValue(name, out double s) ? s : 1.0;

    /// <summary>The finite-difference step of <paramref name="name"/>.</summary>
    public double FiniteDifferenceStepOf(string name) =>
        FiniteDifferenceSteps is not null && FiniteDifferenceSteps.TryGetValue(name, out double h) ? h : FiniteDifferenceStep;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the setting, its value and what is allowed.</summary>
    public void Validate()
    {
        LifParameters.CheckNames(Parameters);
        Positive(LearningRate, nameof(LearningRate));
        Fraction(Momentum, nameof(Momentum));
        Fraction(Beta1, nameof(Beta1));
        Fraction(Beta2, nameof(Beta2));
        if (Iterations < 0)
            throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, $"FitSettings: Iterations must be at least 0, but was {Iterations}.");
        Positive(FiniteDifferenceStep, nameof(FiniteDifferenceStep));
        CheckMap(StepScales, nameof(StepScales));
        CheckMap(FiniteDifferenceSteps, nameof(FiniteDifferenceSteps));
        AtLeastZero(LossTolerance, nameof(LossTolerance));
        if (LossEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(LossEvery), LossEvery, "FitSettings: LossEvery must be at least 1.");
        AtLeastZero(RelativeTolerance, nameof(RelativeTolerance));
        ArgumentNullException.ThrowIfNull(Surrogate, nameof(Surrogate));
        if (!Enum.IsDefined(Gradient))
            throw new ArgumentOutOfRangeException(nameof(Gradient), Gradient, "FitSettings: Gradient must be FiniteDifference or Surrogate.");
        if (!Enum.IsDefined(Optimizer))
            throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, $"FitSettings: Optimizer must be one of {string.Join(", ", Optimizers.Names)}.");
    }

    private static void CheckMap(IReadOnlyDictionary<string, double>? map, string name)
    {
        if (map is null)
            return;
        foreach (var (key, value) in map)
        {
            LifParameters.IndexOf(key);
            Positive(value, $"{name}[{key}]");
        }
    }

    private static void Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"FitSettings: {name} must be a finite number greater than 0, but was {LifParameters.Format(value)}.");
    }

    private static void AtLeastZero(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"FitSettings: {name} must be a finite number of at least 0, but was {LifParameters.Format(value)}.");
    }

    private static void Fraction(double value, string name)
    {
        if (!(value >= 0 && value < 1))
            throw new ArgumentOutOfRangeException(name, value, $"FitSettings: {name} must lie in [0, 1), but was {LifParameters.Format(value)}.");
    }
}
