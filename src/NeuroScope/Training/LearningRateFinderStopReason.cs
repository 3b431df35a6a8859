namespace NeuroScope.Training;

/// <summary>Why a <see cref="LearningRateFinder{T}"/> run ended.</summary>
public enum LearningRateFinderStopReason
{
    /// <summary>All the requested steps ran.</summary>
    Completed,

    /// <summary>The smoothed loss exceeded the early-stop threshold times the best smoothed loss (Lightning's divergence check).</summary>
    Diverged,

    /// <summary>The smoothed loss became NaN or infinite.</summary>
    NonFiniteLoss,

    /// <summary>The cancellation token was cancelled between steps.</summary>
    Cancelled,
}
