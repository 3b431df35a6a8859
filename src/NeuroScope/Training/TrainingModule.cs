using System.Numerics;
using NeuroScope.Data;
using NeuroScope.Nn;
using NeuroScope.Optim;

namespace NeuroScope.Training;

/// <summary>
/// A model that knows how to train itself, as PyTorch Lightning's <c>LightningModule</c>: <see cref="TrainingStep"/>
/// maps a batch to the scalar loss, <see cref="ConfigureOptimizer"/> supplies the optimizer, and <see cref="Log(string, double)"/>
/// records extra named values that the <see cref="Trainer{T}"/> averages over each epoch.
/// </summary>
public abstract class TrainingModule<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // Sum and count of every value logged this epoch, in order of first logging (that order becomes the CSV's columns).
    private readonly OrderedDictionary<string, (double Sum, int Count)> _logged = [];

    /// <summary>The zero-based epoch being trained (Lightning's <c>current_epoch</c>); set by the trainer.</summary>
    public int CurrentEpoch { get; internal set; }

    /// <summary>The number of optimizer steps taken so far in the current fit (Lightning's <c>global_step</c>); set by the trainer.</summary>
    public long GlobalStep { get; internal set; }

    /// <summary>Computes the loss of one batch; it must be a one-element tensor that depends on the trained parameters.</summary>
    /// <param name="batch">The batch, as the loader yielded it.</param>
    /// <param name="batchIndex">The zero-based index of the batch within the current pass over the loader.</param>
    public abstract Tensor<T> TrainingStep(Batch<T> batch, int batchIndex);

    /// <summary>Creates the optimizer over this module's parameters; the trainer calls it once per fit.</summary>
    public abstract Optimizer<T> ConfigureOptimizer();

    /// <summary>Called after the last batch of each complete epoch, before its metrics are collected; values logged here count once.</summary>
    /// <param name="epoch">The zero-based epoch that just finished.</param>
    public virtual void OnTrainEpochEnd(int epoch)
    {
    }

    /// <summary>Records a named value for the current epoch; the epoch's metric is the mean of the values logged under that name.</summary>
    /// <param name="name">The metric's name: not empty, not "loss", "epoch" or "step" (the trainer's own columns), without commas, quotes or line breaks.</param>
    /// <param name="value">The value; non-finite values are kept (early stopping can react to them).</param>
    public void Log(string name, double value)
    {
        ValidateMetricName(name);
        _logged[name] = _logged.TryGetValue(name, out var entry) ? (entry.Sum + value, entry.Count + 1) : (value, 1);
    }

    /// <summary>Records the value of a one-element tensor under <paramref name="name"/>, as <see cref="Log(string, double)"/>.</summary>
    public void Log(string name, Tensor<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length != 1)
            throw new ArgumentException($"Log('{name}'): the value must be a one-element tensor, but its shape is {ShapeUtil.Format(value.Dims)}.", nameof(value));
        Log(name, double.CreateTruncating(value.Item()));
    }

    internal void ResetLogged() => _logged.Clear();

    internal void AppendLoggedMeans(OrderedDictionary<string, double> into)
    {
        foreach (var (name, (sum, count)) in _logged)
            into[name] = sum / count;
    }

    private static void ValidateMetricName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrWhiteSpace(name) || name != name.Trim())
            throw new ArgumentException($"The metric name '{name}' must be non-empty without leading or trailing spaces.", nameof(name));
        if (name is EpochMetrics.LossName or "epoch" or "step")
            throw new ArgumentException($"The metric name '{name}' is reserved: the trainer records 'epoch', 'step' and 'loss' itself.", nameof(name));
        foreach (char c in name)
            if (c is ',' or '"' || char.IsControl(c))
                throw new ArgumentException($"The metric name '{name}' contains a comma, a quote or a control character, which a CSV header cannot hold unquoted.", nameof(name));
    }
}
