namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// The configuration of the neuron experiment (config.json): the target neuron and the input, where fits start, the
/// loss, the gradient source and optimizer, and the landscape grid. Defaults are the recovery demo's.
/// </summary>
public sealed record NeuronConfig
{
    /// <summary>What to run.</summary>
    public NeuronMode Mode { get; init; } = NeuronMode.Demo;

    /// <summary>The constant input current in mV (20: the target fires three times in 200 ms).</summary>
    public double Current { get; init; } = 20.0;

    /// <summary>The current of the silent-neuron demo, mV (18: the target's plateau v_rest + I sits exactly at its threshold, so it never fires).</summary>
    public double SilentCurrent { get; init; } = 18.0;

    /// <summary>Simulated time, ms.</summary>
    public double Duration { get; init; } = 200.0;

    /// <summary>Euler time step, ms.</summary>
    public double Dt { get; init; } = 0.1;

    /// <summary>The neuron that generates the target (tau 25, v_rest −70, v_threshold −52, v_reset −75).</summary>
    public LifParameters Target { get; init; } = LifParameters.TargetDefault;

    /// <summary>Where fits start and landscapes are centred (tau 20, v_threshold −55; v_rest and v_reset as the target's).</summary>
    public LifParameters Initial { get; init; } = new(tau: 20.0, vRest: -70.0, vThreshold: -55.0, vReset: -75.0);

    /// <summary>Standard deviation of the target's measurement noise, mV.</summary>
    public double NoiseStandardDeviation { get; init; }

    /// <summary>Seed of the measurement noise.</summary>
    public int Seed { get; init; }

    /// <summary>The parameters to fit and to sweep.</summary>
    public string[] Parameters { get; init; } = ["tau", "v_threshold"];

    /// <summary>The loss of fits and landscapes.</summary>
    public LossKind Loss { get; init; } = LossKind.Combined;

    /// <summary>The weights of the combined loss; by default <see cref="LossWeights.Recovery"/>.</summary>
    public LossWeights Weights { get; init; } = LossWeights.Recovery;

    /// <summary>The gradient source of a fit.</summary>
    public GradientSource Gradient { get; init; } = GradientSource.Surrogate;

    /// <summary>The optimizer of a fit.</summary>
    public FitOptimizer Optimizer { get; init; } = FitOptimizer.Adam;

    /// <summary>The learning rate.</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>The most optimizer steps.</summary>
    public int Iterations { get; init; } = 300;

    /// <summary>The momentum factor of the momentum optimizer.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Adam's β₁.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's β₂ (0.99: forgets the large gradients of the first steps sooner than the usual 0.999).</summary>
    public double Beta2 { get; init; } = 0.99;

    /// <summary>Per-parameter step scales (the optimizer works on θ/scale); a parameter left out has scale 1.</summary>
    public Dictionary<string, double> StepScales { get; init; } = new() { ["v_threshold"] = 0.5 };

    /// <summary>The finite-difference step h, in each parameter's unit.</summary>
    public double FiniteDifferenceStep { get; init; } = FiniteDifference.DefaultStep;

    /// <summary>Whether threshold crossings are located inside their step (target and simulations).</summary>
    public bool Interpolate { get; init; }

    /// <summary>How the surrogate passes gradients through the reset.</summary>
    public ResetGradient Reset { get; init; } = ResetGradient.Detached;

    /// <summary>The fast-sigmoid surrogate's slope, per mV.</summary>
    public double SurrogateSlope { get; init; } = 25.0;

    /// <summary>Stop a fit when the loss is at most this (0: never).</summary>
    public double LossTolerance { get; init; }

    /// <summary>Stop a fit when a step changes no parameter by more than this fraction (0: never).</summary>
    public double RelativeTolerance { get; init; }

    /// <summary>Landscape ranges, [min, max] per entry of <see cref="Parameters"/>; null for ranges around the true values.</summary>
    public double[][]? Ranges { get; init; }

    /// <summary>Points per landscape axis.</summary>
    public int Points { get; init; } = 41;

    /// <summary>Throws a <see cref="ConfigException"/> naming the first field that is not allowed.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Mode))
            throw new ConfigException("mode", Mode.ToString(), "allowed: demo, silent, simulate, landscape, fit");
        RequireFinite("current", Current);
        RequireFinite("silentCurrent", SilentCurrent);
        ConfigException.RequirePositive("duration", Duration);
        ConfigException.RequirePositive("dt", Dt);
        if (Dt > Duration)
            throw new ConfigException("dt", Dt, $"it must not exceed duration ({LifParameters.Format(Duration)} ms)");
        if (Duration / Dt > 1_000_000)
            throw new ConfigException("dt", Dt, $"duration/dt must be at most 1000000 steps; it is {LifParameters.Format(Duration / Dt)}");
        CheckParameters("target", Target);
        CheckParameters("initial", Initial);
        ConfigException.RequireRange("noiseStandardDeviation", NoiseStandardDeviation, 0.0, 100.0);
        if (Parameters is null || Parameters.Length == 0)
            throw new ConfigException("parameters", "", $"name at least one of {string.Join(", ", LifParameters.Names)}");
        for (int i = 0; i < Parameters.Length; i++)
        {
            if (!LifParameters.Names.Contains(Parameters[i]))
                throw new ConfigException("parameters", Parameters[i], $"allowed: {string.Join(", ", LifParameters.Names)}");
            for (int j = 0; j < i; j++)
                if (Parameters[j] == Parameters[i])
                    throw new ConfigException("parameters", Parameters[i], "each parameter may appear once");
        }
        if (!Enum.IsDefined(Loss))
            throw new ConfigException("loss", Loss.ToString(), "allowed: " + string.Join(", ", Enum.GetNames<LossKind>()));
        if (Weights is null)
            throw new ConfigException("weights", null, "give the weights of the combined loss");
        ConfigException.RequirePositive("learningRate", LearningRate);
        ConfigException.RequireRange("iterations", Iterations, 0, 1_000_000);
        ConfigException.RequireRange("momentum", Momentum, 0.0, 0.999999);
        ConfigException.RequireRange("beta1", Beta1, 0.0, 0.999999);
        ConfigException.RequireRange("beta2", Beta2, 0.0, 0.999999);
        if (StepScales is not null)
        {
            foreach (var (name, scale) in StepScales)
            {
                if (!LifParameters.Names.Contains(name))
                    throw new ConfigException("stepScales", name, $"allowed: {string.Join(", ", LifParameters.Names)}");
                ConfigException.RequirePositive($"stepScales.{name}", scale);
            }
        }
        ConfigException.RequirePositive("finiteDifferenceStep", FiniteDifferenceStep);
        ConfigException.RequirePositive("surrogateSlope", SurrogateSlope);
        ConfigException.RequireRange("lossTolerance", LossTolerance, 0.0, double.MaxValue);
        ConfigException.RequireRange("relativeTolerance", RelativeTolerance, 0.0, 1.0);
        ConfigException.RequireRange("points", Points, 2, 501);
        if (Ranges is not null)
        {
            if (Ranges.Length != Parameters.Length)
                throw new ConfigException("ranges", Ranges.Length, $"give one [min, max] per parameter ({Parameters.Length})");
            for (int i = 0; i < Ranges.Length; i++)
            {
                var r = Ranges[i];
                if (r is null || r.Length != 2 || !double.IsFinite(r[0]) || !double.IsFinite(r[1]) || r[0] >= r[1])
                    throw new ConfigException("ranges", r is null ? null : string.Join(":", r), $"the range of {Parameters[i]} must be two finite numbers min:max with min < max");
            }
        }
        if (Mode == NeuronMode.Fit && Gradient == GradientSource.Surrogate && !DifferentiableLif.IsSupported(Problem(Current), out var reason))
            throw new ConfigException("gradient", "surrogate", reason!);
    }

    /// <summary>The fit settings these values describe.</summary>
    public FitSettings FitSettings() => new()
    {
        Parameters = Parameters,
        Gradient = Gradient,
        Optimizer = Optimizer,
        LearningRate = LearningRate,
        Momentum = Momentum,
        Beta1 = Beta1,
        Beta2 = Beta2,
        Iterations = Iterations,
        StepScales = StepScales,
        FiniteDifferenceStep = FiniteDifferenceStep,
        Surrogate = new SurrogateSettings { Slope = SurrogateSlope, Reset = Reset },
        LossTolerance = LossTolerance,
        RelativeTolerance = RelativeTolerance,
    };

    /// <summary>The target generated under <paramref name="current"/> mV with this configuration's grid, neuron and noise.</summary>
    public NeuronTarget MakeTarget(double current) => NeuronTarget.Generate(new TargetConfig
    {
        Parameters = Target,
        Grid = new TimeGrid(Dt, Duration),
        Current = InputCurrent.Constant(current),
        NoiseStandardDeviation = NoiseStandardDeviation,
        Seed = Seed,
        InterpolateSpikes = Interpolate,
    });

    /// <summary>The fitting problem under <paramref name="current"/> mV with this configuration's loss.</summary>
    public NeuronProblem Problem(double current) =>
        new(MakeTarget(current), Loss, new LossSettings { Weights = Weights }, Interpolate);

    /// <summary>The landscape range of parameter <paramref name="index"/>: the configured one, or a default window around the true value.</summary>
    public ParameterRange RangeOf(int index)
    {
        string name = Parameters[index];
        if (Ranges is not null)
            return new ParameterRange(name, Ranges[index][0], Ranges[index][1], Points);
        double truth = Target.Get(name);
        double half = name == "tau" ? 10.0 : 5.0;
        return new ParameterRange(name, truth - half, truth + half, Points);
    }

    private static void RequireFinite(string field, double value)
    {
        if (!double.IsFinite(value))
            throw new ConfigException(field, value, "it must be a finite number");
    }

    private static void CheckParameters(string field, LifParameters? parameters)
    {
        if (parameters is null)
            throw new ConfigException(field, null, "give tau, vRest, vThreshold and vReset");
        try
        {
            parameters.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(field, parameters.ToString(), e.Message.Split(" (Parameter", 2)[0].TrimEnd('.'));
        }
    }
}
