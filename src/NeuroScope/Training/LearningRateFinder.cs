using System.Numerics;
using NeuroScope.Data;
using NeuroScope.Optim;

namespace NeuroScope.Training;

/// <summary>
/// The learning-rate range test, as PyTorch Lightning's <c>Tuner.lr_find</c> (exponential mode): it saves the parameters
/// and the optimizer state, trains for up to <see cref="NumTraining"/> steps while the learning rate grows geometrically
/// from <see cref="MinLearningRate"/> to <see cref="MaxLearningRate"/>, records the smoothed loss of each step, stops early
/// when that loss diverges, and restores the parameters and the optimizer state (learning rate included).
/// </summary>
/// <remarks>
/// Each step: set the learning rate, <c>optimizer.ZeroGrad()</c>, <c>loss = TrainingStep(batch)</c>, <c>loss.Backward()</c>,
/// <c>optimizer.Step()</c>; the loader is enumerated again whenever it runs out. With s = k + 1 optimizer steps taken
/// after step k (Lightning's <c>global_step</c> when its callback reads it), the recorded loss is
/// avg = β·avg + (1 − β)·loss and smoothed = avg / (1 − β^(s + 1)). The run stops after step k ≥ 1 when smoothed &gt;
/// threshold · best, where best is the smoothed loss of step 0 or any lower one since, and (beyond Lightning, whose
/// curve would stay NaN) as soon as the smoothed loss is not finite.
/// </remarks>
public sealed class LearningRateFinder<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Configures the range test.</summary>
    /// <param name="minLearningRate">The learning rate of step 0, positive (Lightning's <c>min_lr</c>, default 1e-8).</param>
    /// <param name="maxLearningRate">The learning rate of the last step, above <paramref name="minLearningRate"/> (Lightning's <c>max_lr</c>, default 1).</param>
    /// <param name="numTraining">The number of steps, at least 1 (Lightning's <c>num_training</c>, default 100).</param>
    /// <param name="earlyStopThreshold">Stop when the smoothed loss exceeds this multiple of the best one, positive, or null never to (default 4).</param>
    /// <param name="rule">The rule behind the result's <see cref="LearningRateFinderResult.Suggested"/>.</param>
    /// <param name="beta">The smoothing factor β of the loss average, in [0, 1) (Lightning's 0.98).</param>
    public LearningRateFinder(double minLearningRate = 1e-8, double maxLearningRate = 1, int numTraining = 100,
        double? earlyStopThreshold = 4, SuggestionRule rule = SuggestionRule.LogLrGradient, double beta = 0.98)
    {
        CheckSchedule(minLearningRate, maxLearningRate, numTraining);
        if (earlyStopThreshold is { } threshold && !(threshold > 0 && double.IsFinite(threshold)))
            throw new ArgumentOutOfRangeException(nameof(earlyStopThreshold), threshold, "earlyStopThreshold must be a positive, finite number, or null to never stop early.");
        if (!Enum.IsDefined(rule))
            throw new ArgumentOutOfRangeException(nameof(rule), rule, "rule must be LogLrGradient, LrGradient or Valley.");
        if (!(beta >= 0 && beta < 1))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be in [0, 1).");
        MinLearningRate = minLearningRate;
        MaxLearningRate = maxLearningRate;
        NumTraining = numTraining;
        EarlyStopThreshold = earlyStopThreshold;
        Rule = rule;
        Beta = beta;
    }

    /// <summary>The learning rate of step 0.</summary>
    public double MinLearningRate { get; }

    /// <summary>The learning rate of the last step.</summary>
    public double MaxLearningRate { get; }

    /// <summary>The number of steps the run takes unless it stops early.</summary>
    public int NumTraining { get; }

    /// <summary>The divergence threshold (a multiple of the best smoothed loss), or null.</summary>
    public double? EarlyStopThreshold { get; }

    /// <summary>The rule of the result's suggestion.</summary>
    public SuggestionRule Rule { get; }

    /// <summary>The smoothing factor of the loss average.</summary>
    public double Beta { get; }

    /// <summary>
    /// The learning rate of step <paramref name="step"/>, as Lightning's <c>_ExponentialLR</c>: minLearningRate at step 0, and
    /// minLearningRate · (maxLearningRate / minLearningRate)^((step + 1) / numTraining) for step ≥ 1, so the exponent jumps
    /// from 0 to 2/numTraining between steps 0 and 1 and the last step, numTraining − 1, reaches maxLearningRate.
    /// </summary>
    public static double LearningRateAt(int step, double minLearningRate, double maxLearningRate, int numTraining)
    {
        CheckSchedule(minLearningRate, maxLearningRate, numTraining);
        if (step < 0 || step >= numTraining)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"step must be in [0, {numTraining}).");
        return step == 0
            ? minLearningRate
            : minLearningRate * Math.Pow(maxLearningRate / minLearningRate, (double)(step + 1) / numTraining);
    }

    /// <summary>
    /// Runs the range test on <paramref name="module"/> with the batches of <paramref name="loader"/>, then restores the
    /// parameters' values and the optimizer's state and clears the gradients, also when the run is cancelled or throws.
    /// </summary>
    /// <param name="module">The module to probe.</param>
    /// <param name="loader">The batches; enumerated again when they run out.</param>
    /// <param name="optimizer">The optimizer to probe with; null to take one from <see cref="TrainingModule{T}.ConfigureOptimizer"/>.</param>
    /// <param name="cancellationToken">Checked between steps; a cancelled run returns what it recorded.</param>
    public LearningRateFinderResult Find(TrainingModule<T> module, IEnumerable<Batch<T>> loader, Optimizer<T>? optimizer = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(loader);
        optimizer ??= module.ConfigureOptimizer()
            ?? throw new InvalidOperationException($"{module.GetType().Name}.ConfigureOptimizer() returned null; it must return the optimizer to probe with.");

        var parameters = new List<Tensor<T>>();
        foreach (var p in module.Parameters())
            AddOnce(parameters, p);
        foreach (var p in optimizer.Parameters)
            AddOnce(parameters, p);
        var savedValues = new T[parameters.Count][];
        for (int i = 0; i < parameters.Count; i++)
            savedValues[i] = parameters[i].ToArray();
        var savedState = optimizer.SaveState();

        var learningRates = new List<double>(NumTraining);
        var losses = new List<double>(NumTraining);
        var reason = LearningRateFinderStopReason.Completed;
        string message = $"Ran all {NumTraining} steps.";
        var enumerator = loader.GetEnumerator();
        int batchIndex = 0;
        try
        {
            double average = 0, best = 0;
            for (int step = 0; step < NumTraining; step++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    reason = LearningRateFinderStopReason.Cancelled;
                    message = $"Cancelled after {step} steps.";
                    break;
                }
                var batch = NextBatch(loader, ref enumerator, ref batchIndex);

                double learningRate = LearningRateAt(step, MinLearningRate, MaxLearningRate, NumTraining);
                optimizer.LearningRate = learningRate;
                learningRates.Add(learningRate);
                optimizer.ZeroGrad();
                var loss = module.TrainingStep(batch, batchIndex - 1);
                if (loss is null || loss.Length != 1)
                    throw new InvalidOperationException($"{module.GetType().Name}.TrainingStep returned {(loss is null ? "null" : "a tensor of shape " + ShapeUtil.Format(loss.Dims))}; it must return the batch's scalar loss.");
                double value = double.CreateTruncating(loss.Item());
                loss.Backward();
                optimizer.Step();

                // Lightning reads global_step after the optimizer step, so the bias correction uses s + 1 = step + 2.
                int globalStep = step + 1;
                average = Beta * average + (1 - Beta) * value;
                double smoothed = average / (1 - Math.Pow(Beta, globalStep + 1));
                losses.Add(smoothed);

                if (!double.IsFinite(smoothed))
                {
                    reason = LearningRateFinderStopReason.NonFiniteLoss;
                    message = $"Stopped at step {step} (learning rate {InvariantFormat.Number(learningRate)}): the smoothed loss is {InvariantFormat.Number(smoothed)}.";
                    break;
                }
                if (EarlyStopThreshold is { } threshold && globalStep > 1 && smoothed > threshold * best)
                {
                    reason = LearningRateFinderStopReason.Diverged;
                    message = $"Stopped at step {step} (learning rate {InvariantFormat.Number(learningRate)}): the smoothed loss {InvariantFormat.Number(smoothed)} exceeds {InvariantFormat.Number(threshold)} times the best, {InvariantFormat.Number(best)}.";
                    break;
                }
                if (smoothed < best || globalStep == 1)
                    best = smoothed;
            }
        }
        finally
        {
            enumerator.Dispose();
            module.ResetLogged();
            for (int i = 0; i < parameters.Count; i++)
            {
                savedValues[i].CopyTo(parameters[i].AsSpan());
                parameters[i].ZeroGrad();
            }
            optimizer.LoadState(savedState);
            // LoadState restores the learning rate by contract; set it again so the run never leaves the last probe's rate behind.
            optimizer.LearningRate = savedState.LearningRate;
        }

        return new LearningRateFinderResult(learningRates.AsReadOnly(), losses.AsReadOnly(), losses.Count, reason, message, Rule);
    }

    private static Batch<T> NextBatch(IEnumerable<Batch<T>> loader, ref IEnumerator<Batch<T>> enumerator, ref int batchIndex)
    {
        if (enumerator.MoveNext())
        {
            batchIndex++;
            return enumerator.Current;
        }
        // Lightning's run spans epochs until max_steps, so a short loader is simply started again.
        enumerator.Dispose();
        enumerator = loader.GetEnumerator();
        batchIndex = 0;
        if (!enumerator.MoveNext())
            throw new ArgumentException("The loader yielded no batches; the learning-rate finder needs at least one.", nameof(loader));
        batchIndex++;
        return enumerator.Current;
    }

    private static void AddOnce(List<Tensor<T>> parameters, Tensor<T> parameter)
    {
        foreach (var p in parameters)
            if (ReferenceEquals(p, parameter))
                return;
        parameters.Add(parameter);
    }

    private static void CheckSchedule(double minLearningRate, double maxLearningRate, int numTraining)
    {
        if (!(minLearningRate > 0 && double.IsFinite(minLearningRate)))
            throw new ArgumentOutOfRangeException(nameof(minLearningRate), minLearningRate, "minLearningRate must be a positive, finite number.");
        if (!(maxLearningRate > minLearningRate && double.IsFinite(maxLearningRate)))
            throw new ArgumentOutOfRangeException(nameof(maxLearningRate), maxLearningRate, $"maxLearningRate must be finite and greater than minLearningRate ({InvariantFormat.Number(minLearningRate)}).");
        if (numTraining < 1)
            throw new ArgumentOutOfRangeException(nameof(numTraining), numTraining, "numTraining must be at least 1.");
    }
}
