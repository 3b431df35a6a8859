namespace NeuroScope.Training;

/// <summary>The metrics of one complete epoch: the mean batch loss under "loss" first, then the module's logged values (each the mean of its epoch's values) in order of first logging.</summary>
/// <param name="Epoch">The zero-based epoch, as Lightning's <c>current_epoch</c>.</param>
/// <param name="Step">The number of optimizer steps taken by the end of this epoch.</param>
/// <param name="Values">The metrics by name, "loss" first.</param>
public sealed record EpochMetrics(int Epoch, long Step, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>The name under which the epoch's mean loss is recorded.</summary>
    public const string LossName = "loss";

    /// <summary>The mean of the epoch's batch losses (each batch weighs the same).</summary>
    public double Loss => Values[LossName];

    /// <summary>The metric called <paramref name="name"/>; the exception lists the names that exist.</summary>
    public double this[string name] => Values.TryGetValue(name, out double value)
        ? value
        : throw new KeyNotFoundException($"Epoch {Epoch} has no metric '{name}'; it has: {string.Join(", ", Values.Keys)}.");
}
