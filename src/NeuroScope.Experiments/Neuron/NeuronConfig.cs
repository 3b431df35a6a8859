using System.Text.Json.Serialization;
using NeuroScope.Experiments.Options;
using NeuroScope.Optim;

namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// The configuration of the neuron experiment (config.json): the target neuron and the input, where fits start, the
/// loss, the gradient source and optimizer, and the landscape grid. Defaults are the recovery demo's.
/// </summary>
public sealed record NeuronConfig
{
    /// <summary>What to run.</summary>
    [Option("What to run; the subcommands silent, simulate, landscape and fit choose it too.", Only = [])]
    public NeuronMode Mode { get; init; } = NeuronMode.Demo;

    /// <summary>
    /// The input currents in the current syntax (<see cref="Currents"/>), one per recording: by default 20 mV, at which the
    /// target fires three times in 200 ms. The fit mode fits all of them at once; the other modes take one.
    /// </summary>
    [Option("Input current in the current syntax listed below: a number in mV (20: the target fires three times in 200 ms), or terms such as \"20 + sine(amplitude=5,period=25)\"; "
        + "fit takes several, one per recording, separated by ';'.", Syntax = typeof(CurrentSyntax), Only = ["simulate", "landscape", "fit"])]
    [JsonConverter(typeof(CurrentListConverter))]
    public string[] Current { get; init; } = ["20"];

    /// <summary>
    /// Measured target voltage traces, CSV files of time (ms), voltage (mV) rows on the run's grid, one per current; null to
    /// simulate the target neuron instead. Spikes are found by their resets to the target's v_reset.
    /// </summary>
    [Option("Measured target traces: CSV files of time (ms), voltage (mV) rows at 0, dt, … up to --duration, one per current in the same order, separated by ','; none: simulate the --target neuron.",
        Syntax = typeof(TraceFilesSyntax), Only = ["simulate", "landscape", "fit"])]
    public string[]? TargetVoltage { get; init; }

    /// <summary>The current of the silent-neuron demo, mV (18: the target's plateau v_rest + I sits exactly at its threshold, so it never fires).</summary>
    [Option("The silent demo's current: the target's plateau v_rest + I sits exactly at its threshold.", Unit = "mV", Finite = true, Only = ["silent"])]
    public double SilentCurrent { get; init; } = 18.0;

    /// <summary>The silent demo's second recording, at which the target fires: fitted together with the silent one, it reveals the threshold.</summary>
    [Option("The silent demo's second recording, at which the target fires, in the current syntax: fitted together with the silent one, it reveals the threshold.", Only = ["silent"])]
    public string FiringCurrent { get; init; } = "pulse(start=20,stop=180,amplitude=25)";

    /// <summary>Simulated time, ms.</summary>
    [Option("Simulated time.", Unit = "ms", Min = 0, MinExclusive = true)]
    public double Duration { get; init; } = 200.0;

    /// <summary>Euler time step, ms.</summary>
    [Option("Euler time step.", Unit = "ms", Min = 0, MinExclusive = true)]
    public double Dt { get; init; } = 0.1;

    /// <summary>The neuron that generates the target (tau 25, v_rest −70, v_threshold −52, v_reset −75).</summary>
    [Option("The neuron that generates the target, as name=value pairs; names left out keep their value.", Syntax = typeof(LifParametersSyntax))]
    public LifParameters Target { get; init; } = LifParameters.TargetDefault;

    /// <summary>Where fits start and landscapes are centred (tau 20, v_threshold −55; v_rest and v_reset as the target's).</summary>
    [Option("Where fits start and landscapes are centred, as name=value pairs; names left out keep their value.", Syntax = typeof(LifParametersSyntax))]
    public LifParameters Initial { get; init; } = new(tau: 20.0, vRest: -70.0, vThreshold: -55.0, vReset: -75.0);

    /// <summary>Standard deviation of the target's measurement noise, mV.</summary>
    [Option("Standard deviation of the target's measurement noise.", Name = "--noise", Unit = "mV", Min = 0, Max = 100)]
    public double NoiseStandardDeviation { get; init; }

    /// <summary>Seed of the measurement noise.</summary>
    [Option("Seed of the measurement noise.")]
    public int Seed { get; init; }

    /// <summary>The parameters to fit and to sweep.</summary>
    [Option("Parameters to fit and sweep, comma-separated: tau, v_rest, v_threshold, v_reset.", Name = "--params", Only = ["silent", "landscape", "fit"])]
    public string[] Parameters { get; init; } = ["tau", "v_threshold"];

    /// <summary>The loss of fits and landscapes.</summary>
    [Option("The loss of fits and landscapes (combined: the weighted sum of --weights).", Syntax = typeof(NeuronLossSyntax), Choices = nameof(NeuronLoss.Names), ChoicesType = typeof(NeuronLoss), Only = ["silent", "landscape", "fit"])]
    public NeuronLoss Loss { get; init; } = NeuronLoss.Combined;

    /// <summary>The weights of the combined loss; by default <see cref="LossWeights.Recovery"/>.</summary>
    [Option("The weights of the combined loss as loss=weight pairs; losses left out keep their weight.", Syntax = typeof(LossWeightsSyntax), Only = ["silent", "landscape", "fit"])]
    public LossWeights Weights { get; init; } = LossWeights.Recovery;

    /// <summary>The gradient source of a fit.</summary>
    [Option("Gradient source of a fit: fd (finite differences) or surrogate (autodiff through the simulation).", Only = ["fit"])]
    public GradientSource Gradient { get; init; } = GradientSource.Surrogate;

    /// <summary>The optimizer of a fit.</summary>
    [Option("Optimizer of a fit.", Only = ["silent", "fit"])]
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>The learning rate.</summary>
    [Option("Learning rate of a fit.", Min = 0, MinExclusive = true, Only = ["silent", "fit"])]
    public double LearningRate { get; init; } = 0.2;

    /// <summary>The most optimizer steps.</summary>
    [Option("Most optimizer steps of a fit.", Min = 0, Max = 1_000_000, Only = ["silent", "fit"])]
    public int Iterations { get; init; } = 300;

    /// <summary>The momentum factor of the momentum optimizer.</summary>
    [Option("Momentum factor of --optimizer momentum.", Min = 0, Max = 0.999999, Only = ["silent", "fit"])]
    public double Momentum { get; init; } = 0.9;

    /// <summary>Adam's β₁.</summary>
    [Option("Adam's beta1.", Min = 0, Max = 0.999999, Only = ["silent", "fit"])]
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's β₂ (0.99: forgets the large gradients of the first steps sooner than the usual 0.999).</summary>
    [Option("Adam's beta2 (0.99 forgets the large gradients of the first steps sooner than the usual 0.999).", Min = 0, Max = 0.999999, Only = ["silent", "fit"])]
    public double Beta2 { get; init; } = 0.99;

    /// <summary>Per-parameter step scales (the optimizer works on θ/scale); a parameter left out has scale 1.</summary>
    [Option("Per-parameter step scales as name=value pairs (the optimizer works on θ/scale); a parameter left out has scale 1.", Name = "--step-scale", Min = 0, MinExclusive = true, Only = ["silent", "fit"])]
    public Dictionary<string, double> StepScales { get; init; } = new() { ["v_threshold"] = 0.5 };

    /// <summary>The finite-difference step h, in each parameter's unit.</summary>
    [Option("Finite-difference step h, in each parameter's unit.", Name = "--fd-step", Min = 0, MinExclusive = true, Only = ["fit"])]
    public double FiniteDifferenceStep { get; init; } = FiniteDifference.DefaultStep;

    /// <summary>Whether threshold crossings are located inside their step (target and simulations).</summary>
    [Option("Locate each threshold crossing inside its time step (target and simulations).")]
    public bool Interpolate { get; init; }

    /// <summary>How the surrogate passes gradients through the reset.</summary>
    [Option("How the surrogate passes gradients through the reset: detached (as snnTorch) or full.", Only = ["silent", "fit"])]
    public ResetGradient Reset { get; init; } = ResetGradient.Detached;

    /// <summary>The fast-sigmoid surrogate's slope, per mV.</summary>
    [Option("The fast-sigmoid surrogate's slope.", Unit = "1/mV", Min = 0, MinExclusive = true, Only = ["silent", "fit"])]
    public double SurrogateSlope { get; init; } = 25.0;

    /// <summary>Stop a fit when the loss is at most this (0: never).</summary>
    [Option("Stop a fit when the loss is at most this; 0 never stops early.", Min = 0, Only = ["silent", "fit"])]
    public double LossTolerance { get; init; }

    /// <summary>Stop a fit when a step changes no parameter by more than this fraction (0: never).</summary>
    [Option("Stop a fit when a step changes no parameter by more than this fraction; 0 never stops early.", Min = 0, Max = 1, Only = ["silent", "fit"])]
    public double RelativeTolerance { get; init; }

    /// <summary>Landscape ranges, [min, max] per entry of <see cref="Parameters"/>; null for ranges around the true values.</summary>
    [Option("Landscape ranges min:max per parameter, comma-separated, e.g. 15:35,-57:-47 (write --range=-57:-47 when the first is negative); none: around the true values.", Name = "--range", Syntax = typeof(RangesSyntax), Only = ["silent", "landscape"])]
    public double[][]? Ranges { get; init; }

    /// <summary>Points per landscape axis.</summary>
    [Option("Points per landscape axis.", Min = 2, Max = 501, Only = ["silent", "landscape"])]
    public int Points { get; init; } = 41;

    /// <summary>Throws a <see cref="ConfigException"/> naming the first field that is not allowed.</summary>
    public void Validate()
    {
        OptionSet.For<NeuronConfig>().Validate(this);
        if (Dt > Duration)
            throw new ConfigException("dt", Dt, $"it must not exceed duration ({LifParameters.Format(Duration)} ms)");
        if (Duration / Dt > 1_000_000)
            throw new ConfigException("dt", Dt, $"duration/dt must be at most 1000000 steps; it is {LifParameters.Format(Duration / Dt)}");
        CheckParameters("target", Target);
        if (Current is null || Current.Length == 0)
            throw new ConfigException("current", null, "give at least one current, e.g. 20 or pulse(start=20,stop=80,amplitude=25)");
        if (Current.Length > 1 && Mode != NeuronMode.Fit)
            throw new ConfigException("current", string.Join("; ", Current), $"only the fit mode takes several currents (one per recording); {Mode.ToString().ToLowerInvariant()} takes one");
        foreach (var text in Current)
            ParseCurrent("current", text);
        ParseCurrent("firingCurrent", FiringCurrent);
        if (TargetVoltage is not null)
        {
            if (Mode is NeuronMode.Demo or NeuronMode.Silent)
                throw new ConfigException("targetVoltage", string.Join(",", TargetVoltage), "measured traces are fitted by the fit mode (and shown by simulate and landscape); the demos make their own targets");
            if (TargetVoltage.Length != Current.Length)
                throw new ConfigException("targetVoltage", string.Join(",", TargetVoltage),
                    $"give one trace file per current: {Current.Length} current{(Current.Length == 1 ? "" : "s")}, {TargetVoltage.Length} file{(TargetVoltage.Length == 1 ? "" : "s")}");
            foreach (var path in TargetVoltage)
                ReadVoltage(path);
        }
        CheckParameters("initial", Initial);
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
        if (Loss is null)
            throw new ConfigException("loss", null, "allowed: " + string.Join(", ", NeuronLoss.Names));
        if (Weights is null)
            throw new ConfigException("weights", null, "give the weights of the combined loss");
        if (StepScales is not null)
        {
            foreach (var name in StepScales.Keys)
                if (!LifParameters.Names.Contains(name))
                    throw new ConfigException("stepScales", name, $"allowed: {string.Join(", ", LifParameters.Names)}");
        }
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
        if (Mode == NeuronMode.Fit && Gradient == GradientSource.Surrogate && !DifferentiableLif.IsSupported(Problems()[0], out var reason))
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

    /// <summary>The simulation grid, dt over the duration.</summary>
    public TimeGrid Grid() => new(Dt, Duration);

    /// <summary>Parses a current written in the current syntax on this configuration's grid; a bad one is a <see cref="ConfigException"/> naming <paramref name="field"/>.</summary>
    public InputCurrent ParseCurrent(string field, string? text)
    {
        try
        {
            return Currents.Parse(text ?? "", Grid());
        }
        catch (FormatException e)
        {
            throw new ConfigException(field, text, e.Message);
        }
    }

    /// <summary>The target generated under <paramref name="current"/> mV with this configuration's grid, neuron and noise.</summary>
    public NeuronTarget MakeTarget(double current) => MakeTarget(InputCurrent.Constant(current));

    /// <summary>The target generated under <paramref name="current"/> with this configuration's grid, neuron and noise.</summary>
    public NeuronTarget MakeTarget(InputCurrent current) => NeuronTarget.Generate(TargetConfigFor(current));

    /// <summary>The fitting problem under <paramref name="current"/> mV with this configuration's loss.</summary>
    public NeuronProblem Problem(double current) => Problem(MakeTarget(current));

    /// <summary>The fitting problem of <paramref name="target"/> with this configuration's loss.</summary>
    public NeuronProblem Problem(NeuronTarget target) => new(target, Loss, new LossSettings { Weights = Weights }, Interpolate);

    /// <summary>One problem per recording: the target simulated under each current, or read from <see cref="TargetVoltage"/>.</summary>
    public IReadOnlyList<NeuronProblem> Problems()
    {
        var problems = new NeuronProblem[Current.Length];
        for (int i = 0; i < problems.Length; i++)
        {
            var current = ParseCurrent("current", Current[i]);
            var target = TargetVoltage is null
                ? MakeTarget(current)
                : NeuronTarget.Measured(TargetConfigFor(current), ReadVoltage(TargetVoltage[i]));
            problems[i] = Problem(target);
        }
        return problems;
    }

    private TargetConfig TargetConfigFor(InputCurrent current) => new()
    {
        Parameters = Target,
        Grid = Grid(),
        Current = current,
        NoiseStandardDeviation = NoiseStandardDeviation,
        Seed = Seed,
        InterpolateSpikes = Interpolate,
    };

    private double[] ReadVoltage(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ConfigException("targetVoltage", path, "give the path of a CSV file of time (ms), voltage (mV) rows");
        try
        {
            return TraceFile.Read(path, Grid(), "voltage (mV)");
        }
        catch (FormatException e)
        {
            throw new ConfigException("targetVoltage", path, e.Message);
        }
    }

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
