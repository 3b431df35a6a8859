using System.Numerics;
using NeuroScope.Data;

namespace NeuroScope.Training;

/// <summary>
/// Runs the training loop of a <see cref="TrainingModule{T}"/>, as PyTorch Lightning's <c>Trainer.fit</c> with automatic
/// optimization: for each batch, <c>optimizer.ZeroGrad()</c>, <c>loss = TrainingStep(batch)</c>, <c>loss.Backward()</c>,
/// <c>optimizer.Step()</c>; after each epoch, its metrics go to the callbacks.
/// </summary>
public sealed class Trainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TrainerCallback[] _callbacks;

    /// <summary>Creates a trainer.</summary>
    /// <param name="maxEpochs">The most epochs to run, at least 1 (Lightning's default is 1000).</param>
    /// <param name="callbacks">Callbacks, called in this order at each hook.</param>
    /// <param name="progress">Receives a report after every batch and every complete epoch, synchronously on the training thread (<see cref="Progress{T}"/> forwards them to its captured context, so they may arrive later).</param>
    public Trainer(int maxEpochs = 1000, IEnumerable<TrainerCallback>? callbacks = null, IProgress<TrainingProgress>? progress = null)
    {
        if (maxEpochs < 1)
            throw new ArgumentOutOfRangeException(nameof(maxEpochs), maxEpochs, "maxEpochs must be at least 1.");
        MaxEpochs = maxEpochs;
        _callbacks = callbacks is null ? [] : [.. callbacks];
        for (int i = 0; i < _callbacks.Length; i++)
            if (_callbacks[i] is null)
                throw new ArgumentException($"callbacks[{i}] is null.", nameof(callbacks));
        Progress = progress;
    }

    /// <summary>The most epochs a fit runs.</summary>
    public int MaxEpochs { get; }

    /// <summary>The callbacks, in the order they are called.</summary>
    public IReadOnlyList<TrainerCallback> Callbacks => _callbacks;

    /// <summary>Where progress is reported, or null.</summary>
    public IProgress<TrainingProgress>? Progress { get; }

    /// <summary>
    /// Trains <paramref name="module"/> on the batches of <paramref name="loader"/> (enumerated afresh each epoch) for up to
    /// <see cref="MaxEpochs"/> epochs, stopping early when a callback asks, when the token is cancelled (checked between
    /// batches) or when a loss is NaN or infinite. An epoch cut short is not recorded and reaches no callback.
    /// </summary>
    /// <returns>The completed epochs' metrics and why the fit stopped.</returns>
    public TrainingResult Fit(TrainingModule<T> module, IEnumerable<Batch<T>> loader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(loader);
        var optimizer = module.ConfigureOptimizer()
            ?? throw new InvalidOperationException($"{module.GetType().Name}.ConfigureOptimizer() returned null; it must return the optimizer to train with.");

        foreach (var callback in _callbacks)
            callback.OnTrainStart(MaxEpochs);

        var history = new List<EpochMetrics>();
        var control = new TrainingControl();
        var reason = TrainingStopReason.MaxEpochs;
        string message = $"Reached the maximum of {MaxEpochs} epochs.";
        long step = 0;
        long? divergedAt = null;
        module.GlobalStep = 0;

        for (int epoch = 0; epoch < MaxEpochs; epoch++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                reason = TrainingStopReason.Cancelled;
                message = $"Cancelled before epoch {epoch} started.";
                break;
            }

            module.CurrentEpoch = epoch;
            module.ResetLogged();
            double lossSum = 0;
            int batches = 0;
            bool cutShort = false;
            using (var batchEnumerator = loader.GetEnumerator())
            {
                while (true)
                {
                    // Checked before asking for the next batch, so a cancelled fit never leaves a step half done.
                    if (cancellationToken.IsCancellationRequested)
                    {
                        reason = TrainingStopReason.Cancelled;
                        message = $"Cancelled during epoch {epoch} after {batches} of its batches; that epoch was not recorded.";
                        cutShort = true;
                        break;
                    }
                    if (!batchEnumerator.MoveNext())
                        break;

                    optimizer.ZeroGrad();
                    var loss = module.TrainingStep(batchEnumerator.Current, batches);
                    double value = LossValue(loss, module);
                    if (!double.IsFinite(value))
                    {
                        // The update is not applied: gradients of a non-finite loss would only poison the parameters.
                        reason = TrainingStopReason.Diverged;
                        divergedAt = step;
                        message = $"The loss was {InvariantFormat.Number(value)} at step {step} (epoch {epoch}, batch {batches}); training stopped without applying that step, and epoch {epoch} was not recorded.";
                        cutShort = true;
                        break;
                    }
                    loss.Backward();
                    optimizer.Step();
                    step++;
                    module.GlobalStep = step;
                    lossSum += value;
                    batches++;
                    Progress?.Report(new TrainingProgress(epoch, MaxEpochs, batches, step, lossSum / batches, EpochCompleted: false));
                }
            }
            if (cutShort)
                break;
            if (batches == 0)
                throw new ArgumentException($"The loader yielded no batches in epoch {epoch}; a fit needs at least one batch per epoch.", nameof(loader));

            module.OnTrainEpochEnd(epoch);
            var values = new OrderedDictionary<string, double> { [EpochMetrics.LossName] = lossSum / batches };
            module.AppendLoggedMeans(values);
            var metrics = new EpochMetrics(epoch, step, new System.Collections.ObjectModel.ReadOnlyDictionary<string, double>(values));
            history.Add(metrics);
            foreach (var callback in _callbacks)
                callback.OnEpochEnd(metrics, control);
            Progress?.Report(new TrainingProgress(epoch, MaxEpochs, batches, step, metrics.Loss, EpochCompleted: true));
            if (control.StopRequested)
            {
                reason = TrainingStopReason.EarlyStopped;
                message = control.StopMessage!;
                break;
            }
        }

        var result = new TrainingResult(history.Count, history.AsReadOnly(), reason, message, step, divergedAt);
        foreach (var callback in _callbacks)
            callback.OnTrainEnd(result);
        return result;
    }

    private static double LossValue(Tensor<T> loss, TrainingModule<T> module)
    {
        if (loss is null)
            throw new InvalidOperationException($"{module.GetType().Name}.TrainingStep returned null; it must return the batch's scalar loss.");
        if (loss.Length != 1)
            throw new InvalidOperationException($"{module.GetType().Name}.TrainingStep returned a tensor of shape {ShapeUtil.Format(loss.Dims)}; it must return the batch's scalar loss (reduce it with Mean() or Sum()).");
        if (!loss.RequiresGrad)
            throw new InvalidOperationException($"{module.GetType().Name}.TrainingStep returned a loss that does not require grad, so no parameter would learn; compute it from the module's parameters outside NoGrad scopes.");
        return double.CreateTruncating(loss.Item());
    }
}
