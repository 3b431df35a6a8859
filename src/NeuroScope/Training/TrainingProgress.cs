namespace NeuroScope.Training;

/// <summary>A progress report from the <see cref="Trainer{T}"/>, sent after every batch and once more when an epoch completes.</summary>
/// <param name="Epoch">The zero-based epoch being trained.</param>
/// <param name="MaxEpochs">The most epochs the fit will run.</param>
/// <param name="BatchesDone">How many batches of this epoch have been trained.</param>
/// <param name="Step">The number of optimizer steps taken so far.</param>
/// <param name="Loss">The mean loss of this epoch's batches so far (the epoch's loss once it completes).</param>
/// <param name="EpochCompleted">True for the report sent after the epoch's metrics were recorded and the callbacks ran.</param>
public sealed record TrainingProgress(int Epoch, int MaxEpochs, int BatchesDone, long Step, double Loss, bool EpochCompleted);
