using System.Globalization;
using NeuroScope.Optim;

namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// The neuron experiment: learning a LIF neuron's parameters from its voltage trace. One entry point for every mode
/// (<see cref="NeuronMode"/>): the recovery demo, the silent-neuron demo, a simulation, landscapes, or one fit.
/// </summary>
public sealed partial class NeuronExperiment : Experiment<NeuronConfig, NeuronResult>
{
    /// <summary>The columns of the per-iteration metrics every fit reports.</summary>
    public static IReadOnlyList<string> FitColumns { get; } =
        ["loss", "tau", "v_rest", "v_threshold", "v_reset", "grad_tau", "grad_v_rest", "grad_v_threshold", "grad_v_reset"];

    /// <summary>Runs the mode <paramref name="config"/> names, reporting every fit iteration to <paramref name="progress"/>.</summary>
    /// <exception cref="ConfigException">A configuration value is not allowed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public override NeuronResult Run(NeuronConfig config, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        return config.Mode switch
        {
            NeuronMode.Demo => Demo(config, progress, cancellationToken),
            NeuronMode.Silent => Silent(config, progress, cancellationToken),
            NeuronMode.Simulate => Simulate(config),
            NeuronMode.Landscape => Landscapes(config, progress, cancellationToken),
            _ => SingleFit(config, progress, cancellationToken),
        };
    }

    /// <summary>
    /// The W5 benchmark's fit, on plain doubles: central differences (h = 1e-3 in each parameter) of the voltage MSE and
    /// SGD with PyTorch's momentum rule (0.9), lr 2, 200 iterations, fitting tau and v_threshold from 20 and −55 to a
    /// target with tau 25, v_threshold −52, v_reset −75, v_rest −70 under I = 15 mV, dt 0.1 ms, 1,000 steps.
    /// </summary>
    /// <remarks>At 15 mV neither neuron fires, so tau goes to 25.0001 and v_threshold keeps −55 (its gradient is exactly 0).</remarks>
    public static NeuronFitResult FiniteDifferenceBenchmark()
    {
        var problem = BenchmarkProblem();
        return NeuronFitter.Fit(problem, BenchmarkStart, BenchmarkSettings);
    }

    /// <summary>The W5 problem: the voltage MSE against the target under 15 mV for 100 ms (build it once, outside a timed loop).</summary>
    public static NeuronProblem BenchmarkProblem() => new(NeuronTarget.Generate(new TargetConfig
    {
        Parameters = LifParameters.TargetDefault,
        Grid = new TimeGrid(0.1, 100.0),
        Current = InputCurrent.Constant(15.0),
    }), NeuronLoss.Voltage);

    /// <summary>The W5 start: tau 20, v_rest −70, v_threshold −55, v_reset −75.</summary>
    public static LifParameters BenchmarkStart { get; } = new(tau: 20.0, vRest: -70.0, vThreshold: -55.0, vReset: -75.0);

    /// <summary>The W5 settings: tau and v_threshold, central FD with h = 1e-3, momentum 0.9, lr 2, 200 iterations.</summary>
    public static FitSettings BenchmarkSettings { get; } = new()
    {
        Parameters = ["tau", "v_threshold"],
        Gradient = GradientSource.FiniteDifference,
        Optimizer = OptimizerKind.Momentum,
        LearningRate = 2.0,
        Momentum = 0.9,
        Iterations = 200,
        FiniteDifferenceStep = 1e-3,
        // The workload asks for the final loss only, as the hand-derived loop computes it.
        LossEvery = 200,
    };

    private static NeuronResult Demo(NeuronConfig config, IProgress<ExperimentProgress>? progress, CancellationToken ct)
    {
        var plain = config with { Interpolate = false };
        var current = config.ParseCurrent("current", config.Current[0]);
        var target = plain.MakeTarget(current);
        var interpolatedTarget = (plain with { Interpolate = true }).MakeTarget(current);
        var recovery = new NeuronProblem(target, config.Loss, new LossSettings { Weights = config.Weights });
        var voltage = new NeuronProblem(target, NeuronLoss.Voltage);
        var earthMover = new NeuronProblem(target, NeuronLoss.EarthMover);
        var earthMoverInterpolated = new NeuronProblem(interpolatedTarget, NeuronLoss.EarthMover, null, InterpolateSpikes: true);
        var surrogate = config.FitSettings() with { Gradient = GradientSource.Surrogate };
        var fd = surrogate with { Gradient = GradientSource.FiniteDifference };
        double h = config.FiniteDifferenceStep, coarse = 0.05;

        var runs = new List<NeuronFitRun>();
        void Fit(string label, string description, NeuronProblem problem, FitSettings settings) =>
            runs.Add(FitOne(label, description, problem, config.Initial, settings, progress, ct));

        string loss = Describe(config.Loss, config.Weights);
        Fit("surrogate", $"surrogate gradient of {loss}, {Describe(surrogate)}", recovery, surrogate);
        Fit("surrogate, voltage MSE", $"surrogate gradient of the voltage MSE (the tutorials' loss), {Describe(surrogate)}", voltage, surrogate);
        Fit($"fd h={Format(h)}", $"central differences (h = {Format(h)}) of {loss}, {Describe(fd)}", recovery, fd);
        Fit($"fd h={Format(h)}, EMD", $"central differences (h = {Format(h)}) of the earth mover's distance, {Describe(fd)}", earthMover, fd);
        var fdCoarse = fd with { FiniteDifferenceStep = coarse, FiniteDifferenceSteps = null };
        Fit($"fd h={Format(coarse)}, EMD", $"central differences (h = {Format(coarse)}) of the earth mover's distance, {Describe(fdCoarse)}", earthMover, fdCoarse);
        Fit($"fd h={Format(h)}, EMD interp", $"central differences (h = {Format(h)}) of the earth mover's distance with interpolated crossings, {Describe(fd)}", earthMoverInterpolated, fd);

        // Near the truth, along v_threshold: ±1 mV for the shape, ±0.05 mV for the grain a finite difference sees
        // (plain crossings make a staircase of whole time steps, interpolated ones a continuous curve).
        ct.ThrowIfCancellationRequested();
        double threshold = config.Target.VThreshold;
        var wide = new ParameterRange("v_threshold", threshold - 1.0, threshold + 1.0, 201);
        var zoom = new ParameterRange("v_threshold", threshold - 0.05, threshold + 0.05, 201);
        var sweeps = new List<NamedLandscape>
        {
            Sweep("voltage MSE", voltage, config.Target, wide),
            Sweep(loss, recovery, config.Target, wide),
            Sweep("earth mover's distance (zoom)", earthMover, config.Target, zoom),
            Sweep("earth mover's distance, interpolated (zoom)", earthMoverInterpolated, config.Target, zoom),
        };
        progress?.Report(new ExperimentProgress("landscape", 0, 1, Message: "Computing the 2-D landscape."));
        var grid = GridOf(config, recovery, config.Initial);
        progress?.Report(new ExperimentProgress("landscape", 1, 1));

        var main = runs[0];
        var notes = new List<string>
        {
            $"The target fires {target.SpikeTimes.Length} spikes in {Format(config.Duration)} ms under {current.Name}; the initial neuron fires {recovery.Simulate(config.Initial).SpikeCount}.",
            $"The surrogate fit of {loss} recovers every parameter to within {Format(main.MaxError)} ({(main.MaxError <= 0.5 ? "inside" : "outside")} the 0.5 tolerance).",
            "The voltage MSE is dominated by resets at the wrong times: its surrogate gradient does not point to the truth, because the reset is detached and a misplaced spike is invisible to it except as a large voltage error.",
            $"Finite differences with h = {Format(h)} see a loss that is flat between spike-time jumps: a zero or an enormous difference. A step that moves a spike by a whole time step (h = {Format(coarse)}), or interpolated crossings, make a spike-time loss usable.",
        };
        return new NeuronResult(config, target, recovery.Simulate(config.Initial), runs, sweeps, grid, loss, notes);
    }

    private static NeuronResult Silent(NeuronConfig config, IProgress<ExperimentProgress>? progress, CancellationToken ct)
    {
        var plain = config with { Interpolate = false };
        var target = plain.MakeTarget(config.SilentCurrent);
        var problem = new NeuronProblem(target, config.Loss, new LossSettings { Weights = config.Weights });
        var firingCurrent = config.ParseCurrent("firingCurrent", config.FiringCurrent);
        var firing = new NeuronProblem(plain.MakeTarget(firingCurrent), config.Loss, new LossSettings { Weights = config.Weights });
        var surrogate = config.FitSettings() with { Gradient = GradientSource.Surrogate };
        string loss = Describe(config.Loss, config.Weights);
        double above = Math.Max(config.Target.VThreshold, config.Target.VRest + config.SilentCurrent) + 7.0;
        var high = config.Initial.With("v_threshold", above);
        string silentLabel = $"{Format(config.SilentCurrent)} mV alone";
        var runs = new List<NeuronFitRun>
        {
            FitOne(silentLabel, $"surrogate gradient of {loss} on the silent recording alone, from v_threshold {Format(config.Initial.VThreshold)}, {Describe(surrogate)}",
                problem, config.Initial, surrogate, progress, ct),
            FitOne($"{Format(config.SilentCurrent)} mV + firing", $"the same fit to two recordings at once, the silent one and one under {firingCurrent.Name}, minimising the sum of their losses, "
                + $"for {TwoRecordingSteps(config)} steps", [problem, firing], config.Initial, surrogate with { Iterations = TwoRecordingSteps(config) }, progress, ct),
            FitOne($"{silentLabel} from {Format(above)}", $"the silent recording alone from v_threshold {Format(above)}, above the plateau", problem, high, surrogate, progress, ct),
        };
        ct.ThrowIfCancellationRequested();
        var range = new ParameterRange("v_threshold", config.Target.VThreshold - 8.0, config.Target.VThreshold + 12.0, 201);
        var sweeps = new List<NamedLandscape>
        {
            Sweep(loss, problem, config.Target, range),
            Sweep("voltage MSE", new NeuronProblem(target, NeuronLoss.Voltage), config.Target, range),
            Sweep($"{loss}, firing recording", firing, config.Target, range),
        };
        var grid = GridOf(config, problem, config.Initial);
        var gradient = DifferentiableLif.Gradient(problem, high, ["tau", "v_threshold"], surrogate.Surrogate);
        double plateau = config.Target.VRest + config.SilentCurrent;
        var alone = runs[0].Result.Final;
        var both = runs[1];
        var notes = new List<string>
        {
            $"At {Format(config.SilentCurrent)} mV the target's membrane approaches v_rest + I = {Format(plateau)} mV and never reaches its threshold {Format(config.Target.VThreshold)} mV: it fires {target.SpikeTimes.Length} spikes.",
            $"Every v_threshold above {Format(plateau)} mV gives the same silent trace, so the loss is flat there and ∂L/∂v_threshold = {Format(gradient["v_threshold"])} exactly (at v_threshold {Format(above)}).",
            $"From {Format(config.Initial.VThreshold)} the fit to the silent recording alone raises v_threshold only until the simulated neuron falls silent ({Format(alone.VThreshold)}, tau {Format(alone.Tau)}); from {Format(above)} it never moves it.",
            $"Fitted together with a second recording under {firingCurrent.Name}, where the target fires {firing.Target.SpikeTimes.Length} spikes, both are recovered: tau {Format(both.Result.Final.Tau)}, v_threshold {Format(both.Result.Final.VThreshold)} (largest error {Format(both.MaxError)}).",
        };
        return new NeuronResult(config, target, problem.Simulate(config.Initial), runs, sweeps, grid, loss, notes);
    }

    // The two-recording fit gets twice the steps: in its first steps the model fires in the silent recording, with
    // gradients hundreds of times larger than near the end, and Adam (β₂ 0.99) needs a few hundred steps to forget them.
    private static int TwoRecordingSteps(NeuronConfig config) => 2 * config.Iterations;

    private static NeuronResult Simulate(NeuronConfig config)
    {
        var problem = config.Problems()[0];
        var initial = problem.Simulate(config.Initial);
        var target = problem.Target;
        var stats = initial.Statistics;
        var notes = new List<string>
        {
            $"Initial neuron ({config.Initial}): {stats.Count} spikes, {Format(stats.RateHz)} Hz, mean inter-spike interval {Format(stats.MeanInterSpikeInterval)} ms.",
            $"Target neuron ({config.Target}): {target.SpikeTimes.Length} spikes at {string.Join(", ", target.SpikeTimes.Select(t => Format(t)))} ms.",
        };
        return new NeuronResult(config, target, initial, [], [], null, "", notes);
    }

    private static NeuronResult Landscapes(NeuronConfig config, IProgress<ExperimentProgress>? progress, CancellationToken ct)
    {
        var problem = config.Problems()[0];
        string loss = Describe(config.Loss, config.Weights);
        var sweeps = new List<NamedLandscape>();
        for (int i = 0; i < config.Parameters.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            sweeps.Add(Sweep(loss, problem, config.Initial, config.RangeOf(i)));
            progress?.Report(new ExperimentProgress("landscape", i + 1, config.Parameters.Length + 1));
        }
        var grid = config.Parameters.Length >= 2 ? GridOf(config, problem, config.Initial) : null;
        progress?.Report(new ExperimentProgress("landscape", config.Parameters.Length + 1, config.Parameters.Length + 1));
        var notes = new List<string>();
        foreach (var sweep in sweeps)
            notes.Add($"{sweep.Landscape.Range.Name}: the smallest {loss} on the sweep is {Format(sweep.Landscape.MinimumLoss)} at {Format(sweep.Landscape.MinimumValue)} (true {Format(sweep.TrueValue)}).");
        if (grid is not null)
            notes.Add($"2-D: the smallest loss on the grid is {Format(grid.MinimumLoss)} at {grid.X.Name} = {Format(grid.Minimum.X)}, {grid.Y.Name} = {Format(grid.Minimum.Y)}.");
        return new NeuronResult(config, problem.Target, problem.Simulate(config.Initial), [], sweeps, grid, loss, notes);
    }

    private static NeuronResult SingleFit(NeuronConfig config, IProgress<ExperimentProgress>? progress, CancellationToken ct)
    {
        var problems = config.Problems();
        var settings = config.FitSettings();
        string loss = Describe(config.Loss, config.Weights);
        string source = settings.Gradient == GradientSource.Surrogate ? "surrogate gradient" : $"central differences (h = {Format(settings.FiniteDifferenceStep)})";
        string recordings = problems.Count == 1 ? "" : $" summed over {problems.Count} recordings";
        var run = FitOne(settings.Gradient == GradientSource.Surrogate ? "surrogate" : $"fd h={Format(settings.FiniteDifferenceStep)}",
            $"{source} of {loss}{recordings}{(config.Interpolate ? " with interpolated crossings" : "")}, {Describe(settings)}", problems, config.Initial, settings, progress, ct);
        var notes = new List<string> { $"{run.Label}: {run.Result.Message}; largest error {Format(run.MaxError)}." };
        for (int i = 0; i < problems.Count; i++)
            notes.Add($"Recording {i + 1} ({problems[i].Target.Config.Current.Name}): the target fires {problems[i].Target.SpikeTimes.Length} spikes, the fitted neuron {problems[i].Simulate(run.Result.Final).SpikeCount}, loss {Format(problems[i].Evaluate(run.Result.Final))}.");
        return new NeuronResult(config, problems[0].Target, problems[0].Simulate(config.Initial), [run], [], null, loss, notes);
    }

    private static NeuronFitRun FitOne(string label, string description, NeuronProblem problem, LifParameters initial, FitSettings settings,
        IProgress<ExperimentProgress>? progress, CancellationToken ct) =>
        FitOne(label, description, [problem], initial, settings, progress, ct);

    private static NeuronFitRun FitOne(string label, string description, IReadOnlyList<NeuronProblem> problems, LifParameters initial, FitSettings settings,
        IProgress<ExperimentProgress>? progress, CancellationToken ct)
    {
        var names = settings.Parameters;
        void Report(FitStep step)
        {
            if (progress is null)
                return;
            var metrics = new Dictionary<string, double> { ["loss"] = step.Loss };
            for (int i = 0; i < names.Count; i++)
            {
                metrics[names[i]] = step.Values[i];
                if (step.Gradient is not null)
                    metrics["grad_" + names[i]] = step.Gradient[i];
            }
            progress.Report(new ExperimentProgress(label, step.Iteration, settings.Iterations, metrics));
        }
        var result = NeuronFitter.Fit(problems, initial, settings, Report, ct);
        var run = new NeuronFitRun(label, description, problems, settings, result);
        var parts = new List<string>();
        foreach (var row in run.Recovery)
            parts.Add($"{row.Name} {Format(row.Learned)} (true {Format(row.True)})");
        progress?.Report(new ExperimentProgress(label, result.Steps, settings.Iterations,
            Message: $"{label}: {string.Join(", ", parts)}, loss {Format(result.FinalLoss)} after {result.Steps} steps in {result.Elapsed.TotalSeconds:F2} s ({result.Message})."));
        return run;
    }

    private static NamedLandscape Sweep(string loss, NeuronProblem problem, LifParameters center, ParameterRange range) =>
        new(loss, ParameterLandscape.Sweep(problem, center, range), problem.Target.Parameters.Get(range.Name));

    private static Landscape2D? GridOf(NeuronConfig config, NeuronProblem problem, LifParameters center)
    {
        if (config.Parameters.Length < 2)
            return null;
        return ParameterLandscape.Grid(problem, center, config.RangeOf(0), config.RangeOf(1));
    }

    /// <summary>A short description of a loss, e.g. "10·matched voltage + 0.1·earth mover's distance".</summary>
    public static string Describe(NeuronLoss loss, LossWeights weights)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(weights);
        if (loss != NeuronLoss.Combined)
            return loss.Label;
        var parts = new List<string>();
        foreach (var component in NeuronLoss.Components)
        {
            double w = weights.Of(component);
            if (w != 0)
                parts.Add(w == 1 ? component.Label : $"{Format(w)}·{component.Label}");
        }
        return parts.Count == 0 ? "an all-zero combined loss" : string.Join(" + ", parts);
    }

    private static string Describe(FitSettings settings)
    {
        string optimizer = settings.Optimizer switch
        {
            OptimizerKind.GradientDescent => $"gradient descent lr {Format(settings.LearningRate)}",
            OptimizerKind.Momentum => $"SGD momentum {Format(settings.Momentum)} lr {Format(settings.LearningRate)}",
            _ => $"Adam lr {Format(settings.LearningRate)} (β₂ {Format(settings.Beta2)})",
        };
        var scales = new List<string>();
        foreach (var name in settings.Parameters)
            if (settings.ScaleOf(name) != 1.0)
                scales.Add($"{name}×{Format(settings.ScaleOf(name))}");
        return optimizer + (scales.Count > 0 ? ", step scale " + string.Join(", ", scales) : "") + $", up to {settings.Iterations} steps";
    }

    private static string Format(double value) => (value + 0.0).ToString("0.####", CultureInfo.InvariantCulture);
}
