using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using NeuroScope.Compile;
using NeuroScope.Data;
using NeuroScope.Optim;
using NeuroScope.Training;

namespace NeuroScope.Experiments.Dose;

/// <summary>
/// The dose-response experiment: the <see cref="DoseNet{T}"/> learns its final bias from the doses 0, 0.5, 1 with targets
/// 0, 1, 0, by a plain SGD loop as a PyTorch script writes it and by the trainer with the learning-rate finder as
/// PyTorch Lightning runs it; the result also holds the exact minimizer of the training loss and the curves to plot.
/// </summary>
public static class DoseResponse
{
    /// <summary>The training doses.</summary>
    public static IReadOnlyList<double> Doses { get; } = [0, 0.5, 1];

    /// <summary>The training targets: only the middle dose works.</summary>
    public static IReadOnlyList<double> Targets { get; } = [0, 1, 0];

    /// <summary>Points of the fine dose grid over [0, 1].</summary>
    public const int FineGridPoints = 1001;

    /// <summary>Points of the final-bias grid of the loss curve.</summary>
    public const int LossCurvePoints = 401;

    /// <summary>Runs the experiment: validates <paramref name="config"/>, trains the ways its mode names, and evaluates the curves.</summary>
    /// <param name="config">The settings; invalid ones throw <see cref="ConfigException"/>.</param>
    /// <param name="progress">Receives a report per epoch (stage "plain" or "trainer", with loss, bias and lr), the finder's end (stage "lr_find"), and the reference script's printed lines as messages.</param>
    /// <param name="cancellationToken">Checked between epochs and steps; cancellation throws <see cref="OperationCanceledException"/>.</param>
    public static DoseResult Run(DoseConfig config, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        return config.IsFloat64
            ? Run<double>(config, progress, cancellationToken)
            : Run<float>(config, progress, cancellationToken);
    }

    /// <summary>
    /// The exact minimizer of L(b) = Σᵢ (relu(sᵢ + b) − yᵢ)². Between consecutive breakpoints −sᵢ the set A of doses with
    /// sᵢ + b &gt; 0 is fixed, so L is the quadratic Σ_A (sᵢ + b − yᵢ)² + Σ_not A yᵢ², minimized at the mean of yᵢ − sᵢ over A
    /// clamped to the interval (any point when A is empty); the best of these candidates is the global minimum.
    /// </summary>
    /// <param name="branchSums">sᵢ, the branch sum at each dose.</param>
    /// <param name="targets">yᵢ, as many as <paramref name="branchSums"/>.</param>
    public static DoseMinimum ExactMinimum(IReadOnlyList<double> branchSums, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(branchSums);
        ArgumentNullException.ThrowIfNull(targets);
        if (branchSums.Count != targets.Count || branchSums.Count == 0)
            throw new ArgumentException($"branchSums has {branchSums.Count} values and targets {targets.Count}; they need the same, positive count.", nameof(targets));

        var breakpoints = new List<double>(branchSums.Count);
        foreach (double s in branchSums)
            if (!breakpoints.Contains(-s))
                breakpoints.Add(-s);
        breakpoints.Sort();

        double bestBias = double.NaN, bestLoss = double.PositiveInfinity;
        for (int k = 0; k <= breakpoints.Count; k++)
        {
            double low = k == 0 ? double.NegativeInfinity : breakpoints[k - 1];
            double high = k == breakpoints.Count ? double.PositiveInfinity : breakpoints[k];
            // The active set is that of the interval's interior; its sign pattern holds on the open interval.
            double inside = double.IsNegativeInfinity(low) ? high - 1 : double.IsPositiveInfinity(high) ? low + 1 : (low + high) / 2;
            double sum = 0;
            int active = 0;
            for (int i = 0; i < branchSums.Count; i++)
            {
                if (branchSums[i] + inside > 0)
                {
                    sum += targets[i] - branchSums[i];
                    active++;
                }
            }
            double candidate = active == 0 ? inside : Math.Clamp(sum / active, low, high);
            double loss = LossAt(branchSums, targets, candidate);
            if (loss < bestLoss || (loss == bestLoss && candidate < bestBias))
            {
                bestLoss = loss;
                bestBias = candidate;
            }
        }
        int activeAtBest = 0;
        foreach (double s in branchSums)
            if (s + bestBias > 0)
                activeAtBest++;
        return new DoseMinimum(bestBias, bestLoss, activeAtBest);
    }

    /// <summary>L(b) = Σᵢ (relu(sᵢ + b) − yᵢ)² in double precision.</summary>
    public static double LossAt(IReadOnlyList<double> branchSums, IReadOnlyList<double> targets, double bias)
    {
        ArgumentNullException.ThrowIfNull(branchSums);
        ArgumentNullException.ThrowIfNull(targets);
        double loss = 0;
        for (int i = 0; i < branchSums.Count; i++)
        {
            double error = Math.Max(branchSums[i] + bias, 0) - targets[i];
            loss += error * error;
        }
        return loss;
    }

    private static DoseResult Run<T>(DoseConfig config, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var watch = Stopwatch.StartNew();
        var probe = new DoseNet<T>(config.InitialBias);
        var branchSums = Evaluate(probe, Doses, branch: true);

        var plain = config.RunsPlain ? RunPlain<T>(config, progress, cancellationToken) : null;
        var trainer = config.RunsTrainer ? RunTrainer<T>(config, progress, cancellationToken) : null;

        var minimum = ExactMinimum(branchSums, Targets);
        var fineDoses = Grid(0, 1, FineGridPoints);
        var gridDoses = Grid(0, 1, 11);
        var curves = new List<EffectivenessCurve> { Curve(probe, "before training", config.InitialBias, fineDoses, gridDoses) };
        if (plain is not null)
            curves.Add(Curve(probe, "plain loop", plain.FinalBias, fineDoses, gridDoses));
        if (trainer is not null)
            curves.Add(Curve(probe, "trainer", trainer.FinalBias, fineDoses, gridDoses));
        curves.Add(Curve(probe, "exact minimum", minimum.Bias, fineDoses, gridDoses));

        var lossCurve = LossCurve(probe, branchSums, config.InitialBias, minimum.Bias, plain?.FinalBias, trainer?.FinalBias);
        var fineBranchSums = Evaluate(probe, fineDoses, branch: true);
        return new DoseResult(config, Doses, Targets, branchSums, plain, trainer, minimum, lossCurve,
            fineDoses, gridDoses, fineBranchSums, curves, watch.Elapsed.TotalSeconds);
    }

    // The loop of the reference script: per sample, loss = (out − target)² and Backward() (gradients accumulate over the
    // epoch); the rule total < stopLoss is checked before stepping, so the stopping epoch takes no step.
    private static PlainLoopResult RunPlain<T>(DoseConfig config, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var watch = Stopwatch.StartNew();
        var net = new DoseNet<T>(config.InitialBias);
        var optimizer = new Sgd<T>(net.Parameters(), config.LearningRate);
        var inputs = new Tensor<T>[Doses.Count];
        var targets = new Tensor<T>[Doses.Count];
        for (int i = 0; i < Doses.Count; i++)
        {
            inputs[i] = Tensor.Scalar(T.CreateTruncating(Doses[i]));
            targets[i] = Tensor.Scalar(T.CreateTruncating(Targets[i]));
        }

        // One epoch as a compiled step: the three losses and the bias's gradient summed in the order Backward()
        // accumulates it (first sample's, plus the second's, plus the third's), so the same numbers as the
        // sample-by-sample loop of the script, without a graph per sample.
        var bias = net.FinalBias;
        var epochStep = Compiler.Compile<T>(_ =>
        {
            var outputs = new Tensor<T>[inputs.Length + 1];
            Tensor<T>? gradient = null;
            for (int i = 0; i < inputs.Length; i++)
            {
                var difference = net.Forward(inputs[i]) - targets[i];
                var loss = difference * difference;
                outputs[i] = loss;
                var g = Autograd.Grad(loss, bias);
                gradient = gradient is null ? g : gradient + g;
            }
            outputs[^1] = gradient!;
            return outputs;
        });

        var log = new List<string>();
        void Say(string line, int step, IReadOnlyDictionary<string, double>? metrics)
        {
            log.Add(line);
            progress?.Report(new ExperimentProgress("plain", step, config.Epochs, metrics, line));
        }

        Say($"Final bias, before optimization: {Format4(net.Bias)}", 0, null);
        var history = new List<DoseEpoch>();
        var reason = PlainStopReason.EpochCap;
        int steps = 0;
        for (int epoch = 0; epoch < config.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double total = 0;
            var epochOutputs = epochStep.Run();
            // The script adds float(loss), a Python float, so the total is a double sum of the T losses.
            for (int i = 0; i < inputs.Length; i++)
                total += double.CreateTruncating(epochOutputs[i].Item());
            bias.Grad = epochOutputs[^1];

            if (!double.IsFinite(total) || total < config.StopLoss)
            {
                reason = double.IsFinite(total) ? PlainStopReason.LossRule : PlainStopReason.Diverged;
                var last = new DoseEpoch(epoch, total, net.Bias, config.LearningRate);
                history.Add(last);
                Say(reason == PlainStopReason.LossRule
                        ? $"Num steps: {epoch}"
                        : $"The total loss is {total.ToString(CultureInfo.InvariantCulture)} at epoch {epoch}; stopped before stepping.",
                    epoch + 1, Metrics(last));
                optimizer.ZeroGrad();
                break;
            }

            optimizer.Step();
            optimizer.ZeroGrad();
            steps++;
            var record = new DoseEpoch(epoch, total, net.Bias, config.LearningRate);
            history.Add(record);
            Say($"Step: {epoch} Final Bias: {Format4(net.Bias)}", epoch + 1, Metrics(record));
        }
        Say($"Final bias, after optimization: {Format4(net.Bias)}", history.Count, null);
        return new PlainLoopResult(config.LearningRate, config.InitialBias, history.AsReadOnly(), steps, reason, net.Bias,
            history[^1].Loss, log.AsReadOnly(), watch.Elapsed.TotalSeconds);
    }

    // The Lightning way: a dataset of the three points repeated in order, batch size 1, no shuffling; the finder probes
    // from the initial state and restores it; the fit then starts from that same state at the suggested learning rate.
    private static TrainerRunResult RunTrainer<T>(DoseConfig config, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var net = new DoseNet<T>(config.InitialBias, config.TrainerLearningRate);
        var inputs = new T[config.TrainerSamples];
        var labels = new T[config.TrainerSamples];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = T.CreateTruncating(Doses[i % Doses.Count]);
            labels[i] = T.CreateTruncating(Targets[i % Targets.Count]);
        }
        var loader = new DataLoader<T>(new TensorDataset<T>(Tensor.FromArray(inputs, inputs.Length), Tensor.FromArray(labels, labels.Length)), batchSize: 1);
        var log = new List<string>();

        var watch = Stopwatch.StartNew();
        double biasBeforeFinder = net.Bias;
        var finder = new LearningRateFinder<T>(config.FinderMinLearningRate, config.FinderMaxLearningRate, config.FinderTrials,
            earlyStopThreshold: config.FinderEarlyStopThreshold);
        var found = finder.Find(net, loader, cancellationToken: cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        double biasAfterFinder = net.Bias;
        var suggestion = found.Suggested;
        double learningRate = suggestion.LearningRate ?? config.TrainerLearningRate;
        double finderSeconds = watch.Elapsed.TotalSeconds;
        string suggests = suggestion.HasValue
            ? string.Create(CultureInfo.InvariantCulture, $"lr_find() suggests {learningRate:F5} for the learning rate.")
            : string.Create(CultureInfo.InvariantCulture, $"lr_find() has no suggestion ({suggestion.Reason}); training at the initial {learningRate:F5}.");
        log.Add(suggests);
        progress?.Report(new ExperimentProgress("lr_find", found.StepsRun, config.FinderTrials, null, suggests));
        var curve = new FinderCurve(found.LearningRates, found.Losses, suggestion.LearningRate, suggestion.Index,
            found.Rule.ToString(), found.StopReason.ToString(), suggestion.HasValue ? found.StopMessage : suggestion.Reason!);

        watch.Restart();
        net.LearningRate = learningRate;
        double biasAtFitStart = net.Bias;
        var history = new List<DoseEpoch>();
        var reporter = new EpochReporter(metrics =>
        {
            var epoch = new DoseEpoch(metrics.Epoch, metrics.Loss, metrics["bias"], metrics["lr"]);
            history.Add(epoch);
            progress?.Report(new ExperimentProgress("trainer", metrics.Epoch + 1, config.TrainerEpochs, DoseResponse.Metrics(epoch)));
        });
        var fit = new Trainer<T>(config.TrainerEpochs, [reporter]).Fit(net, loader, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        string final = $"Final bias, after training: {Format4(net.Bias)}";
        log.Add(final);
        progress?.Report(new ExperimentProgress("trainer", history.Count, config.TrainerEpochs, null, final));
        return new TrainerRunResult(config.TrainerSamples, config.TrainerLearningRate, curve, learningRate, biasBeforeFinder,
            biasAfterFinder, biasAtFitStart, history.AsReadOnly(), fit.Steps, fit.StopReason.ToString(), net.Bias, log.AsReadOnly(),
            finderSeconds, watch.Elapsed.TotalSeconds);
    }

    private static EffectivenessCurve Curve<T>(DoseNet<T> net, string label, double bias, IReadOnlyList<double> fine, IReadOnlyList<double> grid)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double saved = net.Bias;
        net.Bias = bias;
        var curve = new EffectivenessCurve(label, bias, Evaluate(net, fine, branch: false), Evaluate(net, grid, branch: false));
        net.Bias = saved;
        return curve;
    }

    // L(b) as the net computes it in T, on a grid wide enough to show every breakpoint −sᵢ and every marked bias.
    private static BiasLossCurve LossCurve<T>(DoseNet<T> net, IReadOnlyList<double> branchSums, double initial, double minimum, double? plain, double? trainer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double low = Math.Min(initial, minimum), high = Math.Max(initial, minimum);
        foreach (double s in branchSums)
        {
            low = Math.Min(low, -s);
            high = Math.Max(high, -s);
        }
        foreach (var b in new[] { plain, trainer })
        {
            if (b is { } value && double.IsFinite(value))
            {
                low = Math.Min(low, value);
                high = Math.Max(high, value);
            }
        }
        double margin = Math.Max(1, 0.12 * (high - low));
        var biases = Grid(low - margin, high + margin, LossCurvePoints);
        var losses = new double[biases.Length];
        var x = Tensor.FromArray(ToT<T>(Doses), Doses.Count);
        var y = Tensor.FromArray(ToT<T>(Targets), Targets.Count);
        double saved = net.Bias;
        using (Autograd.NoGrad())
        {
            for (int k = 0; k < biases.Length; k++)
            {
                net.Bias = biases[k];
                var difference = net.Forward(x) - y;
                losses[k] = double.CreateTruncating((difference * difference).Sum().Item());
            }
        }
        net.Bias = saved;
        return new BiasLossCurve(biases, losses);
    }

    private static double[] Evaluate<T>(DoseNet<T> net, IReadOnlyList<double> doses, bool branch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var scope = Autograd.NoGrad();
        var x = Tensor.FromArray(ToT<T>(doses), doses.Count);
        var output = branch ? net.BranchSum(x) : net.Forward(x);
        var values = output.AsSpan();
        var result = new double[values.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = double.CreateTruncating(values[i]);
        return result;
    }

    private static T[] ToT<T>(IReadOnlyList<double> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[values.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = T.CreateTruncating(values[i]);
        return result;
    }

    // k/(n − 1) scaled, so the 11-point grid holds exactly 0, 0.1, …, 1 as doubles.
    private static double[] Grid(double low, double high, int count)
    {
        var grid = new double[count];
        for (int k = 0; k < count; k++)
            grid[k] = low + (high - low) * k / (count - 1);
        grid[^1] = high;
        return grid;
    }

    private static IReadOnlyDictionary<string, double> Metrics(DoseEpoch epoch) =>
        new Dictionary<string, double> { ["loss"] = epoch.Loss, ["bias"] = epoch.Bias, ["lr"] = epoch.LearningRate };

    // PyTorch prints a tensor's value with four decimals.
    private static string Format4(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private sealed class EpochReporter(Action<EpochMetrics> onEpoch) : TrainerCallback
    {
        public override void OnEpochEnd(EpochMetrics metrics, TrainingControl control) => onEpoch(metrics);
    }
}
