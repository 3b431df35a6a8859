namespace NeuroScope.Experiments.Dose;

/// <summary>Why the plain SGD loop ended.</summary>
public enum PlainStopReason
{
    /// <summary>An epoch's total loss fell below the stop threshold; the loop stopped before stepping.</summary>
    LossRule,

    /// <summary>The loop ran its maximum number of epochs.</summary>
    EpochCap,

    /// <summary>An epoch's total loss was NaN or infinite; the loop stopped before stepping.</summary>
    Diverged,
}
