namespace NeuroScope.Experiments.Neuron;

/// <summary>Why a fit stopped.</summary>
public enum FitStop
{
    /// <summary>All iterations were taken.</summary>
    Iterations,

    /// <summary>The loss fell to the loss tolerance.</summary>
    LossTolerance,

    /// <summary>The largest relative parameter change of a step fell to the relative tolerance.</summary>
    RelativeChange,

    /// <summary>The loss or the gradient became NaN or infinite.</summary>
    Diverged,

    /// <summary>A step left the valid parameters (tau ≤ 0 or v_reset ≥ v_threshold); the fit keeps the last valid point.</summary>
    InvalidParameters,
}
