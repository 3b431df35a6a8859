namespace NeuroScope.Experiments.Dose;

/// <summary>One epoch of either way of training.</summary>
/// <param name="Epoch">The zero-based epoch.</param>
/// <param name="Loss">The plain loop: the epoch's total loss Σ (out − target)² over the three doses, at the bias the epoch started from; the trainer: the mean batch loss of the epoch.</param>
/// <param name="Bias">The final bias at the end of the epoch (after its optimizer steps, if any).</param>
/// <param name="LearningRate">The learning rate the epoch's steps used.</param>
public sealed record DoseEpoch(int Epoch, double Loss, double Bias, double LearningRate);
