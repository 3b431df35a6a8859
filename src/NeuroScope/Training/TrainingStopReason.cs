namespace NeuroScope.Training;

/// <summary>Why a <see cref="Trainer{T}"/> fit ended.</summary>
public enum TrainingStopReason
{
    /// <summary>All the requested epochs ran.</summary>
    MaxEpochs,

    /// <summary>A callback (for example <see cref="EarlyStopping"/>) asked to stop after an epoch.</summary>
    EarlyStopped,

    /// <summary>The cancellation token was cancelled; the epoch in progress, if any, was dropped from the metrics.</summary>
    Cancelled,

    /// <summary>A batch's loss was NaN or infinite; that step was not applied and its epoch was dropped from the metrics.</summary>
    Diverged,
}
