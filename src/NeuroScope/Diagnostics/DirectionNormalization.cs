namespace NeuroScope.Diagnostics;

/// <summary>How a loss-landscape direction d is rescaled to the parameters θ, so that plots of different networks are comparable (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets").</summary>
public enum DirectionNormalization
{
    /// <summary>No rescaling: d is used as given.</summary>
    None,

    /// <summary>Each parameter tensor's part of d is scaled to that tensor's norm: ‖dᵢ‖ = ‖θᵢ‖.</summary>
    Tensor,

    /// <summary>Filter normalization: each row ("filter") of a parameter of rank ≥ 2 is scaled so ‖dᵢ,ⱼ‖ = ‖θᵢ,ⱼ‖, and vectors and scalars as a whole as in <see cref="Tensor"/>.</summary>
    Filter,
}
