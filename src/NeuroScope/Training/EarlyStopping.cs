namespace NeuroScope.Training;

/// <summary>
/// Stops training when a metric stops improving, as Lightning's <c>EarlyStopping</c>: an epoch improves when the metric beats
/// the best so far by more than <see cref="MinDelta"/> (below best − minDelta in <see cref="EarlyStoppingMode.Min"/>, above
/// best + minDelta in <see cref="EarlyStoppingMode.Max"/>); after <see cref="Patience"/> epochs in a row without improvement,
/// or at a non-finite value when <see cref="CheckFinite"/> is set, it asks the trainer to stop.
/// </summary>
public sealed class EarlyStopping : TrainerCallback
{
    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The metric to watch: "loss" or a name the module logs.</param>
    /// <param name="patience">Epochs in a row without improvement before stopping, at least 0 (Lightning's default 3).</param>
    /// <param name="minDelta">The smallest change that counts as an improvement, a finite number ≥ 0.</param>
    /// <param name="mode">Whether lower or higher is better.</param>
    /// <param name="checkFinite">Stop as soon as the metric is NaN or infinite.</param>
    public EarlyStopping(string monitor = EpochMetrics.LossName, int patience = 3, double minDelta = 0, EarlyStoppingMode mode = EarlyStoppingMode.Min, bool checkFinite = true)
    {
        if (string.IsNullOrWhiteSpace(monitor))
            throw new ArgumentException("monitor must name a metric, for example \"loss\".", nameof(monitor));
        if (patience < 0)
            throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be at least 0.");
        if (!double.IsFinite(minDelta) || minDelta < 0)
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "minDelta must be a finite number ≥ 0.");
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "mode must be Min or Max.");
        Monitor = monitor;
        Patience = patience;
        MinDelta = minDelta;
        Mode = mode;
        CheckFinite = checkFinite;
        Reset();
    }

    /// <summary>The watched metric's name.</summary>
    public string Monitor { get; }

    /// <summary>Epochs in a row without improvement that are tolerated.</summary>
    public int Patience { get; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Whether lower or higher is better.</summary>
    public EarlyStoppingMode Mode { get; }

    /// <summary>Whether a NaN or infinite value stops training at once.</summary>
    public bool CheckFinite { get; }

    /// <summary>The best value seen in this fit (+∞ in Min mode and −∞ in Max mode before the first epoch).</summary>
    public double BestScore { get; private set; }

    /// <summary>The zero-based epoch of <see cref="BestScore"/>, or null before any improvement.</summary>
    public int? BestEpoch { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int WaitCount { get; private set; }

    /// <summary>The epoch at which this callback asked to stop, or null.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainStart(int maxEpochs) => Reset();

    /// <inheritdoc/>
    public override void OnEpochEnd(EpochMetrics metrics, TrainingControl control)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(control);
        if (!metrics.Values.TryGetValue(Monitor, out double current))
            throw new InvalidOperationException($"EarlyStopping monitors '{Monitor}', but epoch {metrics.Epoch} has only: {string.Join(", ", metrics.Values.Keys)}. Log it from the module or monitor one of these.");

        string? stop = null;
        if (CheckFinite && !double.IsFinite(current))
        {
            stop = $"Early stopping at epoch {metrics.Epoch}: '{Monitor}' is {InvariantFormat.Number(current)}; the best was {Format(BestScore)}.";
        }
        else if (Improves(current))
        {
            BestScore = current;
            BestEpoch = metrics.Epoch;
            WaitCount = 0;
        }
        else
        {
            WaitCount++;
            if (WaitCount >= Patience)
                stop = $"Early stopping at epoch {metrics.Epoch}: '{Monitor}' did not improve by more than {Format(MinDelta)} in the last {WaitCount} epochs; the best was {Format(BestScore)} at epoch {FormatEpoch(BestEpoch)}.";
        }
        if (stop is not null)
        {
            StoppedEpoch = metrics.Epoch;
            control.RequestStop(stop);
        }
    }

    // Lightning compares strictly: current − (−minDelta) < best for min, current − minDelta > best for max.
    private bool Improves(double current) => Mode == EarlyStoppingMode.Min
        ? current + MinDelta < BestScore
        : current - MinDelta > BestScore;

    private void Reset()
    {
        BestScore = Mode == EarlyStoppingMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
        BestEpoch = null;
        WaitCount = 0;
        StoppedEpoch = null;
    }

    private static string Format(double value) => InvariantFormat.Number(value);

    private static string FormatEpoch(int? epoch) => epoch is { } e ? InvariantFormat.Number(e) : "none";
}
